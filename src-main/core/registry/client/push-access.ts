import { cancelUpload, pushScope } from './blob-upload.js';
import type { ClientContext } from './context.js';
import { checkRepository } from './names.js';
import { uploadLocation } from './upload-location.js';

/**
 * Proves that the current login may push to `repo` by doing the first step of every push: opening
 * a blob upload session (`POST /v2/<repo>/blobs/uploads/`), which is then cancelled. Asking the
 * token service is not proof: it grants what it likes, and may answer a push scope with a
 * pull-only token. Throws the registry's UNAUTHORIZED or DENIED when pushing is not allowed.
 */
export async function pushAccess(ctx: ClientContext, repo: string, signal?: AbortSignal): Promise<void> {
  checkRepository(repo);
  const response = await ctx.transport.request({
    method: 'POST',
    path: `/v2/${repo}/blobs/uploads/`,
    scopes: [pushScope(repo)],
    ...(signal ? { signal } : {}),
  });
  await response.dump();
  await cancelUpload(ctx, repo, uploadLocation(response, ctx.host));
}
