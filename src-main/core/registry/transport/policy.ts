import { InvalidInputError } from '../../errors.js';
import { registryHost } from '../../reference/index.js';
import { RegistryError } from '../errors.js';

/**
 * Where requests may go and what travels with them. The rules, and why, are in ../README.md
 * ("Where credentials go").
 */

export type Scheme = 'https' | 'http';

/** `localhost`, 127.0.0.0/8 and [::1]: the hosts dockerd also lets speak plain HTTP. */
export function isLoopbackHost(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/**
 * The API host for a host as references write it (`docker.io` → `registry-1.docker.io`), checked to
 * be a bare `host[:port]`.
 */
export function apiHostFor(host: string): string {
  const apiHost = registryHost({ domain: host.toLowerCase() });
  const refuse = () =>
    new InvalidInputError(`"${clip(host)}" is not a registry host (expected host or host:port)`, {
      host: clip(host),
    });
  if (apiHost === '' || /[\s/?#@\\]/.test(apiHost)) throw refuse();
  try {
    new URL(`https://${apiHost}`);
  } catch {
    throw refuse();
  }
  return apiHost;
}

/**
 * The schemes to try, in order. HTTPS always first; plain HTTP after it only for loopback hosts
 * (as dockerd) and hosts the user marked insecure. Every other host is HTTPS only.
 */
export function schemesFor(apiHost: string, insecure: boolean): Scheme[] {
  return insecure || isLoopbackHost(new URL(`https://${apiHost}`).hostname) ? ['https', 'http'] : ['https'];
}

export function sameOrigin(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.host === b.host;
}

/**
 * The token realm a registry named in its challenge, if we may send credentials there:
 * - on the registry's own host name, or under its parent domain (Docker Hub's realm is
 *   auth.docker.io beside registry-1.docker.io; GitLab's is gitlab.com beside registry.gitlab.com):
 *   a registry cannot aim our credentials, or our requests, at an unrelated host (SSRF),
 * - over HTTPS; plain HTTP only on the registry's own host when the registry itself is plain HTTP,
 *   or on a loopback host when the registry is on loopback too,
 * - never a loopback host for a registry elsewhere (a remote registry must not aim us at this machine).
 */
export function checkRealm(realm: string, baseUrl: URL, host: string): URL {
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    throw new RegistryError(
      'PROTOCOL_ERROR',
      `${host} named a token service that is not a URL ("${clip(realm)}").`,
      {
        details: { host, realm: clip(realm) },
      },
    );
  }
  const details = { host, realm: url.origin };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RegistryError(
      'PROTOCOL_ERROR',
      `${host} named a token service that is not http(s): ${url.origin}.`,
      {
        details,
      },
    );
  }
  const registryOnLoopback = isLoopbackHost(baseUrl.hostname);
  if (isLoopbackHost(url.hostname) && !registryOnLoopback) {
    throw new RegistryError(
      'CROSS_HOST_REFUSED',
      `${host} asked for credentials to be sent to ${url.host} on this machine; refused.`,
      { details },
    );
  }
  if (!registryOnLoopback && !relatedHost(url.hostname, baseUrl.hostname)) {
    throw new RegistryError(
      'CROSS_HOST_REFUSED',
      `${host} asked for credentials to be sent to ${url.host}, which is not part of ${baseUrl.hostname}; refused.`,
      { details },
    );
  }
  if (url.protocol === 'https:') return url;
  if (url.host === baseUrl.host && baseUrl.protocol === 'http:') return url;
  if (registryOnLoopback && isLoopbackHost(url.hostname)) return url;
  if (url.host === baseUrl.host) {
    throw new RegistryError(
      'INSECURE_REFUSED',
      `${host} asked for credentials over plain HTTP (${url.origin}); refused. Mark ${host} insecure only if you trust the network.`,
      { details },
    );
  }
  throw new RegistryError(
    'CROSS_HOST_REFUSED',
    `${host} asked for credentials to be sent over plain HTTP to another host (${url.host}); refused.`,
    { details },
  );
}

/**
 * A redirect target, if we may follow it. Blob downloads go to storage on other hosts (S3, CDNs):
 * allowed, without Authorization (the caller drops it). No downgrade from an HTTPS registry to plain
 * HTTP, and no redirect into this machine from a registry elsewhere.
 */
export function checkRedirect(target: URL, baseUrl: URL, host: string): void {
  const details = { host, location: target.origin };
  if (target.protocol !== 'https:' && target.protocol !== 'http:') {
    throw new RegistryError(
      'PROTOCOL_ERROR',
      `${host} redirected to a non-http(s) URL (${target.protocol}).`,
      {
        details,
      },
    );
  }
  if (isLoopbackHost(target.hostname) && !isLoopbackHost(baseUrl.hostname)) {
    throw new RegistryError(
      'CROSS_HOST_REFUSED',
      `${host} redirected to ${target.host} on this machine; refused.`,
      { details },
    );
  }
  if (target.protocol === 'http:' && baseUrl.protocol === 'https:') {
    throw new RegistryError(
      'INSECURE_REFUSED',
      `${host} redirected from HTTPS to plain HTTP (${target.origin}); refused.`,
      { details },
    );
  }
}

/**
 * The next page of a paginated answer, from its `Link` target (relative or absolute): only on the
 * registry's own host and under /v2/. Only path and query are kept: the request goes to our base URL.
 */
export function checkLink(
  target: string,
  responseUrl: URL,
  baseUrl: URL,
  host: string,
): { path: string; query: Record<string, string> } {
  let url: URL;
  try {
    url = new URL(target, responseUrl);
  } catch {
    throw new RegistryError(
      'PROTOCOL_ERROR',
      `${host} sent a next-page link that is not a URL ("${clip(target)}").`,
      {
        details: { host, link: clip(target) },
      },
    );
  }
  if (url.host !== baseUrl.host) {
    throw new RegistryError(
      'CROSS_HOST_REFUSED',
      `${host} sent a next-page link to another host (${url.host}); refused.`,
      { details: { host, link: url.origin } },
    );
  }
  if (!url.pathname.startsWith('/v2/')) {
    throw new RegistryError(
      'PROTOCOL_ERROR',
      `${host} sent a next-page link outside /v2/ (${clip(url.pathname)}).`,
      {
        details: { host, link: clip(url.pathname) },
      },
    );
  }
  return { path: url.pathname, query: Object.fromEntries(url.searchParams) };
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * Whether `candidate` belongs to the same site as the registry host: the same name, or a name under
 * the registry's parent domain when that parent still has two labels (registry-1.docker.io → docker.io).
 * Without a public suffix list, a registry at a three-label apex under a two-label suffix
 * (`example.co.uk`) would let `other.co.uk` through; such registries are rare, and the realm must
 * still be HTTPS.
 */
function relatedHost(candidate: string, registry: string): boolean {
  const a = candidate.toLowerCase();
  const b = registry.toLowerCase();
  if (a === b) return true;
  if (/^[\d.]+$|^\[/.test(b)) return false;
  const labels = b.split('.');
  if (labels.length < 3) return false;
  const parent = labels.slice(1).join('.');
  return a === parent || a.endsWith(`.${parent}`);
}
