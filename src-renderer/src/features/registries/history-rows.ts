/**
 * The image config's history, with the size of the layer each step made. The config does not
 * say which layer is whose: steps that made one (`empty_layer` unset) take the manifest's layers
 * in order, as `docker history` pairs them. A step's size is its layer's (compressed, as stored);
 * null for empty steps or when the layers ran out.
 */
import type { ImageConfigInfo, LayerInfo } from '../../../../src-main/core/registry/types.js';
import type { HistoryRow } from '../../ui/HistoryTable.js';

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
