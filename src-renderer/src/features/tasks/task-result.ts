/**
 * What a finished push, pull or copy produced, read from its snapshot's `result` (typed `unknown`
 * there, since a snapshot carries any task): the reference written and its digest.
 * Pure functions: the unit tests pin them down.
 */
import type { TaskSnapshot } from '../../../../src-main/core/tasks/types.js';
import type { CopiedImage, PullResult, PushResult } from '../../../../src-main/ipc/contract.js';

export type TransferKind = 'push' | 'pull' | 'copy';

export interface TransferOutcome {
  kind: TransferKind;
  /** The reference written (push: the target, pull: what was pulled, copy: the destination). */
  reference: string;
  digest: string;
  /** Pull only: the local image id it became. */
  imageId?: string;
}

const KINDS: Readonly<Record<string, TransferKind>> = {
  'images.push': 'push',
  'images.pull': 'pull',
  'registries.copy': 'copy',
};

export function transferKind(procedure: string): TransferKind | undefined {
  return KINDS[procedure];
}

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** The outcome of a transfer that succeeded; undefined for anything else. */
export function transferOutcome(task: TaskSnapshot): TransferOutcome | undefined {
  const kind = transferKind(task.procedure);
  const result = task.result;
  if (!kind || task.state !== 'succeeded' || typeof result !== 'object' || result === null) return undefined;
  const fields = result as Partial<PushResult & PullResult & CopiedImage>;
  if (!isText(fields.digest)) return undefined;
  const reference = kind === 'pull' ? fields.reference : fields.target;
  if (!isText(reference)) return undefined;
  return {
    kind,
    reference,
    digest: fields.digest,
    ...(kind === 'pull' && isText(fields.id) ? { imageId: fields.id } : {}),
  };
}
