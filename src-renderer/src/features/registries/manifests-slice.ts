/**
 * What the tag detail shows: `manifests.inspect` per reference and platform, `manifests.raw`
 * per reference; and deleting a manifest, which makes every cache of its repository stale.
 */
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import type { ImageInspection } from '../../../../src-main/core/registry/types.js';
import type { DeletePlan, RawManifest } from '../../../../src-main/ipc/contract.js';
import { errorShape } from '../../lib/errors.js';
import type { SliceCreator } from '../../store/app-state.js';

export type Loaded<T> =
  | { state: 'loading'; value?: T }
  | { state: 'ready'; value: T }
  | { state: 'failed'; error: ErrorShape };

export interface ManifestsSlice {
  /** By `inspectionKey(reference, platform)`. */
  inspections: Readonly<Record<string, Loaded<ImageInspection>>>;
  rawManifests: Readonly<Record<string, Loaded<RawManifest>>>;
  inspectManifest: (reference: string, platform?: string) => Promise<void>;
  loadRawManifest: (reference: string) => Promise<void>;
  /** These reject with the ContractError, for the delete dialog to show by code. */
  planManifestDelete: (reference: string) => Promise<DeletePlan>;
  /** Deletes, then drops what was cached about the repository (`host/path`) and the host's probe. */
  deleteManifest: (host: string, reference: string, repository: string) => Promise<DeletePlan>;
  forgetManifests: (host: string) => void;
}

export function inspectionKey(reference: string, platform?: string): string {
  return platform ? `${reference} ${platform}` : reference;
}

function without<T>(record: Readonly<Record<string, T>>, prefix: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !key.startsWith(prefix)));
}

export const createManifestsSlice: SliceCreator<ManifestsSlice> = (set, get, client) => {
  /** Loads once; a failed load is tried again when asked again. */
  const loadOnce = async <T>(
    current: Loaded<T> | undefined,
    put: (entry: Loaded<T>) => void,
    fetch: () => Promise<T>,
  ) => {
    if (current && current.state !== 'failed') return;
    put({ state: 'loading' });
    try {
      put({ state: 'ready', value: await fetch() });
    } catch (error) {
      put({ state: 'failed', error: errorShape(error) });
    }
  };

  return {
    inspections: {},
    rawManifests: {},

    inspectManifest: (reference, platform) => {
      const key = inspectionKey(reference, platform);
      return loadOnce(
        get().inspections[key],
        (entry) => set((state) => ({ inspections: { ...state.inspections, [key]: entry } })),
        () => client.call('manifests.inspect', { reference, ...(platform ? { platform } : {}) }),
      );
    },
    loadRawManifest: (reference) =>
      loadOnce(
        get().rawManifests[reference],
        (entry) => set((state) => ({ rawManifests: { ...state.rawManifests, [reference]: entry } })),
        () => client.call('manifests.raw', { reference }),
      ),

    planManifestDelete: (reference) => client.call('manifests.deletePlan', { reference }),

    deleteManifest: async (host, reference, repository) => {
      let plan: DeletePlan;
      try {
        plan = await client.call('manifests.delete', { reference });
      } finally {
        // Whether it worked or the registry refused, main now knows if deletion is enabled.
        get().forgetProbe(host);
      }
      const prefix = `${repository}:`;
      const byDigest = `${repository}@`;
      set((state) => ({
        inspections: without(without(state.inspections, prefix), byDigest),
        rawManifests: without(without(state.rawManifests, prefix), byDigest),
      }));
      await get().loadTags(repository, true);
      return plan;
    },

    forgetManifests: (host) =>
      set((state) => ({
        inspections: without(state.inspections, `${host}/`),
        rawManifests: without(state.rawManifests, `${host}/`),
      })),
  };
};
