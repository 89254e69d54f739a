import { useState } from 'react';
import type { ErrorShape } from '../../../src-main/core/errors.js';
import { errorShape } from '../lib/errors.js';

export interface DialogAction {
  /** The action is running: its button spins and a second press does nothing. */
  busy: boolean;
  /** Why the last run failed, as main said it; cleared when the action runs again. */
  error: ErrorShape | undefined;
  /** Runs the action once: the dialog closes when it resolves and keeps the error when it rejects. */
  run: () => Promise<void>;
  /** Forgets the error, e.g. once the user changes the field it was about. */
  clearError: () => void;
}

/** The one action a dialog is for (save, remove…): busy while it runs, then close or show why not. */
export function useDialogAction(action: () => Promise<unknown>, onClose: () => void): DialogAction {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorShape>();
  const run = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await action();
      onClose();
    } catch (caught) {
      setError(errorShape(caught));
      setBusy(false);
    }
  };
  return { busy, error, run, clearError: () => setError(undefined) };
}
