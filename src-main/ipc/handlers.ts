import type Dockerode from 'dockerode';
import { version } from '../../package.json';
import {
  imageHistory,
  imageInspect,
  imageRemove,
  imagesList,
  imagesPrune,
  imageTag,
} from '../core/engine/images.js';
import type { EngineSession } from '../core/engine/session.js';
import type { RemoveResult } from '../core/engine/types.js';
import { CancelledError, type ErrorShape, StevedoreError, toErrorShape } from '../core/errors.js';
import type { ListingCache } from '../core/layers/listing-cache.js';
import type { RegistrySession } from '../core/registry/session.js';
import type { TaskContext, TaskRunner } from '../core/tasks/runner.js';
import type { PushHistory } from '../core/transfer/push-history.js';
import type { TrustSession } from '../core/trust/trust-session.js';
import type { AppInfo } from './contract.js';
import type { Handlers } from './dispatch.js';
import { createLayersHandlers } from './layers-handlers.js';
import { createRegistryHandlers } from './registry-handlers.js';
import { createTransferHandlers } from './transfer-handlers.js';
import { createTrustHandlers } from './trust-handlers.js';

/** Above this many images a removal reports counts only: a bar per image would flood every update. */
const MAX_PARTS = 200;

export interface HandlerDeps {
  session: EngineSession;
  registries: RegistrySession;
  tasks: TaskRunner;
  transport: AppInfo['transport'];
  pushHistory: PushHistory;
  trust: TrustSession;
  /** Layer listings kept on disk; without one every scan reads the layers. */
  layerListings?: ListingCache | undefined;
}

/** Every procedure of the contract, over the engine and registry sessions and the task runner. */
export function createHandlers({
  session,
  registries,
  tasks,
  transport,
  pushHistory,
  trust,
  layerListings,
}: HandlerDeps): Handlers {
  const docker = async (engineId: string | undefined): Promise<Dockerode> =>
    (await session.resolve(engineId)).docker;

  return {
    ...createRegistryHandlers(registries),
    ...createTransferHandlers(session, registries, pushHistory),
    ...createLayersHandlers({ session, registries, listings: layerListings }),
    ...createTrustHandlers(trust),
    'app.info': async () => ({ version, transport, platform: process.platform }),

    'engines.list': () => session.listing(),
    'engines.status': ({ engineId }) => session.status(engineId),
    'engines.select': ({ engineId }) => session.select(engineId),
    'engines.add': (input) => session.add(input),
    'engines.remove': async ({ engineId }) => {
      await session.remove(engineId);
      return null;
    },

    'images.list': async ({ engineId }) =>
      (await imagesList(await docker(engineId))).map((image) => {
        const pushedTo = pushHistory.referencesOf(image.id);
        return pushedTo.length > 0 ? { ...image, pushedTo } : image;
      }),
    'images.inspect': async ({ engineId, image }) => imageInspect(await docker(engineId), image),
    'images.history': async ({ engineId, image }) => imageHistory(await docker(engineId), image),
    'images.tag': async ({ engineId, image, target }) => {
      await imageTag(await docker(engineId), image, target);
      return null;
    },
    'images.remove': async ({ engineId, images, force }, task) =>
      removeEach(await docker(engineId), [...new Set(images)], force, task),
    'images.prune': async ({ engineId }, task) => {
      const client = await docker(engineId);
      task.progress({ current: 0, total: 1, message: 'Removing dangling images' });
      const result = await imagesPrune(client);
      task.progress({ current: 1, message: `Removed ${result.deleted.length} images` });
      return result;
    },

    'tasks.list': async () => tasks.list(),
    'tasks.cancel': async ({ taskId }) => {
      // Cancelling a task that just finished is not an error: the click and the end crossed.
      if (!tasks.get(taskId)) throw new StevedoreError('NOT_FOUND', `No task has the id ${taskId}.`);
      tasks.cancel(taskId);
      return null;
    },
  };
}

interface RemoveFailure extends ErrorShape {
  image: string;
}

/**
 * `docker rmi a b c`: each image in turn, going on after a failure like the docker CLI does,
 * and stopping between images when the task is cancelled. Fails at the end if any image failed.
 */
async function removeEach(
  docker: Dockerode,
  images: string[],
  force: boolean,
  task: TaskContext,
): Promise<RemoveResult[]> {
  const withParts = images.length <= MAX_PARTS;
  const part = (index: number, state: 'waiting' | 'running' | 'done' | 'failed' | 'skipped') => {
    const label = images[index] ?? '';
    if (withParts)
      task.part({ id: String(index), label, current: state === 'done' ? 1 : 0, total: 1, state });
  };
  task.progress({ current: 0, total: images.length, unit: 'items' });
  for (const index of images.keys()) part(index, 'waiting');

  const removed: RemoveResult[] = [];
  const failures: RemoveFailure[] = [];
  for (const [index, image] of images.entries()) {
    if (task.signal.aborted) {
      for (let rest = index; rest < images.length; rest++) part(rest, 'skipped');
      throw new CancelledError();
    }
    part(index, 'running');
    task.progress({ message: `Removing ${image}` });
    try {
      removed.push(await imageRemove(docker, image, { force }));
      part(index, 'done');
    } catch (error) {
      failures.push({ image, ...toErrorShape(error) });
      part(index, 'failed');
    }
    task.progress({ current: index + 1 });
  }
  if (failures.length > 0) throw removalFailed(failures, removed, images.length);
  return removed;
}

function removalFailed(failures: RemoveFailure[], removed: RemoveResult[], total: number): StevedoreError {
  const [first] = failures as [RemoveFailure, ...RemoveFailure[]];
  const codes = new Set(failures.map((f) => f.code));
  const code = codes.size === 1 ? first.code : 'ENGINE_ERROR';
  const message =
    total === 1
      ? first.message
      : `${failures.length} of ${total} images were not removed. ${first.image}: ${first.message}`;
  return new StevedoreError(code, message, {
    failures: failures.map(({ image, code, message }) => ({ image, code, message })),
    removed,
  });
}
