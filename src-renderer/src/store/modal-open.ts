import type { AppState } from './app-state.js';

/**
 * A dialog, the local Layers view or the tasks drawer is open somewhere: it owns the keyboard, so the views' own keys
 * (arrows, Delete, P, Esc) leave it alone.
 */
export function modalOpen(state: AppState): boolean {
  return Boolean(
    state.dialog ||
      state.registryDialog ||
      state.transferDialog ||
      state.trustDialog ||
      state.localLayers ||
      state.tasksOpen,
  );
}
