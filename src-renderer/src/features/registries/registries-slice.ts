/**
 * The registries Stevedore knows and what each one supports: server data, kept as a cache of
 * what main said (`registries.list`, `registries.probe`), refreshed after every change.
 */
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import type { RegistryCapabilities, RegistrySummary } from '../../../../src-main/core/registry/types.js';
import type { InputOf } from '../../../../src-main/ipc/contract.js';
import { errorShape } from '../../lib/errors.js';
import type { SliceCreator } from '../../store/app-state.js';

export type RegistriesLoad = 'idle' | 'loading' | 'ready' | 'error';

/** One registry's last `registries.probe`, or why the call itself failed. */
export type ProbeEntry =
  | { state: 'probing'; capabilities?: RegistryCapabilities }
  | { state: 'known'; capabilities: RegistryCapabilities }
  | { state: 'failed'; error: ErrorShape };

export interface RegistriesSlice {
  /** Docker Hub (the preset) first, then the added ones in main's order. */
  registries: RegistrySummary[];
  registriesState: RegistriesLoad;
  registriesError: ErrorShape | undefined;
  probes: Readonly<Record<string, ProbeEntry>>;
  loadRegistries: () => Promise<void>;
  /** Probes once per host unless `force`: the answer is cached until a change makes it stale. */
  probeRegistry: (host: string, force?: boolean) => Promise<void>;
  /** These reject with the ContractError, for the dialogs to show by code. */
  addRegistry: (input: InputOf<'registries.add'>) => Promise<RegistrySummary>;
  updateRegistry: (input: InputOf<'registries.update'>) => Promise<RegistrySummary>;
  removeRegistry: (host: string) => Promise<void>;
  loginRegistry: (host: string, username: string, password: string) => Promise<RegistrySummary>;
  /** Logs out; a failure lands in `registryNotice`, since no dialog is open to show it. */
  logoutRegistry: (host: string) => Promise<void>;
  /** A delete was tried: the probe's "deletion: unknown" may be known now. */
  forgetProbe: (host: string) => void;
}

export function presetFirst(registries: readonly RegistrySummary[]): RegistrySummary[] {
  return [...registries.filter((r) => r.preset), ...registries.filter((r) => !r.preset)];
}

export const createRegistriesSlice: SliceCreator<RegistriesSlice> = (set, get, client) => {
  let listRequest = 0;
  const probeRequests = new Map<string, number>();

  const setProbe = (host: string, entry: ProbeEntry) =>
    set((state) => ({ probes: { ...state.probes, [host]: entry } }));

  const replace = (summary: RegistrySummary) =>
    set((state) => ({
      registries: state.registries.map((r) => (r.host === summary.host ? summary : r)),
    }));

  const forgetProbe = (host: string) =>
    set((state) => {
      const { [host]: _probe, ...probes } = state.probes;
      return { probes };
    });

  /** Another address, CA or account may see another registry: what we knew about it is stale. */
  const forget = (host: string) => {
    forgetProbe(host);
    const state = get();
    state.forgetCatalog(host);
    state.forgetTags(host);
    state.forgetManifests(host);
  };

  const loadRegistries = async () => {
    const request = ++listRequest;
    if (get().registriesState === 'idle') set({ registriesState: 'loading' });
    try {
      const registries = presetFirst(await client.call('registries.list', {}));
      if (request === listRequest) set({ registries, registriesState: 'ready', registriesError: undefined });
    } catch (error) {
      if (request === listRequest) set({ registriesState: 'error', registriesError: errorShape(error) });
    }
  };

  return {
    registries: [],
    registriesState: 'idle',
    registriesError: undefined,
    probes: {},
    loadRegistries,
    forgetProbe,

    probeRegistry: async (host, force = false) => {
      const before = get().probes[host];
      if (!force && before && before.state !== 'failed') return;
      const request = (probeRequests.get(host) ?? 0) + 1;
      probeRequests.set(host, request);
      setProbe(host, {
        state: 'probing',
        ...(before?.state === 'known' ? { capabilities: before.capabilities } : {}),
      });
      try {
        const capabilities = await client.call('registries.probe', { host });
        if (probeRequests.get(host) === request) setProbe(host, { state: 'known', capabilities });
      } catch (error) {
        if (probeRequests.get(host) === request)
          setProbe(host, { state: 'failed', error: errorShape(error) });
      }
    },

    addRegistry: async (input) => {
      const summary = await client.call('registries.add', input);
      await loadRegistries();
      return summary;
    },

    updateRegistry: async (input) => {
      const summary = await client.call('registries.update', input);
      replace(summary);
      forget(summary.host);
      void loadRegistries();
      return summary;
    },

    removeRegistry: async (host) => {
      await client.call('registries.remove', { host });
      forget(host);
      get().leaveRegistry(host);
      await loadRegistries();
    },

    loginRegistry: async (host, username, password) => {
      const summary = await client.call('registries.login', { host, username, password });
      replace(summary);
      forget(host);
      return summary;
    },

    logoutRegistry: async (host) => {
      try {
        replace(await client.call('registries.logout', { host }));
        forget(host);
      } catch (error) {
        const name = get().registries.find((r) => r.host === host)?.name ?? host;
        get().setRegistryNotice({ action: `Log out of ${name}`, ...errorShape(error) });
      }
    },
  };
};
