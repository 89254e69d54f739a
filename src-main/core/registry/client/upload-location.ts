import { RegistryError } from '../errors.js';
import { sameOrigin } from '../transport/policy.js';
import type { RegistryResponse } from '../transport/types.js';
import { header } from './manifests.js';

export interface UploadLocation {
  path: string;
  query: Record<string, string>;
}

/**
 * Where an upload session continues: the `Location` of the registry's answer, relative or absolute,
 * resolved against the URL that answered. It must stay on the registry's own origin and under /v2/:
 * the blob's bytes and our credentials go there, and a registry may not aim them at another host.
 */
export function uploadLocation(response: RegistryResponse, host: string): UploadLocation {
  const location = header(response.headers, 'location');
  if (location === undefined || location.trim() === '') {
    throw new RegistryError('PROTOCOL_ERROR', `${host} started an upload without saying where to send it.`, {
      status: response.status,
      details: { host },
    });
  }
  let url: URL;
  try {
    url = new URL(location, response.url);
  } catch {
    throw new RegistryError('PROTOCOL_ERROR', `${host} sent an upload location that is not a URL.`, {
      details: { host, location: location.slice(0, 200) },
    });
  }
  if (!sameOrigin(url, response.url)) {
    throw new RegistryError(
      'CROSS_HOST_REFUSED',
      `${host} asked for the upload to go to another host (${url.origin}); refused.`,
      { details: { host, location: url.origin } },
    );
  }
  if (!url.pathname.startsWith('/v2/')) {
    throw new RegistryError('PROTOCOL_ERROR', `${host} sent an upload location outside /v2/.`, {
      details: { host, location: url.pathname.slice(0, 200) },
    });
  }
  return { path: url.pathname, query: Object.fromEntries(url.searchParams) };
}
