import { Button, Group, Text } from '@mantine/core';

/**
 * The buttons under a dialog's running task: while it runs, a note that closing keeps it going (and
 * Cancel where the task can be cancelled); after it failed, Change… and Retry; Close always, the
 * default button once it succeeded. Test ids: `<testId>-cancel`, `-edit`, `-retry`, `-close`.
 */
export function RunActions({
  testId,
  ended,
  succeeded,
  onCancel,
  cancelLabel,
  onEdit,
  onRetry,
  onClose,
}: {
  testId: string;
  ended: boolean;
  succeeded: boolean;
  /** Only for a task that has started and can be cancelled. */
  onCancel?: () => void;
  cancelLabel?: string;
  onEdit?: () => void;
  onRetry: () => void;
  onClose: () => void;
}) {
  const failed = ended && !succeeded;
  return (
    <Group gap="xs" justify="flex-end">
      {!ended && (
        <Text fz="xs" c="dimmed" mr="auto">
          Closing keeps it running in Tasks.
        </Text>
      )}
      {!ended && onCancel && (
        <Button variant="default" onClick={onCancel} data-testid={`${testId}-cancel`}>
          {cancelLabel ?? 'Cancel'}
        </Button>
      )}
      {failed && onEdit && (
        <Button variant="default" onClick={onEdit} data-testid={`${testId}-edit`}>
          Change…
        </Button>
      )}
      {failed && (
        <Button variant="default" onClick={onRetry} data-testid={`${testId}-retry`}>
          Retry
        </Button>
      )}
      <Button
        variant={succeeded ? 'filled' : 'default'}
        onClick={onClose}
        data-autofocus={succeeded || undefined}
        data-testid={`${testId}-close`}
      >
        Close
      </Button>
    </Group>
  );
}
