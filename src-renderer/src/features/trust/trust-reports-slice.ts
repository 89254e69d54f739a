/**
 * What the Trust tab and the DCT migration panel show: `trust.inspect` per reference and
 * `trust.dctMigration` per repository, cached until trust settings change or a signature is written.
 */
import type { DctMigrationPlan, TrustReport } from '../../../../src-main/ipc/contract.js';
import { errorShape } from '../../lib/errors.js';
import type { SliceCreator } from '../../store/app-state.js';
import type { Loaded } from '../registries/manifests-slice.js';
import { referenceRepository } from './trust-reference.js';

/**
 * `stale`: the trust settings changed or a signature was written since it was fetched. It stays on
 * screen while a view that shows it asks again (views reload what is missing or stale).
 */
export type TrustLoaded<T> = Loaded<T> & { stale?: true };

export interface TrustReportsSlice {
  trustReports: Readonly<Record<string, TrustLoaded<TrustReport>>>;
  /** By repository (`host/path`). */
  dctPlans: Readonly<Record<string, TrustLoaded<DctMigrationPlan>>>;
  /** Loads unless cached; `force` asks again and keeps the last report on screen meanwhile. */
  loadTrustReport: (reference: string, force?: boolean) => Promise<void>;
  loadDctPlan: (repository: string, force?: boolean) => Promise<void>;
  /** Marks the reports and plans of one repository, or all of them, stale. */
  forgetTrustReports: (repository?: string) => void;
}

function markStale<T>(
  record: Readonly<Record<string, TrustLoaded<T>>>,
  matches: (key: string) => boolean,
): Record<string, TrustLoaded<T>> {
  return Object.fromEntries(
    // The spread keeps the variant; TypeScript widens it to a mix of all three.
    Object.entries(record).map(([key, entry]) => [
      key,
      matches(key) ? ({ ...entry, stale: true } as TrustLoaded<T>) : entry,
    ]),
  );
}

export const createTrustReportsSlice: SliceCreator<TrustReportsSlice> = (set, get, client) => {
  // Answers can come back out of order, or after the cache was invalidated: only the latest writes.
  const requests = new Map<string, number>();
  let nextRequest = 0;

  const load = async <T>(
    key: string,
    current: TrustLoaded<T> | undefined,
    force: boolean,
    put: (entry: TrustLoaded<T>) => void,
    fetch: () => Promise<T>,
  ) => {
    if (!force && current && current.state !== 'failed' && !current.stale) return;
    const request = ++nextRequest;
    requests.set(key, request);
    const before = current && current.state !== 'failed' ? current.value : undefined;
    put(before === undefined ? { state: 'loading' } : { state: 'loading', value: before });
    try {
      const value = await fetch();
      if (requests.get(key) === request) put({ state: 'ready', value });
    } catch (error) {
      if (requests.get(key) === request) put({ state: 'failed', error: errorShape(error) });
    }
  };

  return {
    trustReports: {},
    dctPlans: {},

    loadTrustReport: (reference, force = false) =>
      load<TrustReport>(
        `report ${reference}`,
        get().trustReports[reference],
        force,
        (entry) => set((state) => ({ trustReports: { ...state.trustReports, [reference]: entry } })),
        () => client.call('trust.inspect', { reference }),
      ),

    loadDctPlan: (repository, force = false) =>
      load<DctMigrationPlan>(
        `plan ${repository}`,
        get().dctPlans[repository],
        force,
        (entry) => set((state) => ({ dctPlans: { ...state.dctPlans, [repository]: entry } })),
        () => client.call('trust.dctMigration', { repository }),
      ),

    forgetTrustReports: (repository) => {
      const ofReport = (key: string) => repository === undefined || referenceRepository(key) === repository;
      const ofPlan = (key: string) => repository === undefined || key === repository;
      for (const key of [...requests.keys()]) {
        const [kind, name = ''] = key.split(' ');
        if (kind === 'report' ? ofReport(name) : ofPlan(name)) requests.delete(key);
      }
      set((state) => ({
        trustReports: markStale(state.trustReports, ofReport),
        dctPlans: markStale(state.dctPlans, ofPlan),
      }));
    },
  };
};
