import { Group, Loader, Stack, Text } from '@mantine/core';
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import { useApp } from '../../store/context.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { registryErrorTitle } from '../registries/registry-errors.js';
import { RunActions } from '../tasks/RunActions.js';
import { transferOutcome } from '../tasks/task-result.js';
import { useDialogTask } from '../tasks/use-dialog-task.js';
import { TransferDone } from './TransferDone.js';
import { TransferProgress } from './TransferProgress.js';

export interface TransferRunProps {
  /** The task started, or undefined when starting it failed (`startError`). */
  taskId: string | undefined;
  startError?: ErrorShape;
  /** Starts the same transfer again. */
  onRetry: () => void;
  /** Back to the fields, to change what is transferred. */
  onEdit?: () => void;
  onClose: () => void;
}

/**
 * A dialog's view of its running transfer: progress, then the result or the error; Cancel while it
 * runs, Retry after a failure. Closing leaves the task running: the tasks drawer still has it.
 */
export function TransferRun({ taskId, startError, onRetry, onEdit, onClose }: TransferRunProps) {
  const { task, ended, error } = useDialogTask(taskId, startError);
  const cancelTask = useApp((s) => s.cancelTask);
  const outcome = task ? transferOutcome(task) : undefined;

  return (
    <Stack gap="sm" data-testid="transfer-run">
      {task ? (
        <TransferProgress task={task} />
      ) : (
        !startError && (
          <Group gap="xs">
            <Loader size={14} />
            <Text fz="xs">Starting…</Text>
          </Group>
        )
      )}
      {outcome && <TransferDone outcome={outcome} />}
      {error && <ErrorAlert titleOf={registryErrorTitle} error={error} testId="transfer-error" />}
      {task?.state === 'cancelled' && (
        <Text fz="xs" c="dimmed" data-testid="transfer-cancelled">
          Cancelled. A retry skips the layers that already arrived.
        </Text>
      )}
      <RunActions
        testId="transfer"
        ended={ended}
        succeeded={outcome !== undefined}
        onCancel={taskId === undefined ? undefined : () => void cancelTask(taskId)}
        cancelLabel="Cancel transfer"
        onEdit={onEdit}
        onRetry={onRetry}
        onClose={onClose}
      />
    </Stack>
  );
}
