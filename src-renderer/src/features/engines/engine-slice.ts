/**
 * Which engines exist, which one is active and whether it answers. Server state, refreshed on
 * `engine.status` events and on Retry.
 */
import type { EngineEndpoint, EngineStatus } from '../../../../src-main/core/engine/types.js';
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import type { InputOf } from '../../../../src-main/ipc/contract.js';
import { errorShape } from '../../lib/errors.js';
import type { SliceCreator } from '../../store/app-state.js';

/** One engine's last `engines.status`, or why asking failed (the call itself, not the engine). */
export type EndpointCheck =
  | { state: 'checking'; status?: EngineStatus }
  | { state: 'known'; status: EngineStatus }
  | { state: 'failed'; error: ErrorShape };

export interface EngineSlice {
  engines: EngineEndpoint[];
  activeEngineId: string | undefined;
  engineStatus: EngineStatus | undefined;
  /** A status check (start, Retry, switch) is under way. */
  engineChecking: boolean;
  /** The engine calls themselves failed (the backend is gone, say): not the engine's own state. */
  engineCallError: ErrorShape | undefined;
  /** The status of every engine asked about, by id; the active one's follows `engineStatus`. */
  endpointChecks: Record<string, EndpointCheck>;
  loadEngines: () => Promise<void>;
  checkEngine: () => Promise<void>;
  selectEngine: (engineId: string) => Promise<void>;
  receiveEngineStatus: (status: EngineStatus) => void;
  /** `engines.status` of any engine, kept in `endpointChecks`; for the active one, in `engineStatus` too. */
  checkEndpoint: (engineId: string) => Promise<void>;
  /** `engines.add`, then the list again; rejects with the ContractError, for the form to show. */
  addEngine: (input: InputOf<'engines.add'>) => Promise<EngineEndpoint>;
  /** `engines.remove`; when it was the active engine, main falls back to another and so does the status. */
  removeEngine: (engineId: string) => Promise<void>;
}

export const createEngineSlice: SliceCreator<EngineSlice> = (set, get, client) => {
  // Per engine, only the latest check may write: a slow answer must not overwrite a newer one.
  const checkRequests = new Map<string, number>();
  const setCheck = (engineId: string, check: EndpointCheck) =>
    set((state) => ({ endpointChecks: { ...state.endpointChecks, [engineId]: check } }));

  /** A newly reachable or newly chosen engine has other images: start over. */
  const onStatus = (status: EngineStatus) => {
    const before = get().engineStatus;
    const switched = before !== undefined && before.endpoint.id !== status.endpoint.id;
    const cameBack = status.reachable && before?.reachable !== true;
    set({ engineStatus: status, activeEngineId: status.endpoint.id, engineCallError: undefined });
    setCheck(status.endpoint.id, { state: 'known', status });
    if (switched) get().resetImagesView();
    if (switched || cameBack) void get().fetchImages();
  };

  return {
    engines: [],
    activeEngineId: undefined,
    engineStatus: undefined,
    engineChecking: false,
    engineCallError: undefined,
    endpointChecks: {},

    loadEngines: async () => {
      try {
        const listing = await client.call('engines.list', {});
        set({ engines: listing.endpoints, activeEngineId: listing.activeId });
      } catch (error) {
        set({ engineCallError: errorShape(error) });
      }
    },

    checkEngine: async () => {
      set({ engineChecking: true });
      try {
        onStatus(await client.call('engines.status', {}));
      } catch (error) {
        set({ engineCallError: errorShape(error) });
      } finally {
        set({ engineChecking: false });
      }
    },

    selectEngine: async (engineId) => {
      if (engineId === get().activeEngineId && get().engineStatus?.reachable) return;
      set({ engineChecking: true, activeEngineId: engineId });
      try {
        onStatus(await client.call('engines.select', { engineId }));
      } catch (error) {
        set({ engineCallError: errorShape(error) });
        void get().loadEngines();
      } finally {
        set({ engineChecking: false });
      }
    },

    receiveEngineStatus: onStatus,

    checkEndpoint: async (engineId) => {
      const request = (checkRequests.get(engineId) ?? 0) + 1;
      checkRequests.set(engineId, request);
      const before = get().endpointChecks[engineId];
      setCheck(engineId, {
        state: 'checking',
        ...(before?.state === 'known' ? { status: before.status } : {}),
      });
      try {
        const status = await client.call('engines.status', { engineId });
        if (checkRequests.get(engineId) !== request) return;
        if (engineId === get().activeEngineId) onStatus(status);
        else setCheck(engineId, { state: 'known', status });
      } catch (error) {
        if (checkRequests.get(engineId) === request)
          setCheck(engineId, { state: 'failed', error: errorShape(error) });
      }
    },

    addEngine: async (input) => {
      const endpoint = await client.call('engines.add', input);
      await get().loadEngines();
      return endpoint;
    },

    removeEngine: async (engineId) => {
      const wasActive = get().activeEngineId === engineId;
      await client.call('engines.remove', { engineId });
      await get().loadEngines();
      if (wasActive) await get().checkEngine();
    },
  };
};
