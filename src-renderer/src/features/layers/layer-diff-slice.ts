/**
 * "Compare with…": the difference from one image to another (`layers.diff`, a task that lists
 * and merges both), one comparison per image the view is open on.
 */
import type { ImageDiffView } from '../../../../src-main/core/layers/views.js';
import { errorShape } from '../../lib/errors.js';
import type { SliceCreator } from '../../store/app-state.js';
import type { Loaded } from '../registries/manifests-slice.js';
import type { ImageSelector } from './image-key.js';

export interface LayerDiff {
  /** From `a` (before) to `b` (after). */
  a: ImageSelector;
  b: ImageSelector;
  /** Arrives with the first snapshot. */
  taskId: string | undefined;
  result: Loaded<ImageDiffView>;
}

export interface LayerDiffSlice {
  layerDiffs: Readonly<Record<string, LayerDiff | undefined>>;
  /** Starts a comparison for the view of image `key`; one that runs for it already is cancelled. */
  compareImages: (key: string, a: ImageSelector, b: ImageSelector) => Promise<void>;
  cancelCompare: (key: string) => Promise<void>;
  clearCompare: (key: string) => void;
}

export const createLayerDiffSlice: SliceCreator<LayerDiffSlice> = (set, get, client) => {
  const put = (key: string, diff: LayerDiff | undefined) =>
    set((state) => ({ layerDiffs: { ...state.layerDiffs, [key]: diff } }));
  /** A later comparison replaced this one: its news is not wanted. */
  const isCurrent = (key: string, diff: LayerDiff) => get().layerDiffs[key] === diff;

  return {
    layerDiffs: {},

    compareImages: async (key, a, b) => {
      void get().cancelCompare(key);
      let diff: LayerDiff = { a, b, taskId: undefined, result: { state: 'loading' } };
      put(key, diff);
      const replace = (next: LayerDiff) => {
        if (!isCurrent(key, diff)) return;
        diff = next;
        put(key, next);
      };
      try {
        const value = await client.run('layers.diff', { a, b }, (snapshot) => {
          if (diff.taskId === undefined) replace({ ...diff, taskId: snapshot.id });
        });
        replace({ ...diff, result: { state: 'ready', value } });
      } catch (error) {
        replace({ ...diff, result: { state: 'failed', error: errorShape(error) } });
      }
    },

    cancelCompare: async (key) => {
      const diff = get().layerDiffs[key];
      if (diff?.result.state === 'loading' && diff.taskId) await get().cancelTask(diff.taskId);
    },

    clearCompare: (key) => {
      void get().cancelCompare(key);
      put(key, undefined);
    },
  };
};
