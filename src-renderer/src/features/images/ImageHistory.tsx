import { Table, Text } from '@mantine/core';
import type { HistoryEntry } from '../../../../src-main/core/engine/types.js';
import { formatBytes, formatExactTime, formatRelativeTime } from '../../lib/format.js';

/** `docker history`: each build step, newest first, with the size it added. */
export function ImageHistory({ entries }: { entries: HistoryEntry[] }) {
  return (
    <Table
      fz="xs"
      verticalSpacing={3}
      horizontalSpacing={6}
      layout="fixed"
      highlightOnHover
      data-testid="image-history"
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Step</Table.Th>
          <Table.Th w={72} ta="right">
            Size
          </Table.Th>
          <Table.Th w={108}>Created</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((entry, index) => (
          // History steps have no identity of their own: many share `<missing>` as id.
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole, never reordered.
          <Table.Tr key={index}>
            <Table.Td>
              <Text ff="monospace" fz={11} truncate="end" title={entry.createdBy}>
                {entry.createdBy || entry.comment || '—'}
              </Text>
            </Table.Td>
            <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {formatBytes(entry.size)}
            </Table.Td>
            <Table.Td title={formatExactTime(entry.created)} style={{ whiteSpace: 'nowrap' }}>
              {formatRelativeTime(entry.created)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
