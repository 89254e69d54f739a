import { Table, Text } from '@mantine/core';
import { formatBytes, formatExactTime, formatRelativeTime } from '../lib/format.js';
import { CompactTable } from './CompactTable.js';

/** One build step as both the engine's `docker history` and a registry's image config tell it. */
export interface HistoryRow {
  createdBy: string;
  /** Bytes the step added; null where it is not known. */
  size: number | null;
  created?: string;
  /** The step made no layer: shown dimmed. */
  emptyLayer?: boolean;
}

/**
 * Build steps with the size each added and when. `narrow` is for a side panel: the size and time
 * columns shrink so the step keeps its room.
 */
export function HistoryTable({
  rows,
  testId,
  narrow,
}: {
  rows: readonly HistoryRow[];
  testId: string;
  narrow?: boolean;
}) {
  return (
    <CompactTable data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Step</Table.Th>
          <Table.Th w={narrow ? 72 : 90} ta="right">
            Size
          </Table.Th>
          <Table.Th w={narrow ? 108 : 120}>Created</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row, index) => (
          <Table.Tr
            // History steps have no identity of their own: many share `<missing>` as id.
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole, never reordered.
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
    </CompactTable>
  );
}
