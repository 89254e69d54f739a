import { Button, Group, Loader, Stack, Text } from '@mantine/core';
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import { useApp } from '../../store/context.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { registryErrorTitle } from '../registries/registry-errors.js';
import { transferOutcome } from '../tasks/task-result.js';
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
  const task = useApp((s) => (taskId === undefined ? undefined : s.tasks[taskId]));
  const cancelTask = useApp((s) => s.cancelTask);
  const outcome = task ? transferOutcome(task) : undefined;
  const ended = startError !== undefined || (task !== undefined && task.state !== 'running');
  const error = startError ?? (task?.state === 'failed' ? task.error : undefined);

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
      <Group gap="xs" justify="flex-end">
        {!ended && (
          <Text fz="xs" c="dimmed" mr="auto">
            Closing keeps it running in Tasks.
          </Text>
        )}
        {!ended && taskId !== undefined && (
          <Button variant="default" onClick={() => void cancelTask(taskId)} data-testid="transfer-cancel">
            Cancel transfer
          </Button>
        )}
        {ended && !outcome && onEdit && (
          <Button variant="default" onClick={onEdit} data-testid="transfer-edit">
            Change…
          </Button>
        )}
        {ended && !outcome && (
          <Button variant="default" onClick={onRetry} data-testid="transfer-retry">
            Retry
          </Button>
        )}
        <Button
          variant={outcome ? 'filled' : 'default'}
          onClick={onClose}
          data-autofocus={outcome ? true : undefined}
          data-testid="transfer-close"
        >
          Close
        </Button>
      </Group>
    </Stack>
  );
}
