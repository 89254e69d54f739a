import { InvalidInputError } from '../../errors.js';
import { digestOf } from '../../oci/digest.js';
import { pushScope } from './blob-upload.js';
import type { ClientContext } from './context.js';
import { header } from './manifests.js';
import { checkManifestReference, checkRepository } from './names.js';

export interface ManifestPutResult {
  /** Computed from the bytes sent. */
  digest: string;
  /** A Docker-Content-Digest that disagrees with the bytes: worth telling, not fatal (the bytes are ours). */
  warnings: string[];
}

/**
 * `PUT /v2/<repo>/manifests/<tag|digest>` of exactly `bytes` (so the digest is kept), with
 * `mediaType` as Content-Type. Every blob and child manifest it names must already be there: the
 * registry refuses the manifest otherwise (MANIFEST_BLOB_UNKNOWN).
 */
export async function manifestPut(
  ctx: ClientContext,
  repo: string,
  reference: string,
  bytes: Buffer,
  mediaType: string,
  signal?: AbortSignal,
): Promise<ManifestPutResult> {
  checkRepository(repo);
  const wanted = checkManifestReference(reference);
  if (!mediaType) throw new InvalidInputError('a manifest media type is required');
  const digest = digestOf(bytes);
  if (wanted.kind === 'digest' && wanted.value !== digest) {
    throw new InvalidInputError(`the manifest's bytes hash to ${digest}, not ${wanted.value}`);
  }
  const response = await ctx.transport.request({
    method: 'PUT',
    path: `/v2/${repo}/manifests/${wanted.value}`,
    headers: { 'content-type': mediaType },
    body: bytes,
    scopes: [pushScope(repo)],
    ...(signal ? { signal } : {}),
  });
  await response.dump();
  const named = header(response.headers, 'docker-content-digest');
  const warnings =
    named === undefined || named === digest
      ? []
      : [
          `${ctx.host} said the manifest it stored is ${named.slice(0, 200)}, but its bytes hash to ${digest}.`,
        ];
  return { digest, warnings };
}
