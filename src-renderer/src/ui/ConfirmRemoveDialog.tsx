import { Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { DialogActions } from './DialogActions.js';
import { ErrorAlert, type ErrorAlertProps } from './ErrorAlert.js';
import { useDialogAction } from './use-dialog-action.js';

export interface ConfirmRemoveDialogProps {
  /** The question, e.g. `Remove “local”?`. */
  title: string;
  /** Says what goes and what stays. */
  children: ReactNode;
  /** Does the removal; the dialog closes when it resolves and shows the error when it rejects. */
  remove: () => Promise<unknown>;
  onClose: () => void;
  /** Names the parts for tests: `<testId>-dialog`, `-error`, `-cancel` and `-confirm`. */
  testId: string;
  titleOf?: ErrorAlertProps['titleOf'];
  /** The button's word when "Remove" is not it ("Forget"). */
  confirmLabel?: string;
}

/** Confirms forgetting something the user added (an engine, a registry), then forgets it. */
export function ConfirmRemoveDialog({
  title,
  children,
  remove,
  onClose,
  testId,
  titleOf,
  confirmLabel = 'Remove',
}: ConfirmRemoveDialogProps) {
  const { busy, error, run } = useDialogAction(remove, onClose);

  return (
    <Modal
      opened
      onClose={onClose}
      title={title}
      attributes={{ content: { 'data-testid': `${testId}-dialog` } }}
    >
      <Stack gap="sm">
        {children}
        {error && <ErrorAlert error={error} testId={`${testId}-error`} titleOf={titleOf} />}
        <DialogActions
          onCancel={onClose}
          cancelTestId={`${testId}-cancel`}
          confirmLabel={confirmLabel}
          confirmTestId={`${testId}-confirm`}
          onConfirm={() => void run()}
          busy={busy}
          destructive
        />
      </Stack>
    </Modal>
  );
}
