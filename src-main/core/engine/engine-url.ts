import { InvalidInputError } from '../errors.js';

/** An engine URL taken apart: where connect() dials. */
export type EngineAddress =
  | { kind: 'unix'; path: string }
  | { kind: 'npipe'; path: string }
  | { kind: 'tcp'; scheme: 'tcp' | 'http' | 'https'; host: string; port?: number }
  | { kind: 'ssh'; host: string; port?: number; username?: string };

const SCHEMES = 'unix://, npipe://, tcp://, http://, https:// or ssh://';

/**
 * Parses the URLs the docker CLI accepts for an engine (`-H`, DOCKER_HOST, a context's Host).
 * Never touches the network. Bad input throws InvalidInputError with what to type instead.
 */
export function parseEngineUrl(url: string): EngineAddress {
  const text = url.trim();
  const scheme = /^([a-z]+):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme === 'unix') {
    const path = text.slice('unix://'.length);
    if (!path.startsWith('/'))
      throw invalid(url, 'a unix socket needs an absolute path, as in unix:///var/run/docker.sock');
    return { kind: 'unix', path };
  }
  if (scheme === 'npipe') {
    const path = text.slice('npipe://'.length);
    if (path === '') throw invalid(url, 'a named pipe needs a path, as in npipe:////./pipe/docker_engine');
    return { kind: 'npipe', path };
  }
  if (scheme === 'tcp' || scheme === 'http' || scheme === 'https' || scheme === 'ssh') {
    const parsed = parseUrl(url, text);
    if (parsed.hostname === '') throw invalid(url, 'a host name is missing');
    if (parsed.pathname !== '' && parsed.pathname !== '/') throw invalid(url, 'an engine URL has no path');
    const port = parsed.port === '' ? undefined : Number(parsed.port);
    // URL keeps IPv6 literals bracketed; Node's http and ssh2 want them bare.
    const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
    const portPart = port === undefined ? {} : { port };
    if (scheme === 'ssh') {
      const userPart = parsed.username === '' ? {} : { username: decodeURIComponent(parsed.username) };
      return { kind: 'ssh', host, ...portPart, ...userPart };
    }
    return { kind: 'tcp', scheme, host, ...portPart };
  }
  throw invalid(url, `use ${SCHEMES}`);
}

function parseUrl(original: string, text: string): URL {
  try {
    return new URL(text);
  } catch {
    throw invalid(original, 'it is not a valid URL');
  }
}

function invalid(url: string, why: string): InvalidInputError {
  return new InvalidInputError(`"${url}" is not an engine URL: ${why}.`, { url });
}
