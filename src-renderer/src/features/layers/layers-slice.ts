/**
 * The Layers view's images: what `layers.inspect` said of each (layers, history, which listings
 * are cached) and its scan (`layers.scan`, a task: the tree, find and file calls need it first).
 * Everything is filed by `imageKey`, so a tag and a local image keep their state side by side.
 */
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import type { FilesystemSummary, LayersView } from '../../../../src-main/core/layers/views.js';
import { errorShape } from '../../lib/errors.js';
import type { SliceCreator } from '../../store/app-state.js';
import type { Loaded } from '../registries/manifests-slice.js';
import { type ImageSelector, imageKey } from './image-key.js';

export type ScanState =
  | { state: 'idle' }
  /** `taskId` arrives with the first snapshot, a moment after the start. */
  | { state: 'running'; taskId: string | undefined }
  | { state: 'done'; summary: FilesystemSummary }
  /** A cancelled scan ends here too, with the code CANCELLED. */
  | { state: 'failed'; error: ErrorShape };

export interface LayersImage {
  selector: ImageSelector;
  view: Loaded<LayersView>;
  scan: ScanState;
}

export interface LayersSlice {
  layerImages: Readonly<Record<string, LayersImage>>;
  /** The local image whose Layers view is open over Local Images, if any. */
  localLayers: ImageSelector | undefined;
  /**
   * Inspects the image once (again after a failure). When every layer was listed before, it
   * scans at once as well: the listings are on disk, so that takes a moment, not a download.
   */
  openLayers: (selector: ImageSelector) => Promise<void>;
  /** Runs `layers.scan` unless one runs; afterwards inspects again (a local layer's sizes are known once listed). */
  scanLayers: (key: string) => Promise<void>;
  cancelScan: (key: string) => Promise<void>;
  openLocalLayers: (selector: ImageSelector) => void;
  closeLocalLayers: () => void;
}

export const createLayersSlice: SliceCreator<LayersSlice> = (set, get, client) => {
  const update = (key: string, change: Partial<LayersImage>) =>
    set((state) => {
      const current = state.layerImages[key];
      if (!current) return {};
      return { layerImages: { ...state.layerImages, [key]: { ...current, ...change } } };
    });

  const inspect = async (key: string, selector: ImageSelector, quiet: boolean) => {
    if (!quiet) update(key, { view: { state: 'loading' } });
    try {
      const view = await client.call('layers.inspect', selector);
      update(key, { view: { state: 'ready', value: view } });
      return view;
    } catch (error) {
      if (!quiet) update(key, { view: { state: 'failed', error: errorShape(error) } });
      return undefined;
    }
  };

  return {
    layerImages: {},
    localLayers: undefined,

    openLayers: async (selector) => {
      const key = imageKey(selector);
      const current = get().layerImages[key];
      if (current && current.view.state !== 'failed') return;
      set((state) => ({
        layerImages: {
          ...state.layerImages,
          [key]: { selector, view: { state: 'loading' }, scan: current?.scan ?? { state: 'idle' } },
        },
      }));
      const view = await inspect(key, selector, false);
      const listedBefore = view && view.layers.length > 0 && view.listed.every(Boolean);
      if (listedBefore && get().layerImages[key]?.scan.state === 'idle') await get().scanLayers(key);
    },

    scanLayers: async (key) => {
      const image = get().layerImages[key];
      if (!image || image.scan.state === 'running') return;
      update(key, { scan: { state: 'running', taskId: undefined } });
      try {
        const summary = await client.run('layers.scan', image.selector, (snapshot) => {
          const scan = get().layerImages[key]?.scan;
          if (scan?.state === 'running' && scan.taskId === undefined)
            update(key, { scan: { state: 'running', taskId: snapshot.id } });
        });
        update(key, { scan: { state: 'done', summary } });
        await inspect(key, image.selector, true);
      } catch (error) {
        update(key, { scan: { state: 'failed', error: errorShape(error) } });
      }
    },

    cancelScan: async (key) => {
      const scan = get().layerImages[key]?.scan;
      if (scan?.state === 'running' && scan.taskId) await get().cancelTask(scan.taskId);
    },

    openLocalLayers: (localLayers) => set({ localLayers }),
    closeLocalLayers: () => set({ localLayers: undefined }),
  };
};
