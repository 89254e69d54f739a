import type Dockerode from 'dockerode';
import { endpointOf } from './connect.js';
import { withDeadline } from './deadline.js';
import { toEngineError } from './errors.js';
import { checkImageArgument, parseTagTarget } from './image-ref.js';
import type { HistoryEntry, ImageDetail, ImageSummary, PruneResult, RemoveResult } from './types.js';

const QUICK_MS = 30_000;
const LIST_MS = 60_000;
// Deleting layers of a big image on a slow disk (vfs copies whole trees) takes minutes.
const DELETE_MS = 10 * 60_000;

/** One history step as GET /images/{name}/history returns it (@types/dockerode leaves it `any`). */
interface RawHistoryEntry {
  Id: string;
  Created: number;
  CreatedBy?: string;
  Tags?: string[] | null;
  Size: number;
  Comment?: string;
}

/** The images `docker images` shows (top-level, not intermediate), one entry per image id. */
export async function imagesList(docker: Dockerode): Promise<ImageSummary[]> {
  const raw = await request(docker, LIST_MS, 'Listing images', (abortSignal) =>
    docker.listImages({ all: false, abortSignal }),
  );
  return raw.map((image) => {
    const repoTags = realTags(image.RepoTags);
    return {
      id: image.Id,
      repoTags,
      repoDigests: realDigests(image.RepoDigests),
      size: image.Size,
      created: fromSeconds(image.Created),
      dangling: repoTags.length === 0,
    };
  });
}

export async function imageInspect(docker: Dockerode, image: string): Promise<ImageDetail> {
  const name = checkImageArgument(image);
  const raw = await request(docker, QUICK_MS, `Inspecting ${name}`, () => docker.getImage(name).inspect());
  const config = raw.Config ?? {};
  const repoTags = realTags(raw.RepoTags);
  return {
    id: raw.Id,
    repoTags,
    repoDigests: realDigests(raw.RepoDigests),
    size: raw.Size,
    created: new Date(raw.Created).toISOString(),
    dangling: repoTags.length === 0,
    architecture: raw.Architecture,
    os: raw.Os,
    ...(raw.Variant ? { variant: raw.Variant } : {}),
    entrypoint: asList(config.Entrypoint),
    cmd: asList(config.Cmd),
    env: config.Env ?? [],
    labels: config.Labels ?? {},
    workingDir: config.WorkingDir ?? '',
    user: config.User ?? '',
    exposedPorts: Object.keys(config.ExposedPorts ?? {}),
    layers: raw.RootFS?.Layers ?? [],
    parent: raw.Parent ?? '',
  };
}

export async function imageHistory(docker: Dockerode, image: string): Promise<HistoryEntry[]> {
  const name = checkImageArgument(image);
  const raw: RawHistoryEntry[] = await request(docker, QUICK_MS, `Reading the history of ${name}`, () =>
    docker.getImage(name).history(),
  );
  return raw.map((step) => ({
    id: step.Id,
    created: fromSeconds(step.Created),
    createdBy: step.CreatedBy ?? '',
    size: step.Size,
    tags: realTags(step.Tags),
    comment: step.Comment ?? '',
  }));
}

/** `docker tag image target`: `target` is `repository[:tag]`, the tag defaults to `latest`. */
export async function imageTag(docker: Dockerode, image: string, target: string): Promise<void> {
  const name = checkImageArgument(image);
  const { repo, tag } = parseTagTarget(target);
  await request(docker, QUICK_MS, `Tagging ${name}`, (abortSignal) =>
    docker.getImage(name).tag({ repo, tag, abortSignal }),
  );
}

/**
 * `docker rmi`: a reference untags (and deletes the image when it was the last reference);
 * an id deletes, which the engine refuses (CONFLICT) for an image tagged in several
 * repositories unless `force`.
 */
export async function imageRemove(
  docker: Dockerode,
  image: string,
  opts: { force: boolean },
): Promise<RemoveResult> {
  const name = checkImageArgument(image);
  const raw = await request(docker, DELETE_MS, `Removing ${name}`, (abortSignal) =>
    docker.getImage(name).remove({ force: opts.force, abortSignal }),
  );
  return splitRemoved(raw as Dockerode.ImageRemoveInfo[] | null);
}

/** `docker image prune`: removes dangling images only. */
export async function imagesPrune(docker: Dockerode): Promise<PruneResult> {
  const raw = await request(docker, DELETE_MS, 'Removing dangling images', (abortSignal) =>
    docker.pruneImages({ filters: { dangling: ['true'] }, abortSignal }),
  );
  return { deleted: splitRemoved(raw.ImagesDeleted).deleted, spaceReclaimed: raw.SpaceReclaimed ?? 0 };
}

async function request<T>(
  docker: Dockerode,
  ms: number,
  what: string,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const endpoint = endpointOf(docker);
  try {
    return await withDeadline(ms, `${what} on ${endpoint?.url ?? 'the engine'}`, run);
  } catch (error) {
    throw toEngineError(error, endpoint);
  }
}

function splitRemoved(entries: Partial<Dockerode.ImageRemoveInfo>[] | null | undefined): RemoveResult {
  const result: RemoveResult = { untagged: [], deleted: [] };
  for (const entry of entries ?? []) {
    if (entry.Untagged) result.untagged.push(entry.Untagged);
    if (entry.Deleted) result.deleted.push(entry.Deleted);
  }
  return result;
}

/** The engine marks "no tag" / "no digest" with placeholders instead of empty lists. */
function realTags(tags: readonly string[] | null | undefined): string[] {
  return (tags ?? []).filter((tag) => tag !== '<none>:<none>');
}

function realDigests(digests: readonly string[] | null | undefined): string[] {
  return (digests ?? []).filter((digest) => digest !== '<none>@<none>');
}

function fromSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/** Old engines send Entrypoint/Cmd as a string; newer ones as a list or null. */
function asList(value: string | string[] | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}
