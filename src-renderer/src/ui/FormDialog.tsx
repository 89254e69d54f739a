import { Modal, type ModalProps, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { DialogActions } from './DialogActions.js';
import { ErrorAlert, type ErrorAlertProps } from './ErrorAlert.js';
import { useDialogAction } from './use-dialog-action.js';

export interface FormDialogProps {
  title: string;
  size?: ModalProps['size'];
  /** What the dialog does, in a line or two above the fields. */
  intro: ReactNode;
  /** The button's word ("Save", "Import"). */
  confirmLabel: string;
  /** A required field is still empty. */
  disabled: boolean;
  /** Names the parts for tests: `<testId>-dialog`, `-error` and `-submit`. */
  testId: string;
  titleOf?: ErrorAlertProps['titleOf'];
  /** Saves; the dialog closes when it resolves and shows main's error when it rejects. */
  save: () => Promise<unknown>;
  onClose: () => void;
  /** The fields. */
  children: ReactNode;
}

/** A dialog around one form: an intro, the fields, main's error if saving failed, Cancel and the action. */
export function FormDialog({
  title,
  size,
  intro,
  confirmLabel,
  disabled,
  testId,
  titleOf,
  save,
  onClose,
  children,
}: FormDialogProps) {
  const { busy, error, run } = useDialogAction(save, onClose);
  return (
    <Modal
      opened
      onClose={onClose}
      title={title}
      size={size}
      attributes={{ content: { 'data-testid': `${testId}-dialog` } }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <Stack gap="sm">
          <Text fz="xs" c="dimmed">
            {intro}
          </Text>
          {children}
          {error && <ErrorAlert titleOf={titleOf} error={error} testId={`${testId}-error`} />}
          <DialogActions
            onCancel={onClose}
            confirmLabel={confirmLabel}
            confirmTestId={`${testId}-submit`}
            busy={busy}
            disabled={disabled}
          />
        </Stack>
      </form>
    </Modal>
  );
}
