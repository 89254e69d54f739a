import type Dockerode from 'dockerode';
import { imageInspect } from '../engine/images.js';
import { imagePush, type PushResult, type TransferOptions } from '../engine/push.js';
import { DEFAULT_TAG, type ImageRef, refName } from '../reference/index.js';
import type { RegistryClient } from '../registry/client/registry-client.js';
import { RegistryError } from '../registry/errors.js';
import type { PushHistory } from './push-history.js';

/**
 * `docker push` whose result is checked from both ends: the engine must list the digest it reports
 * (imagePush checks that), and the registry must serve that digest for the tag now. A push that
 * another one overtook, or a registry that stored something else, is not reported as success.
 * A verified push is remembered in `history`, when given.
 *
 * `registryClient` is asked for once the engine reports progress, so that whatever it loads or
 * connects happens while the engine works rather than before the push starts.
 */
export async function pushVerified(
  docker: Dockerode,
  image: string,
  target: ImageRef,
  registryClient: () => Promise<RegistryClient>,
  opts: TransferOptions = {},
  history?: PushHistory,
): Promise<PushResult> {
  const imageId = history ? (await imageInspect(docker, image)).id : undefined;
  let connecting: Promise<RegistryClient> | undefined;
  const connect = () => {
    // Its first round trip (scheme, TLS, auth challenge) is made while the engine pushes too.
    connecting ??= registryClient().then((client) => {
      client.warmUp(opts.signal).catch(() => undefined);
      return client;
    });
    return connecting;
  };
  const onProgress: TransferOptions['onProgress'] = (part) => {
    // Started here, awaited below: a failure surfaces there, not as an unhandled rejection.
    connect().catch(() => undefined);
    opts.onProgress?.(part);
  };
  const result = await imagePush(docker, image, target, { ...opts, onProgress });
  const client = await connect();
  const tag = target.tag ?? DEFAULT_TAG;
  const served = await client.manifestHead(target.path, tag, opts.signal);
  if (served.digest !== result.digest) {
    throw new RegistryError(
      'DIGEST_MISMATCH',
      `The engine pushed ${result.digest}, but ${client.host} serves ${served.digest} for ${result.target}: ` +
        'another push may have moved the tag since. Push again, or check who else pushes there.',
      { details: { host: client.host, pushed: result.digest, served: served.digest } },
    );
  }
  if (history && imageId) await history.record(imageId, `${refName(target)}@${result.digest}`);
  return result;
}
