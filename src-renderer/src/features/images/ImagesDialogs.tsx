import { useApp } from '../../store/context.js';
import { PruneDialog } from './PruneDialog.js';
import { RemoveDialog } from './RemoveDialog.js';
import { TagDialog } from './TagDialog.js';

/** The one dialog the images view has open, if any. */
export function ImagesDialogs() {
  const dialog = useApp((s) => s.dialog);
  switch (dialog?.kind) {
    case 'remove':
      return <RemoveDialog rows={dialog.rows} />;
    case 'tag':
      return <TagDialog imageId={dialog.imageId} label={dialog.label} />;
    case 'prune':
      return <PruneDialog />;
    default:
      return null;
  }
}
