import { useApp } from '../../store/context.js';
import { CopyDialog } from './CopyDialog.js';
import { PullDialog } from './PullDialog.js';
import { PushDialog } from './PushDialog.js';

/** The one transfer dialog open, if any: mounted with the shell, so any view can open one. */
export function TransferDialogs() {
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
