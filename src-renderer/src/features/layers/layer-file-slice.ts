/**
 * One file of a scanned image at a time, per image: its first bytes for viewing (`layers.file`),
 * and saving it whole to a path the user chose (`layers.saveFile`, a task whose snapshots the
 * tasks slice keeps).
 */
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import type { FileView } from '../../../../src-main/core/layers/views.js';
import { errorShape } from '../../lib/errors.js';
import type { SliceCreator } from '../../store/app-state.js';
import type { Loaded } from '../registries/manifests-slice.js';

export interface OpenFile {
  path: string;
  view: Loaded<FileView>;
}

/** A save the user asked for: its task, or why it could not start. */
export interface FileSave {
  path: string;
  destination: string;
  taskId?: string;
  error?: ErrorShape;
}

export interface LayerFileSlice {
  layerFiles: Readonly<Record<string, OpenFile | undefined>>;
  layerSaves: Readonly<Record<string, FileSave | undefined>>;
  openLayerFile: (key: string, path: string) => Promise<void>;
  closeLayerFile: (key: string) => void;
  saveLayerFile: (key: string, path: string, destination: string) => Promise<void>;
  dismissLayerSave: (key: string) => void;
}

export const createLayerFileSlice: SliceCreator<LayerFileSlice> = (set, get, client) => {
  const putFile = (key: string, file: OpenFile | undefined) =>
    set((state) => ({ layerFiles: { ...state.layerFiles, [key]: file } }));
  const putSave = (key: string, save: FileSave | undefined) =>
    set((state) => ({ layerSaves: { ...state.layerSaves, [key]: save } }));

  return {
    layerFiles: {},
    layerSaves: {},

    openLayerFile: async (key, path) => {
      const image = get().layerImages[key];
      if (!image) return;
      const current = get().layerFiles[key];
      if (current?.path === path && current.view.state !== 'failed') return;
      putFile(key, { path, view: { state: 'loading' } });
      if (get().layerSaves[key]?.path !== path) putSave(key, undefined);
      let view: OpenFile['view'];
      try {
        view = { state: 'ready', value: await client.call('layers.file', { image: image.selector, path }) };
      } catch (error) {
        view = { state: 'failed', error: errorShape(error) };
      }
      // Another file may have been opened meanwhile: that one stays.
      if (get().layerFiles[key]?.path === path) putFile(key, { path, view });
    },

    closeLayerFile: (key) => putFile(key, undefined),

    saveLayerFile: async (key, path, destination) => {
      const image = get().layerImages[key];
      if (!image) return;
      putSave(key, { path, destination });
      try {
        const { taskId } = await client.call('layers.saveFile', { image: image.selector, path, destination });
        putSave(key, { path, destination, taskId });
      } catch (error) {
        putSave(key, { path, destination, error: errorShape(error) });
      }
    },

    dismissLayerSave: (key) => putSave(key, undefined),
  };
};
