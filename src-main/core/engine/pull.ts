import type Dockerode from 'dockerode';
import { CancelledError } from '../errors.js';
import { type ImageRef, refFamiliar, refString, withDefaultTag } from '../reference/index.js';
import { endpointOf } from './connect.js';
import {
  dockerProgressParser,
  readProgressStream,
  registryAuthConfig,
  transferRefusal,
} from './docker-progress.js';
import { EngineError } from './errors.js';
import { imageInspect } from './images.js';
import type { TransferOptions } from './push.js';

export interface PullResult {
  /** The reference pulled, fully qualified (`latest` added when it named neither tag nor digest). */
  reference: string;
  /** The digest of the manifest (or index) the engine pulled. */
  digest: string;
  /** The local image id it became. */
  id: string;
}

/** `docker pull` of `ref` (a tag or a digest) into the engine, with per-layer progress. */
export async function imagePull(
  docker: Dockerode,
  ref: ImageRef,
  opts: TransferOptions = {},
): Promise<PullResult> {
  const wanted = withDefaultTag(ref);
  const auth = registryAuthConfig(opts.auth, wanted);
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.createImage(auth, {
      fromImage: refFamiliar(wanted),
      // The API takes a digest where the tag goes; with both, the digest decides what is pulled.
      tag: wanted.digest ?? wanted.tag,
      ...(opts.signal ? { abortSignal: opts.signal } : {}),
    });
  } catch (error) {
    if (opts.signal?.aborted) throw new CancelledError();
    throw transferRefusal(error, endpointOf(docker), { registry: wanted.domain, action: 'pull' });
  }
  const parser = dockerProgressParser(opts.onProgress, { registry: wanted.domain, action: 'pull' });
  const result = await readProgressStream(stream, parser, opts.signal);
  const local = `${refFamiliar(wanted)}${wanted.digest ? `@${wanted.digest}` : `:${wanted.tag}`}`;
  const digest = result.digest ?? wanted.digest;
  if (!digest) throw new EngineError('ENGINE_ERROR', `The engine pulled ${local} but reported no digest.`);
  const image = await imageInspect(docker, local);
  return { reference: refString(wanted), digest, id: image.id };
}
