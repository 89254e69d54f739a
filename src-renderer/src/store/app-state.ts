/**
 * The one app store, typed as the union of its slices. Each slice lives with its feature;
 * this file only names them together, so features depend on it by type alone.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { Client } from '../../../src-main/ipc/client.js';
import type { EngineSlice } from '../features/engines/engine-slice.js';
import type { ImagesSlice } from '../features/images/images-slice.js';
import type { UiSlice } from '../features/images/ui-slice.js';
import type { LayersState } from '../features/layers/layers-state.js';
import type { RegistriesState } from '../features/registries/registries-state.js';
import type { TasksSlice } from '../features/tasks/tasks-slice.js';
import type { TransfersSlice } from '../features/transfers/transfers-slice.js';
import type { TrustState } from '../features/trust/trust-state.js';

export type AppState = EngineSlice &
  ImagesSlice &
  UiSlice &
  TasksSlice &
  RegistriesState &
  TransfersSlice &
  TrustState &
  LayersState;
export type AppStore = StoreApi<AppState>;

/** A slice gets the store's set/get and the client its actions call; it returns its state and actions. */
export type SliceCreator<Slice> = (
  set: AppStore['setState'],
  get: AppStore['getState'],
  client: Client,
) => Slice;
