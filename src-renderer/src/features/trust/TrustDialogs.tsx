import { useApp } from '../../store/context.js';
import { SignDialog } from './SignDialog.js';

/** The one trust dialog open, if any: mounted with the shell, so any view (a tag, a push) can open it. */
export function TrustDialogs() {
  const dialog = useApp((s) => s.trustDialog);
  if (dialog?.kind !== 'sign') return null;
  return <SignDialog key={dialog.target.reference} target={dialog.target} />;
}
