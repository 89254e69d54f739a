import type { TransferDialog } from '../transfers/transfers-slice.js';
import type { ImageRow } from './image-rows.js';

/** The push dialog for a row: its own `repo:tag` prefills the target (an untagged row, the image's first tag). */
export function pushDialogFor(row: ImageRow, host?: string): TransferDialog {
  return {
    kind: 'push',
    imageId: row.id,
    ...(row.tagged ? { sourceRef: row.ref } : {}),
    ...(host ? { host } : {}),
  };
}
