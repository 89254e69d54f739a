/**
 * Signing, as the user starts it: the sign dialog (from a tag, after a push, from the DCT
 * migration panel) and the `trust.sign` tasks. When one ends, what was cached about the trust of
 * its repository is asked again, so badges and the Trust tab show the new signature.
 */
import type { TaskSnapshot } from '../../../../src-main/core/tasks/types.js';
import type { SignOutcome } from '../../../../src-main/ipc/contract.js';
import type { SliceCreator } from '../../store/app-state.js';
import { referenceRepository } from './trust-reference.js';

const TAGS_RELOAD_WAIT_MS = 500;

export interface SignTarget {
  /** What is signed: `host/path@digest` where the digest is known, else the tag. */
  reference: string;
  /** What the user knows it as (`host/path:tag`), for the title. */
  label: string;
}

export type TrustDialog = { kind: 'sign'; target: SignTarget };

export interface TrustSignSlice {
  trustDialog: TrustDialog | undefined;
  openSignDialog: (target: SignTarget) => void;
  closeTrustDialog: () => void;
  /** Starts a `trust.sign` task; resolves with its id, rejects with the ContractError of a refused start. */
  startSign: (reference: string, key: string, password?: string) => Promise<string>;
  /** Any task ended: a signature written makes its repository's badges and reports stale. */
  trustTaskEnded: (snapshot: TaskSnapshot) => void;
}

/** The outcome of a sign task that succeeded; undefined for anything else. */
export function signOutcome(task: TaskSnapshot | undefined): SignOutcome | undefined {
  if (task?.procedure !== 'trust.sign' || task.state !== 'succeeded') return undefined;
  const result = task.result as Partial<SignOutcome> | undefined;
  return typeof result?.tag === 'string' && typeof result.digest === 'string'
    ? (result as SignOutcome)
    : undefined;
}

export const createTrustSignSlice: SliceCreator<TrustSignSlice> = (set, get, client) => {
  /** Which reference each sign task was started for: a failed task has no result to say it. */
  const signing = new Map<string, string>();
  /** Migrating a repository ends many sign tasks in a row: its tag list reloads once they pause. */
  const reloads = new Map<string, ReturnType<typeof setTimeout>>();
  const reloadTagsSoon = (repository: string) => {
    clearTimeout(reloads.get(repository));
    reloads.set(
      repository,
      setTimeout(() => {
        reloads.delete(repository);
        if (get().tagLists[repository]) void get().loadTags(repository, true);
      }, TAGS_RELOAD_WAIT_MS),
    );
  };

  return {
    trustDialog: undefined,
    openSignDialog: (target) => set({ trustDialog: { kind: 'sign', target } }),
    closeTrustDialog: () => set({ trustDialog: undefined }),

    startSign: async (reference, key, password) => {
      const { taskId } = await client.call('trust.sign', {
        reference,
        key,
        ...(password ? { password } : {}),
      });
      signing.set(taskId, reference);
      return taskId;
    },

    trustTaskEnded: (snapshot) => {
      if (snapshot.procedure !== 'trust.sign') return;
      const reference = signOutcome(snapshot)?.reference ?? signing.get(snapshot.id);
      signing.delete(snapshot.id);
      if (snapshot.state !== 'succeeded' || !reference) return;
      const repository = referenceRepository(reference);
      const state = get();
      state.forgetTrustBadges(repository);
      state.forgetTrustReports(repository);
      // The `.sig` tag is new: the tag list counts it among the tag's attached artifacts.
      if (repository) reloadTagsSoon(repository);
    },
  };
};
