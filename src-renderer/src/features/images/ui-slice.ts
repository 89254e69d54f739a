/**
 * What the user is doing in the images view: filter, sort, selection, the open detail and
 * dialogs. Pure UI state: nothing here came from the engine except ids.
 */
import type { SortingState, Updater } from '@tanstack/react-table';
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import { errorShape } from '../../lib/errors.js';
import type { SliceCreator } from '../../store/app-state.js';
import type { ImageRow } from './image-rows.js';
import {
  type ClickModifiers,
  clickSelection,
  emptySelection,
  moveSelection,
  retainSelection,
  type Selection,
  selectAll,
} from './selection.js';

export type ImagesDialog =
  | { kind: 'remove'; rows: ImageRow[] }
  | { kind: 'tag'; imageId: string; label: string }
  | { kind: 'prune' };

/** A failed action the user started, shown above the table until dismissed. */
export interface ActionError extends ErrorShape {
  action: string;
}

export interface UiSlice {
  filter: string;
  sorting: SortingState;
  selection: Selection;
  detailImageId: string | undefined;
  dialog: ImagesDialog | undefined;
  tasksOpen: boolean;
  actionError: ActionError | undefined;
  setFilter: (filter: string) => void;
  setSorting: (updater: Updater<SortingState>) => void;
  clickRow: (key: string, modifiers: ClickModifiers, order: readonly string[]) => void;
  moveCursor: (delta: number, extend: boolean, order: readonly string[]) => void;
  selectAllRows: (order: readonly string[]) => void;
  retainRows: (order: readonly string[]) => void;
  openDetail: (imageId: string) => void;
  closeDetail: () => void;
  openDialog: (dialog: ImagesDialog) => void;
  closeDialog: () => void;
  setTasksOpen: (open: boolean) => void;
  /** Starts the removal task; a failure lands in `actionError`. */
  confirmRemove: (rows: ImageRow[], force: boolean) => Promise<void>;
  prune: () => Promise<void>;
  dismissActionError: () => void;
  /** Another engine: nothing selected or open applies any more. */
  resetImagesView: () => void;
}

/** Newest first, like `docker images`. */
export const defaultSorting: SortingState = [{ id: 'created', desc: true }];

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => {
  const reportFailure = (action: string) => (error: unknown) => {
    const shape = errorShape(error);
    if (shape.code !== 'CANCELLED') set({ actionError: { ...shape, action } });
  };

  return {
    filter: '',
    sorting: defaultSorting,
    selection: emptySelection,
    detailImageId: undefined,
    dialog: undefined,
    tasksOpen: false,
    actionError: undefined,

    setFilter: (filter) => set({ filter }),
    setSorting: (updater) =>
      set((state) => ({ sorting: typeof updater === 'function' ? updater(state.sorting) : updater })),
    clickRow: (key, modifiers, order) =>
      set((state) => ({ selection: clickSelection(state.selection, key, modifiers, order) })),
    moveCursor: (delta, extend, order) =>
      set((state) => ({ selection: moveSelection(state.selection, delta, extend, order) })),
    selectAllRows: (order) => set((state) => ({ selection: selectAll(state.selection, order) })),
    retainRows: (order) => {
      const next = retainSelection(get().selection, order);
      if (next !== get().selection) set({ selection: next });
    },

    openDetail: (imageId) => {
      set({ detailImageId: imageId });
      void get().loadDetail(imageId);
    },
    closeDetail: () => set({ detailImageId: undefined, detail: undefined }),
    openDialog: (dialog) => set({ dialog }),
    closeDialog: () => set({ dialog: undefined }),
    setTasksOpen: (tasksOpen) => set({ tasksOpen }),

    confirmRemove: async (rows, force) => {
      set({ dialog: undefined, actionError: undefined, selection: emptySelection });
      await get()
        .removeImages(
          rows.map((row) => row.removeTarget),
          force,
        )
        .then(() => undefined, reportFailure('Remove'));
    },

    prune: async () => {
      set({ actionError: undefined });
      await get()
        .pruneImages()
        .then(() => undefined, reportFailure('Prune'));
    },

    dismissActionError: () => set({ actionError: undefined }),
    resetImagesView: () =>
      set({
        images: [],
        imagesState: 'idle',
        imagesError: undefined,
        selection: emptySelection,
        detailImageId: undefined,
        detail: undefined,
        dialog: undefined,
      }),
  };
};
