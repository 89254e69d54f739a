/**
 * Dragging an image row: the row carries which image and which `repo:tag`, so whatever it is
 * dropped on (a registry in the navigation) knows what to push. Text editors get the reference.
 */
import type { ImageRow } from './image-rows.js';

export const IMAGE_DRAG_TYPE = 'application/x-stevedore-image';

export interface DraggedImage {
  imageId: string;
  /** The row's `repo:tag`, when it has one. */
  sourceRef?: string;
}

export function startImageDrag(transfer: DataTransfer, row: ImageRow): void {
  const dragged: DraggedImage = { imageId: row.id, ...(row.tagged ? { sourceRef: row.ref } : {}) };
  transfer.setData(IMAGE_DRAG_TYPE, JSON.stringify(dragged));
  transfer.setData('text/plain', row.tagged ? row.ref : row.id);
  transfer.effectAllowed = 'copy';
}

/** While dragging only the types can be read, not the data: enough to say "drop here". */
export function carriesImage(transfer: DataTransfer): boolean {
  return transfer.types.includes(IMAGE_DRAG_TYPE);
}

/** The dropped image, or undefined when the data is not one of ours. */
export function droppedImage(transfer: DataTransfer): DraggedImage | undefined {
  try {
    const value: unknown = JSON.parse(transfer.getData(IMAGE_DRAG_TYPE));
    if (typeof value !== 'object' || value === null) return undefined;
    const { imageId, sourceRef } = value as Record<string, unknown>;
    if (typeof imageId !== 'string' || imageId === '') return undefined;
    return { imageId, ...(typeof sourceRef === 'string' ? { sourceRef } : {}) };
  } catch {
    return undefined;
  }
}
