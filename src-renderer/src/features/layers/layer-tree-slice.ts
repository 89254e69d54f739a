/**
 * The file tree of a scanned image, per image: directories as main lists them (`layers.dir`,
 * cached per layer and "only changes"), which are expanded, the keyboard cursor, and the filter
 * (`layers.find`). Expansions survive a change of layer: the same folders stay open.
 */
import type { TreeEntry } from '../../../../src-main/core/layers/views.js';
import { errorShape } from '../../lib/errors.js';
import type { SliceCreator } from '../../store/app-state.js';
import type { Loaded } from '../registries/manifests-slice.js';
import { ancestorPaths } from './image-key.js';

export interface FoundPaths {
  pattern: string;
  layer: number | undefined;
  result: Loaded<{ entries: TreeEntry[]; truncated: boolean }>;
}

export interface LayerTree {
  /** The layer the tree is shown as of (its changes marked); undefined: the final filesystem. */
  layer: number | undefined;
  /** With a layer: only the paths it added, changed or removed (and the folders holding them). */
  onlyChanges: boolean;
  expanded: ReadonlySet<string>;
  cursorPath: string | undefined;
  /** By `dirKey`. */
  dirs: Readonly<Record<string, Loaded<TreeEntry[]>>>;
  filter: string;
  found: FoundPaths | undefined;
}

/** How many paths one filter brings back at most. */
export const FIND_LIMIT = 5000;

export const emptyTree: LayerTree = {
  layer: undefined,
  onlyChanges: false,
  expanded: new Set(),
  cursorPath: undefined,
  dirs: {},
  filter: '',
  found: undefined,
};

/** Where a directory's listing is filed: the same folder differs per layer and with "only changes". */
export function dirKey(tree: Pick<LayerTree, 'layer' | 'onlyChanges'>, path: string): string {
  if (tree.layer === undefined) return `top ${path}`;
  return `${tree.layer}${tree.onlyChanges ? ' changes' : ''} ${path}`;
}

export interface LayerTreeSlice {
  layerTrees: Readonly<Record<string, LayerTree>>;
  /** Lists a directory in the tree's current layer and mode, once (again after a failure). */
  loadTreeDir: (key: string, path: string) => Promise<void>;
  /** Opens or closes a directory; `open` forces one way. */
  toggleTreeDir: (key: string, path: string, open?: boolean) => void;
  setTreeLayer: (key: string, layer: number | undefined) => void;
  setOnlyChanges: (key: string, onlyChanges: boolean) => void;
  setTreeCursor: (key: string, path: string | undefined) => void;
  setTreeFilter: (key: string, filter: string) => void;
  /** Runs `layers.find` for the filter as it is now; an answer for an older filter is dropped. */
  findInTree: (key: string) => Promise<void>;
  /** Clears the filter, opens every folder above `path` (listing them in turn) and puts the cursor on it. */
  revealInTree: (key: string, path: string) => Promise<void>;
}

export const createLayerTreeSlice: SliceCreator<LayerTreeSlice> = (set, get, client) => {
  const tree = (key: string) => get().layerTrees[key] ?? emptyTree;
  const update = (key: string, change: (current: LayerTree) => Partial<LayerTree>) =>
    set((state) => {
      const current = state.layerTrees[key] ?? emptyTree;
      return { layerTrees: { ...state.layerTrees, [key]: { ...current, ...change(current) } } };
    });
  const putDir = (key: string, dir: string, entry: Loaded<TreeEntry[]>) =>
    update(key, (current) => ({ dirs: { ...current.dirs, [dir]: entry } }));

  return {
    layerTrees: {},

    loadTreeDir: async (key, path) => {
      const image = get().layerImages[key];
      const current = tree(key);
      const dir = dirKey(current, path);
      const known = current.dirs[dir];
      if (!image || (known && known.state !== 'failed')) return;
      putDir(key, dir, { state: 'loading' });
      try {
        const entries = await client.call('layers.dir', {
          image: image.selector,
          path,
          ...(current.layer === undefined ? {} : { layer: current.layer, onlyChanges: current.onlyChanges }),
        });
        putDir(key, dir, { state: 'ready', value: entries });
      } catch (error) {
        putDir(key, dir, { state: 'failed', error: errorShape(error) });
      }
    },

    toggleTreeDir: (key, path, open) =>
      update(key, (current) => {
        const expanded = new Set(current.expanded);
        const next = open ?? !expanded.has(path);
        if (next) expanded.add(path);
        else expanded.delete(path);
        return { expanded };
      }),

    setTreeLayer: (key, layer) => {
      update(key, () => ({ layer }));
      if (tree(key).filter.trim() !== '') void get().findInTree(key);
    },
    setOnlyChanges: (key, onlyChanges) => update(key, () => ({ onlyChanges })),
    setTreeCursor: (key, cursorPath) => update(key, () => ({ cursorPath })),
    setTreeFilter: (key, filter) =>
      update(key, (current) => ({ filter, found: filter.trim() === '' ? undefined : current.found })),

    findInTree: async (key) => {
      const image = get().layerImages[key];
      const { filter, layer } = tree(key);
      const pattern = filter.trim();
      if (!image || pattern === '') return;
      const isCurrent = () => {
        const now = tree(key);
        return now.filter.trim() === pattern && now.layer === layer;
      };
      const put = (result: FoundPaths['result']) => {
        if (isCurrent()) update(key, () => ({ found: { pattern, layer, result } }));
      };
      const previous = tree(key).found;
      put({
        state: 'loading',
        ...(previous?.result.state === 'ready' ? { value: previous.result.value } : {}),
      });
      try {
        const found = await client.call('layers.find', {
          image: image.selector,
          pattern,
          limit: FIND_LIMIT,
          ...(layer === undefined ? {} : { layer }),
        });
        put({ state: 'ready', value: found });
      } catch (error) {
        put({ state: 'failed', error: errorShape(error) });
      }
    },

    revealInTree: async (key, path) => {
      update(key, () => ({ filter: '', found: undefined }));
      const folders = ancestorPaths(path);
      for (const folder of folders) await get().loadTreeDir(key, folder);
      update(key, (current) => {
        const expanded = new Set(current.expanded);
        for (const folder of folders) if (folder !== '') expanded.add(folder);
        return { expanded, cursorPath: path };
      });
    },
  };
};
