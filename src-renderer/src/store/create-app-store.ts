import { createStore } from 'zustand/vanilla';
import type { Client } from '../../../src-main/ipc/client.js';
import { createEngineSlice } from '../features/engines/engine-slice.js';
import { createImagesSlice } from '../features/images/images-slice.js';
import { createUiSlice } from '../features/images/ui-slice.js';
import { createLayersState } from '../features/layers/layers-state.js';
import { createRegistriesState } from '../features/registries/registries-state.js';
import { createTasksSlice } from '../features/tasks/tasks-slice.js';
import { createTransfersSlice } from '../features/transfers/transfers-slice.js';
import { createTrustState } from '../features/trust/trust-state.js';
import type { AppState, AppStore } from './app-state.js';

/** A fresh store over a client: one per app, one per test. */
export function createAppStore(client: Client): AppStore {
  return createStore<AppState>()((set, get) => ({
    ...createEngineSlice(set, get, client),
    ...createImagesSlice(set, get, client),
    ...createUiSlice(set, get, client),
    ...createTasksSlice(set, get, client),
    ...createRegistriesState(set, get, client),
    ...createTransfersSlice(set, get, client),
    ...createTrustState(set, get, client),
    ...createLayersState(set, get, client),
  }));
}
