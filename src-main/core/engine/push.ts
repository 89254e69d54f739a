import type Dockerode from 'dockerode';
import type { Credential } from '../credentials/types.js';
import { CancelledError, InvalidInputError } from '../errors.js';
import { DEFAULT_TAG, type ImageRef, refFamiliar, refString } from '../reference/index.js';
import type { TaskPart } from '../tasks/types.js';
import { endpointOf } from './connect.js';
import {
  dockerProgressParser,
  readProgressStream,
  registryAuthConfig,
  transferRefusal,
} from './docker-progress.js';
import { EngineError } from './errors.js';
import { checkImageArgument } from './image-ref.js';
import { imageInspect, imageRemove, imageTag } from './images.js';

export interface TransferOptions {
  auth?: Credential;
  signal?: AbortSignal;
  onProgress?: (part: TaskPart) => void;
}

export interface PushResult {
  /** The reference pushed, fully qualified: `127.0.0.1:5000/team/app:1.0`. */
  target: string;
  /** The digest of the manifest the registry stored. */
  digest: string;
  /** That manifest's size in bytes. */
  size: number;
}

/**
 * `docker push`, from any local image to `target`: the image is tagged as `target` first when it
 * is not named so (and that tag is removed again however the push ends), and the digest the
 * engine reports is checked against the engine's own RepoDigests before it is returned.
 */
export async function imagePush(
  docker: Dockerode,
  image: string,
  target: ImageRef,
  opts: TransferOptions = {},
): Promise<PushResult> {
  if (target.digest !== null) {
    throw new InvalidInputError(`Push to a tag, not a digest: ${refString(target)} has a digest.`);
  }
  const name = checkImageArgument(image);
  const tag = target.tag ?? DEFAULT_TAG;
  const targetName = `${refFamiliar(target)}:${tag}`;
  const temporary = await tagIfNeeded(docker, name, targetName);
  try {
    const endpoint = endpointOf(docker);
    const auth = registryAuthConfig(opts.auth, target);
    let stream: NodeJS.ReadableStream;
    try {
      stream = await docker.getImage(refFamiliar(target)).push({
        tag,
        ...(auth ? { authconfig: auth } : {}),
        ...(opts.signal ? { abortSignal: opts.signal } : {}),
      });
    } catch (error) {
      if (opts.signal?.aborted) throw new CancelledError();
      throw transferRefusal(error, endpoint, { registry: target.domain, action: 'push' });
    }
    const parser = dockerProgressParser(opts.onProgress, { registry: target.domain, action: 'push' });
    const result = await readProgressStream(stream, parser, opts.signal);
    if (!result.digest) {
      throw new EngineError('ENGINE_ERROR', `The engine pushed ${targetName} but reported no digest.`);
    }
    await verifyPushed(docker, targetName, refFamiliar(target), result.digest);
    return { target: refString({ ...target, tag }), digest: result.digest, size: result.size ?? 0 };
  } finally {
    if (temporary) await imageRemove(docker, targetName, { force: false }).catch(() => undefined);
  }
}

/**
 * Tags `image` as `targetName` unless it is that already; true when the tag is ours to remove.
 * A target that names another image is refused: moving it would lose the user's tag.
 */
async function tagIfNeeded(docker: Dockerode, image: string, targetName: string): Promise<boolean> {
  const source = await imageInspect(docker, image);
  const existing = await imageInspect(docker, targetName).catch((error: unknown) => {
    if (error instanceof EngineError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  });
  if (existing?.id === source.id) return false;
  if (existing) {
    throw new EngineError(
      'CONFLICT',
      `${targetName} names another image (${existing.id.slice(7, 19)}) on the engine: remove or rename it first.`,
      { target: targetName, id: existing.id },
    );
  }
  await imageTag(docker, source.id, targetName);
  return true;
}

/** The engine records the digest it pushed in RepoDigests; a digest it does not list is not trusted. */
async function verifyPushed(docker: Dockerode, targetName: string, repository: string, digest: string) {
  const after = await imageInspect(docker, targetName);
  const expected = `${repository}@${digest}`;
  if (!after.repoDigests.includes(expected)) {
    throw new EngineError(
      'ENGINE_ERROR',
      `The engine reported ${digest} for ${targetName} but does not list it among the image's digests.`,
      { repoDigests: after.repoDigests },
    );
  }
}
