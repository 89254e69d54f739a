import { Suspense } from 'react';
import { useApp } from '../../store/context.js';
import { lazyNamed } from '../../ui/lazy-view.js';

// Loaded when first opened; a dialog has nothing to show in its place meanwhile.
const SignDialog = lazyNamed(() => import('./SignDialog.js').then((m) => m.SignDialog));

/** The one trust dialog open, if any: mounted with the shell, so any view (a tag, a push) can open it. */
export function TrustDialogs() {
  const dialog = useApp((s) => s.trustDialog);
  if (dialog?.kind !== 'sign') return null;
  return (
    <Suspense fallback={null}>
      <SignDialog key={dialog.target.reference} target={dialog.target} />
    </Suspense>
  );
}
