import type Dockerode from 'dockerode';
import { imageInspect } from '../core/engine/images.js';
import { imagePull } from '../core/engine/pull.js';
import type { TransferOptions } from '../core/engine/push.js';
import type { EngineSession } from '../core/engine/session.js';
import { InvalidInputError } from '../core/errors.js';
import { parsePlatform } from '../core/oci/platform.js';
import { type ImageRef, parseReference, withDefaultTag } from '../core/reference/index.js';
import { imageCopy } from '../core/registry/copy.js';
import { copiedImage, copyDestination } from '../core/registry/copy-destination.js';
import type { RegistrySession } from '../core/registry/session.js';
import type { TaskContext } from '../core/tasks/runner.js';
import type { PushHistory } from '../core/transfer/push-history.js';
import { planPush } from '../core/transfer/push-plan.js';
import { pushVerified } from '../core/transfer/verified-push.js';
import type { Handlers } from './dispatch.js';
import { partsProgress } from './task-progress.js';

type TransferProcedure = 'images.pushPlan' | 'images.push' | 'images.pull' | 'registries.copy';

/** Push, pull (through the engine) and copy (registry to registry) as tasks with a bar per layer. */
export function createTransferHandlers(
  session: EngineSession,
  registries: RegistrySession,
  history: PushHistory,
): Pick<Handlers, TransferProcedure> {
  const docker = async (engineId: string | undefined): Promise<Dockerode> =>
    (await session.resolve(engineId)).docker;

  /** The engine gets the login kept for the reference's registry, as `docker push` reads it. */
  const engineOptions = async (ref: ImageRef, task: TaskContext): Promise<TransferOptions> => {
    const auth = await registries.credential(ref.domain);
    return { signal: task.signal, onProgress: partsProgress(task), ...(auth ? { auth } : {}) };
  };

  return {
    'images.pushPlan': async ({ engineId, image, target }) => {
      const ref = pushTarget(target);
      const [detail, credential] = await Promise.all([
        imageInspect(await docker(engineId), image),
        registries.credential(ref.domain),
      ]);
      return planPush({
        image: detail,
        target: ref,
        client: registries.client(ref.domain),
        username: credential ? (credential.username ?? 'token') : null,
        pushedBefore: history.referencesOf(detail.id),
      });
    },
    'images.push': async ({ engineId, image, target }, task) => {
      const ref = pushTarget(target);
      return pushVerified(
        await docker(engineId),
        image,
        ref,
        async () => registries.client(ref.domain),
        await engineOptions(ref, task),
        history,
      );
    },
    'images.pull': async ({ engineId, reference }, task) => {
      const ref = parseReference(reference);
      return imagePull(await docker(engineId), ref, await engineOptions(ref, task));
    },
    'registries.copy': async ({ source, target, allPlatforms, platform }, task) => {
      if (allPlatforms && platform !== undefined) {
        throw new InvalidInputError('allPlatforms copies every platform: drop platform or pick one of them');
      }
      if (platform !== undefined) parsePlatform(platform);
      const from = withDefaultTag(parseReference(source));
      const to = copyDestination(parseReference(target), from);
      const result = await imageCopy(
        { client: registries.client(from.domain), ref: from },
        { client: registries.client(to.domain), ref: to },
        {
          signal: task.signal,
          allPlatforms: allPlatforms ?? false,
          ...(platform === undefined ? {} : { platform }),
          onProgress: partsProgress(task),
        },
      );
      return copiedImage(from, to, result.digest);
    },
  };
}

/** Pushes go to a tag: a digest cannot be pushed to, and saying so before anything starts helps. */
function pushTarget(target: string): ImageRef {
  const ref = parseReference(target);
  if (ref.digest !== null) {
    throw new InvalidInputError(`Push to a tag, not a digest: ${target} has a digest.`);
  }
  return ref;
}
