/** Short words for the engines table: where an engine came from and how its connection is secured. */
import type { EngineEndpoint } from '../../../../src-main/core/engine/types.js';

/** The source column: DOCKER_HOST, docker context <name>, default socket, added in Stevedore. */
export function sourceLabel(endpoint: EngineEndpoint): string {
  switch (endpoint.source) {
    case 'env':
      return 'DOCKER_HOST';
    case 'context':
      return `docker context ${endpoint.name}`;
    case 'default':
      return 'default socket';
    case 'user':
      return 'added in Stevedore';
  }
}

export interface TlsLabel {
  label: string;
  /** Longer words for a tooltip, when the label alone does not say it all. */
  detail?: string;
  /** Plain TCP: anyone on the network can read and drive the engine. */
  insecure?: boolean;
}

/**
 * The TLS column, following how main connects (src-main/core/engine/connect.ts): tcp:// speaks
 * TLS with a certificate folder, with verification asked for, or on port 2376; https:// always.
 */
export function tlsLabel(endpoint: EngineEndpoint): TlsLabel {
  const scheme = schemeOf(endpoint.url);
  if (scheme === 'unix' || scheme === 'npipe') return { label: '—', detail: 'A local socket: no network.' };
  if (scheme === 'ssh') return { label: 'SSH', detail: 'Encrypted by the SSH connection.' };
  const port = /:(\d+)\/?$/.exec(endpoint.url)?.[1];
  const speaksTls =
    scheme === 'https' ||
    (scheme === 'tcp' &&
      (endpoint.tlsCertPath !== undefined || endpoint.tlsVerify === true || port === '2376'));
  if (!speaksTls) return { label: 'none', detail: 'Plain TCP: not encrypted.', insecure: true };
  const certs = endpoint.tlsCertPath ? `Certificates in ${endpoint.tlsCertPath}.` : 'No client certificate.';
  return endpoint.tlsVerify === false
    ? { label: 'TLS, not verified', detail: `${certs} Any server certificate is accepted.` }
    : { label: 'TLS', detail: `${certs} The server certificate is verified.` };
}

/** `tcp` for `tcp://host:2376`, in lower case; undefined when the text has no scheme yet. */
export function schemeOf(url: string): string | undefined {
  return /^([a-z]+):\/\//i.exec(url.trim())?.[1]?.toLowerCase();
}
