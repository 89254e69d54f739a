import { Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { ImageConfigInfo, LayerInfo } from '../../../../src-main/core/registry/types.js';
import { formatBytes, formatExactTime, formatRelativeTime } from '../../lib/format.js';
import { Dim } from './DetailParts.js';
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
  return (
    <Table
      fz="xs"
      verticalSpacing={3}
      horizontalSpacing={6}
      layout="fixed"
      highlightOnHover
      data-testid="tag-history"
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Step</Table.Th>
          <Table.Th w={90} ta="right">
            Size
          </Table.Th>
          <Table.Th w={120}>Created</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row, index) => (
          <Table.Tr
            // biome-ignore lint/suspicious/noArrayIndexKey: history steps have no identity but their place.
            key={index}
            data-empty-layer={row.emptyLayer || undefined}
            style={{ opacity: row.emptyLayer ? 0.55 : undefined }}
          >
            <Table.Td>
              <Text ff="monospace" fz={11} truncate="end" title={row.createdBy}>
                {row.createdBy || '—'}
              </Text>
            </Table.Td>
            <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {row.size === null ? '—' : formatBytes(row.size)}
            </Table.Td>
            <Table.Td
              title={row.created ? formatExactTime(row.created) : undefined}
              style={{ whiteSpace: 'nowrap' }}
            >
              {row.created ? formatRelativeTime(row.created) : '—'}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
