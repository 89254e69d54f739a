import { Button, Group } from '@mantine/core';

export interface DialogActionsProps {
  /** Closes the dialog without doing anything. */
  onCancel: () => void;
  cancelTestId?: string;
  /** The action's name on its button, e.g. "Remove". */
  confirmLabel: string;
  confirmTestId: string;
  /** Runs the action. Without it the button submits the form the dialog is built around. */
  onConfirm?: () => void;
  /** The action is running: the button spins and cannot be pressed twice. */
  busy?: boolean;
  /** The action cannot run yet, e.g. a required field is empty. */
  disabled?: boolean;
  /**
   * The action destroys something: a red button that has the focus when the dialog opens, so Enter
   * confirms (a form dialog focuses its first field instead).
   */
  destructive?: boolean;
}

/** The row every dialog ends with: Cancel, then the one action the dialog is for. */
export function DialogActions({
  onCancel,
  cancelTestId,
  confirmLabel,
  confirmTestId,
  onConfirm,
  busy,
  disabled,
  destructive,
}: DialogActionsProps) {
  return (
    <Group justify="flex-end" gap="xs">
      <Button variant="default" onClick={onCancel} data-testid={cancelTestId}>
        Cancel
      </Button>
      <Button
        type={onConfirm ? 'button' : 'submit'}
        onClick={onConfirm}
        loading={busy}
        disabled={disabled}
        color={destructive ? 'red' : undefined}
        // Mantine focuses any element that has the attribute, whatever its value: omit it, not "false".
        data-autofocus={destructive || undefined}
        data-testid={confirmTestId}
      >
        {confirmLabel}
      </Button>
    </Group>
  );
}
