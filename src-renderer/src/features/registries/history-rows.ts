/**
 * The image config's history, with the size of the layer each step made. The config does not
 * say which layer is whose: steps that made one (`empty_layer` unset) take the manifest's layers
 * in order, as `docker history` pairs them.
 */
import type { ImageConfigInfo, LayerInfo } from '../../../../src-main/core/registry/types.js';

export interface HistoryRow {
  createdBy: string;
  created?: string;
  emptyLayer: boolean;
  /** Bytes of the step's layer (compressed, as stored); null for empty steps or when layers ran out. */
  size: number | null;
}

export function historyRows(history: ImageConfigInfo['history'], layers: readonly LayerInfo[]): HistoryRow[] {
  let next = 0;
  return history.map((step) => {
    const layer = step.emptyLayer ? undefined : layers[next++];
    return {
      createdBy: step.createdBy || step.comment || '',
      ...(step.created ? { created: step.created } : {}),
      emptyLayer: step.emptyLayer,
      size: layer ? layer.size : null,
    };
  });
}
