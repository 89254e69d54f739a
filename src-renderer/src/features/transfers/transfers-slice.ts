/**
 * Push, pull and copy as the user starts them: which transfer dialog is open, and the actions
 * that start the tasks. The tasks themselves live in main; their snapshots arrive in the tasks
 * slice, which the dialogs and the drawer both read.
 */
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import { type ImageRef, parseReference, refName } from '../../../../src-main/core/reference/index.js';
import type { TaskSnapshot } from '../../../../src-main/core/tasks/types.js';
import type { InputOf, PushPlan } from '../../../../src-main/ipc/contract.js';
import { errorShape } from '../../lib/errors.js';
import type { SliceCreator } from '../../store/app-state.js';
import { transferOutcome } from '../tasks/task-result.js';

export type TransferDialog =
  /** Push one local image; `sourceRef` (the row's `repo:tag`) prefills the target, `host` picks the registry. */
  | { kind: 'push'; imageId: string; sourceRef?: string; host?: string }
  /** Pull by reference; opened on a started task (`taskId`) or on a start that failed (`error`). */
  | { kind: 'pull'; reference?: string; taskId?: string; error?: ErrorShape }
  /** Copy a registry tag elsewhere; `index` offers "All platforms", `platform` is the one shown. */
  | { kind: 'copy'; host: string; repository: string; tag: string; index: boolean; platform?: string };

export interface TransfersSlice {
  transferDialog: TransferDialog | undefined;
  /** Where the last push went: the next push dialog starts there. */
  lastPushHost: string | undefined;
  /**
   * `host/path@digest` of what this window pushed, by local image id, newest first. The engine
   * forgets a push made under another name (its RepoDigest goes with the temporary tag), and trust
   * badges in Local Images follow pushed images.
   */
  pushedImages: Readonly<Record<string, readonly string[]>>;
  openTransfer: (dialog: TransferDialog) => void;
  closeTransfer: () => void;
  /** What pushing `imageId` to `target` would do; rejects with the ContractError. */
  planPush: (imageId: string, target: string) => Promise<PushPlan>;
  /** These start a task and resolve with its id; they reject with the ContractError of a refused start. */
  startPush: (imageId: string, target: string, host: string) => Promise<string>;
  startPull: (reference: string) => Promise<string>;
  startCopy: (input: InputOf<'registries.copy'>) => Promise<string>;
  /** The tag detail's Pull: starts at once and opens the dialog on its progress. */
  pullNow: (reference: string) => Promise<void>;
  /** A push or copy finished: what the registries area cached about its registry may be stale. */
  transferEnded: (snapshot: TaskSnapshot) => void;
}

export const createTransfersSlice: SliceCreator<TransfersSlice> = (set, get, client) => {
  /** Which image each push task is pushing: its result names only the target. */
  const pushing = new Map<string, string>();

  return {
    transferDialog: undefined,
    lastPushHost: undefined,
    pushedImages: {},

    openTransfer: (transferDialog) => set({ transferDialog }),
    closeTransfer: () => set({ transferDialog: undefined }),
    planPush: (imageId, target) => client.call('images.pushPlan', { image: imageId, target }),

    startPush: async (imageId, target, host) => {
      const { taskId } = await client.call('images.push', { image: imageId, target });
      pushing.set(taskId, imageId);
      set({ lastPushHost: host });
      return taskId;
    },
    startPull: async (reference) => (await client.call('images.pull', { reference })).taskId,
    startCopy: async (input) => (await client.call('registries.copy', input)).taskId,

    pullNow: async (reference) => {
      try {
        const taskId = await get().startPull(reference);
        set({ transferDialog: { kind: 'pull', reference, taskId } });
      } catch (error) {
        set({ transferDialog: { kind: 'pull', reference, error: errorShape(error) } });
      }
    },

    transferEnded: (snapshot) => {
      const imageId = pushing.get(snapshot.id);
      pushing.delete(snapshot.id);
      const outcome = transferOutcome(snapshot);
      if (!outcome || outcome.kind === 'pull') return;
      let ref: ImageRef;
      try {
        ref = parseReference(outcome.reference);
      } catch {
        return;
      }
      if (imageId) {
        const pushed = `${refName(ref)}@${outcome.digest}`;
        set((state) => ({
          pushedImages: {
            ...state.pushedImages,
            [imageId]: [pushed, ...(state.pushedImages[imageId] ?? []).filter((known) => known !== pushed)],
          },
        }));
      }
      const state = get();
      // The tag moved or appeared: the tag list reloads in place, resolved tags are asked again.
      state.forgetManifests(ref.domain);
      const repository = refName(ref);
      if (state.tagLists[repository]) void state.loadTags(repository, true);
      // A new repository: a catalog that was read to its end lacks it.
      const catalog = state.catalogs[ref.domain];
      if (!catalog || catalog.repositories.includes(ref.path)) return;
      if (catalog.state === 'complete' || catalog.state === 'stopped') state.reloadCatalog(ref.domain);
      else if (catalog.state === 'paused' || catalog.state === 'failed') state.forgetCatalog(ref.domain);
    },
  };
};
