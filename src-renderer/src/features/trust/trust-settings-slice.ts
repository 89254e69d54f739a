/**
 * The trust settings as main reports them (keys, trust stores, roots, notary servers, pins): loaded
 * when the settings page shows them, replaced by the view every change returns. A change may make
 * signatures verify or stop verifying, so every badge and report is asked again.
 */
import type { InputOf, TrustSettingsView } from '../../../../src-main/ipc/contract.js';
import { errorShape } from '../../lib/errors.js';
import type { SliceCreator } from '../../store/app-state.js';
import type { Loaded } from '../registries/manifests-slice.js';

/** The calls that change the trust settings; each answers with the new view. */
export type TrustSettingsChange =
  | 'trust.publicKeys.add'
  | 'trust.publicKeys.remove'
  | 'trust.trustStores.add'
  | 'trust.trustStores.remove'
  | 'trust.sigstoreRoot.set'
  | 'trust.notaryServers.set'
  | 'trust.notaryServers.remove'
  | 'trust.pins.remove'
  | 'trust.signingKeys.generate'
  | 'trust.signingKeys.import'
  | 'trust.signingKeys.remove';

export interface TrustSettingsSlice {
  trustSettings: Loaded<TrustSettingsView> | undefined;
  /** Loads unless loaded (or `force`). */
  loadTrustSettings: (force?: boolean) => Promise<void>;
  /** Rejects with the ContractError, for the dialog that asked to show by code. */
  changeTrustSettings: <N extends TrustSettingsChange>(
    name: N,
    input: InputOf<N>,
  ) => Promise<TrustSettingsView>;
  /** A signing key's `cosign.pub`. */
  signingKeyPublicPem: (name: string) => Promise<string>;
}

export const createTrustSettingsSlice: SliceCreator<TrustSettingsSlice> = (set, get, client) => ({
  trustSettings: undefined,

  loadTrustSettings: async (force = false) => {
    const current = get().trustSettings;
    if (!force && current && current.state !== 'failed') return;
    set({
      trustSettings:
        current?.state === 'ready' ? { state: 'loading', value: current.value } : { state: 'loading' },
    });
    try {
      set({ trustSettings: { state: 'ready', value: await client.call('trust.settings', {}) } });
    } catch (error) {
      set({ trustSettings: { state: 'failed', error: errorShape(error) } });
    }
  },

  changeTrustSettings: async (name, input) => {
    // The contract's input types are per procedure; the union here is checked at each caller.
    const call = client.call as (name: TrustSettingsChange, input: unknown) => Promise<TrustSettingsView>;
    const view = await call(name, input);
    set({ trustSettings: { state: 'ready', value: view } });
    const state = get();
    state.forgetTrustBadges();
    state.forgetTrustReports();
    return view;
  },

  signingKeyPublicPem: (name) => client.call('trust.signingKeys.publicPem', { name }),
});
