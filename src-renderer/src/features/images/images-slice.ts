/**
 * Server data about images, kept as a cache of what the engine said: the list, and the detail
 * of the one image the panel shows. Refetched on `images.changed`; never edited locally.
 */
import type {
  HistoryEntry,
  ImageDetail,
  ImageSummary,
  PruneResult,
  RemoveResult,
} from '../../../../src-main/core/engine/types.js';
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import { errorShape } from '../../lib/errors.js';
import type { SliceCreator } from '../../store/app-state.js';

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

export interface ImageDetailCache {
  imageId: string;
  state: LoadState;
  inspect?: ImageDetail;
  history?: HistoryEntry[];
  error?: ErrorShape;
}

export interface ImagesSlice {
  images: ImageSummary[];
  /** `loading` only until the first answer: refetches keep showing the last list. */
  imagesState: LoadState;
  imagesError: ErrorShape | undefined;
  detail: ImageDetailCache | undefined;
  fetchImages: () => Promise<void>;
  loadDetail: (imageId: string) => Promise<void>;
  /** After the engine reported a change: the list and the open detail may be stale. */
  refreshImages: () => Promise<void>;
  /** Rejects with the engine's ContractError, for the dialog to show by code. */
  tagImage: (imageId: string, target: string) => Promise<void>;
  /** Run as tasks, so the tasks drawer shows them; resolve when they end. */
  removeImages: (targets: string[], force: boolean) => Promise<RemoveResult[]>;
  pruneImages: () => Promise<PruneResult>;
}

export const createImagesSlice: SliceCreator<ImagesSlice> = (set, get, client) => {
  // Answers can come back out of order; only the latest request may write.
  let listRequest = 0;
  let detailRequest = 0;

  const fetchImages = async () => {
    const request = ++listRequest;
    if (get().imagesState === 'idle') set({ imagesState: 'loading' });
    try {
      const images = await client.call('images.list', {});
      if (request === listRequest) set({ images, imagesState: 'ready', imagesError: undefined });
    } catch (error) {
      if (request === listRequest) set({ imagesState: 'error', imagesError: errorShape(error) });
    }
  };

  const loadDetail = async (imageId: string) => {
    const request = ++detailRequest;
    const current = get().detail;
    const keep = current?.imageId === imageId ? current : undefined;
    set({ detail: { ...keep, imageId, state: keep?.state === 'ready' ? 'ready' : 'loading' } });
    try {
      const [inspect, history] = await Promise.all([
        client.call('images.inspect', { image: imageId }),
        client.call('images.history', { image: imageId }),
      ]);
      if (request === detailRequest) set({ detail: { imageId, state: 'ready', inspect, history } });
    } catch (error) {
      if (request === detailRequest) set({ detail: { imageId, state: 'error', error: errorShape(error) } });
    }
  };

  const afterChange = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } finally {
      void get().refreshImages();
    }
  };

  return {
    images: [],
    imagesState: 'idle',
    imagesError: undefined,
    detail: undefined,
    fetchImages,
    loadDetail,

    refreshImages: async () => {
      await fetchImages();
      const open = get().detailImageId;
      if (open === undefined || get().imagesState !== 'ready') return;
      // The open image was deleted: its panel has nothing left to show.
      if (get().images.some((image) => image.id === open)) await loadDetail(open);
      else get().closeDetail();
    },

    tagImage: async (imageId, target) => {
      await afterChange(client.call('images.tag', { image: imageId, target }));
    },
    removeImages: (targets, force) => afterChange(client.run('images.remove', { images: targets, force })),
    pruneImages: () => afterChange(client.run('images.prune', {})),
  };
};
