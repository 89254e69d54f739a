import { Suspense } from 'react';
import { useApp } from '../../store/context.js';
import { lazyNamed } from '../../ui/lazy-view.js';

// Each dialog is loaded when first opened; a dialog has nothing to show in its place meanwhile.
const PushDialog = lazyNamed(() => import('./PushDialog.js').then((m) => m.PushDialog));
const PullDialog = lazyNamed(() => import('./PullDialog.js').then((m) => m.PullDialog));
const CopyDialog = lazyNamed(() => import('./CopyDialog.js').then((m) => m.CopyDialog));

/** The one transfer dialog open, if any: mounted with the shell, so any view can open one. */
export function TransferDialogs() {
  return (
    <Suspense fallback={null}>
      <OpenTransferDialog />
    </Suspense>
  );
}

function OpenTransferDialog() {
  const dialog = useApp((s) => s.transferDialog);
  // Another dialog of the same kind starts afresh, not with the fields of the last one.
  const key = JSON.stringify(dialog);
  switch (dialog?.kind) {
    case 'push':
      return (
        <PushDialog key={key} imageId={dialog.imageId} sourceRef={dialog.sourceRef} host={dialog.host} />
      );
    case 'pull':
      return (
        <PullDialog key={key} reference={dialog.reference} taskId={dialog.taskId} error={dialog.error} />
      );
    case 'copy':
      return (
        <CopyDialog
          key={key}
          host={dialog.host}
          repository={dialog.repository}
          tag={dialog.tag}
          index={dialog.index}
          platform={dialog.platform}
        />
      );
    default:
      return null;
  }
}
