import type { Client } from '../../../src-main/ipc/client.js';
import { debounce } from '../lib/debounce.js';
import type { AppStore } from '../store/app-state.js';

/** A burst of engine events (a `docker rmi` of ten tags) becomes one refetch, at most a second late. */
const REFRESH_WAIT_MS = 150;
const REFRESH_MAX_WAIT_MS = 1000;

/** Feeds main's events into the store; returns the unsubscribe. */
export function subscribeToEvents(client: Client, store: AppStore): () => void {
  const refresh = debounce(() => void store.getState().refreshImages(), REFRESH_WAIT_MS, REFRESH_MAX_WAIT_MS);
  const unsubscribes = [
    client.on('images.changed', ({ engineId }) => {
      const active = store.getState().activeEngineId;
      if (active === undefined || active === engineId) refresh();
    }),
    client.on('engine.status', (status) => store.getState().receiveEngineStatus(status)),
    client.on('task.updated', (snapshot) => {
      const state = store.getState();
      state.receiveTask(snapshot);
      if (snapshot.state !== 'running') {
        state.transferEnded(snapshot);
        state.trustTaskEnded(snapshot);
      }
    }),
  ];
  return () => {
    refresh.cancel();
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
