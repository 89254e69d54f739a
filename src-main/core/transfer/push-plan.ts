import type { ImageDetail } from '../engine/types.js';
import { StevedoreError } from '../errors.js';
import { formatPlatform, type Platform } from '../oci/platform.js';
import { DEFAULT_TAG, type ImageRef, parseReference, refString } from '../reference/index.js';
import type { RegistryClient } from '../registry/client/registry-client.js';
import { type KnownBlob, learnBlobs } from './known-blobs.js';
import type { PlannedLayer, PushAccess, PushPlan, RemoteTag } from './types.js';

export interface PushPlanInput {
  /** The local image, as the engine inspects it. */
  image: ImageDetail;
  /** Where it would go; a tag (default `latest`), never a digest. */
  target: ImageRef;
  /** The client of the target's registry. */
  client: RegistryClient;
  /** The user name of the login kept for that registry; null when there is none. */
  username: string | null;
  /** `host/repository@digest` references the image was pushed to before (PushHistory). */
  pushedBefore?: readonly string[];
  signal?: AbortSignal;
}

/** Registry failures that mean "it did not answer", after which nothing else is worth asking. */
const UNREACHABLE = new Set(['REGISTRY_UNREACHABLE', 'TLS_ERROR', 'TIMEOUT', 'INSECURE_REFUSED']);

/**
 * What pushing `image` to `target` would do, without writing anything: whether the login may push
 * there, what the tag names now, and which of the image's layers the registry already holds (in
 * the target repository, or in another one it can mount from).
 */
export async function planPush(input: PushPlanInput): Promise<PushPlan> {
  const { image, target, client, username, signal } = input;
  const tag = target.tag ?? DEFAULT_TAG;
  const repository = target.path;
  const platform: Platform = {
    os: image.os,
    architecture: image.architecture,
    ...(image.variant ? { variant: image.variant } : {}),
  };
  const plan = {
    target: refString({ ...target, tag, digest: null }),
    registry: target.domain,
    repository,
    tag,
    image: { id: image.id, size: image.size, platform: formatPlatform(platform) },
  };
  const access = await checkAccess(client, repository, username, signal);
  if (access.state === 'unreachable') {
    const layers = image.layers.map((diffId) => planned(diffId, undefined, 'upload'));
    return { ...plan, access, remote: { state: 'unknown', message: access.message }, layers };
  }
  const known = new Map<string, KnownBlob>();
  // Where this image already is on the registry: the engine's RepoDigests and our own pushes.
  const pinned = pinnedOn([...image.repoDigests, ...(input.pushedBefore ?? [])], target.domain);
  const remote = await remoteTag(client, { repository, tag, image, platform, pinned }, known, signal);
  await Promise.all(pinned.map((ref) => learnBlobs(client, ref.path, ref.digest!, platform, known, signal)));
  const layers = await Promise.all(
    image.layers.map((diffId) => planLayer(client, repository, diffId, known.get(diffId), signal)),
  );
  return { ...plan, access, remote, layers };
}

async function checkAccess(
  client: RegistryClient,
  repository: string,
  username: string | null,
  signal?: AbortSignal,
): Promise<PushAccess> {
  try {
    await client.pushAccess(repository, signal);
    return { state: 'granted', username };
  } catch (error) {
    if (!(error instanceof StevedoreError)) throw error;
    if (UNREACHABLE.has(error.code))
      return { state: 'unreachable', code: error.code, message: error.message };
    if (error.code === 'UNAUTHORIZED' && username === null) {
      return { state: 'login-required', message: `${client.host} wants a login to push: ${error.message}` };
    }
    if (error.code === 'UNAUTHORIZED' || error.code === 'DENIED') {
      const who = username === null ? 'Anonymous users' : `The login "${username}"`;
      return { state: 'denied', username, message: `${who} may not push to ${repository}: ${error.message}` };
    }
    throw error;
  }
}

interface TagQuestion {
  repository: string;
  tag: string;
  image: ImageDetail;
  platform: Platform;
  pinned: ImageRef[];
}

/** What the tag names now; its layers are learnt on the way. */
async function remoteTag(
  client: RegistryClient,
  { repository, tag, image, platform, pinned }: TagQuestion,
  known: Map<string, KnownBlob>,
  signal?: AbortSignal,
): Promise<RemoteTag> {
  let digest: string;
  try {
    digest = (await client.manifestHead(repository, tag, signal)).digest;
  } catch (error) {
    if (error instanceof StevedoreError && error.code === 'NOT_FOUND') return { state: 'absent' };
    if (error instanceof StevedoreError) return { state: 'unknown', message: error.message };
    throw error;
  }
  const learnt = await learnBlobs(client, repository, digest, platform, known, signal);
  // The engine names an image by its config digest (or, with the containerd store, its manifest's).
  const same =
    pinned.some((ref) => ref.path === repository && ref.digest === digest) ||
    digest === image.id ||
    learnt?.configDigest === image.id;
  return { state: same ? 'same' : 'different', digest };
}

/** The `name@digest` references on `domain`; ones that do not parse are not ours to judge. */
function pinnedOn(references: readonly string[], domain: string): ImageRef[] {
  return references.flatMap((text) => {
    try {
      const ref = parseReference(text);
      return ref.domain === domain && ref.digest ? [ref] : [];
    } catch {
      return [];
    }
  });
}

async function planLayer(
  client: RegistryClient,
  repository: string,
  diffId: string,
  blob: KnownBlob | undefined,
  signal?: AbortSignal,
): Promise<PlannedLayer> {
  if (!blob) return planned(diffId, undefined, 'upload');
  const here = await client.blobHead(repository, blob.digest, signal).catch(() => null);
  if (here) return planned(diffId, blob, 'present');
  if (blob.repository !== repository) return { ...planned(diffId, blob, 'mountable'), from: blob.repository };
  return planned(diffId, blob, 'upload');
}

function planned(diffId: string, blob: KnownBlob | undefined, state: PlannedLayer['state']): PlannedLayer {
  return { diffId, digest: blob?.digest ?? null, size: blob?.size ?? null, state };
}
