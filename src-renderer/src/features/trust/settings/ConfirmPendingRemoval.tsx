import { Text } from '@mantine/core';
import { ConfirmRemoveDialog } from '../../../ui/ConfirmRemoveDialog.js';
import { trustErrorTitle } from '../trust-errors.js';
import type { PendingRemoval } from './pending-removal.js';

/** The confirm dialog of a pending removal, when there is one. */
export function ConfirmPendingRemoval({
  pending,
  onClose,
}: {
  pending: PendingRemoval | undefined;
  onClose: () => void;
}) {
  if (!pending) return null;
  return (
    <ConfirmRemoveDialog
      title={pending.title}
      remove={pending.remove}
      onClose={onClose}
      testId={pending.testId}
      titleOf={trustErrorTitle}
      confirmLabel={pending.confirmLabel}
    >
      <Text size="sm">{pending.body}</Text>
    </ConfirmRemoveDialog>
  );
}
