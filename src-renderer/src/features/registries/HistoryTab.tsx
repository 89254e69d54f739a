import { useMemo } from 'react';
import type { ImageConfigInfo, LayerInfo } from '../../../../src-main/core/registry/types.js';
import { Dim } from '../../ui/DetailParts.js';
import { HistoryTable } from '../../ui/HistoryTable.js';
import { historyRows } from './history-rows.js';

/** The build steps, oldest first as the config lists them; steps that made no layer are dimmed. */
export function HistoryTab({
  config,
  layers,
}: {
  config: ImageConfigInfo | null;
  layers: readonly LayerInfo[];
}) {
  const rows = useMemo(() => (config ? historyRows(config.history, layers) : []), [config, layers]);
  if (rows.length === 0) return <Dim>The image config records no history.</Dim>;
  return <HistoryTable rows={rows} testId="tag-history" />;
}
