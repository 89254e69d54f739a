import { verifyDigest } from '../../oci/digest.js';
import { parseDigest } from '../../reference/index.js';
import type { ClientContext } from './context.js';
import { checkRepository, pullScope } from './names.js';
import { readServed } from './oci-errors.js';

/**
 * A whole blob (a config, a signature payload: small things), verified against its digest
 * (DIGEST_MISMATCH when the bytes were tampered with) and at most `maxBytes` (TOO_LARGE).
 * Served from the content cache when present, and cached after.
 */
export async function blobGet(
  ctx: ClientContext,
  repo: string,
  digest: string,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<Buffer> {
  checkRepository(repo);
  parseDigest(digest);
  const cached = await ctx.cache?.get(digest);
  if (cached && cached.length <= maxBytes) return cached;
  const response = await ctx.transport.request({
    method: 'GET',
    path: `/v2/${repo}/blobs/${digest}`,
    scopes: [pullScope(repo)],
    ...(signal ? { signal } : {}),
  });
  const bytes = await response.bytes(maxBytes);
  readServed(ctx.host, `the blob ${repo}@${digest}`, () => verifyDigest(bytes, digest));
  // Written in the background: the caller has the bytes, and the disk should not pace the network.
  void ctx.cache?.put(digest, bytes).catch(() => {});
  return bytes;
}
