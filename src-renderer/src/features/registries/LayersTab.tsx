import { Table, Text } from '@mantine/core';
import type { LayerInfo } from '../../../../src-main/core/registry/types.js';
import { formatBytes, formatCount } from '../../lib/format.js';
import { CompactTable } from '../../ui/CompactTable.js';
import { Dim, ShortDigest } from '../../ui/DetailParts.js';

/** The manifest's layers, bottom first, with their compressed sizes. */
export function LayersTab({ layers }: { layers: readonly LayerInfo[] }) {
  if (layers.length === 0) return <Dim>This manifest has no layers.</Dim>;
  const total = layers.reduce((sum, layer) => sum + layer.size, 0);
  return (
    <CompactTable data-testid="tag-layers">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={36}>#</Table.Th>
          <Table.Th w={150}>Digest</Table.Th>
          <Table.Th>Media type</Table.Th>
          <Table.Th w={90} ta="right">
            Size
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {layers.map((layer, index) => (
          <Table.Tr
            // biome-ignore lint/suspicious/noArrayIndexKey: the same blob may appear twice in one manifest: its place makes the key unique.
            key={`${index} ${layer.digest}`}
            data-testid="layer-row"
            data-digest={layer.digest}
          >
            <Table.Td c="dimmed">{index + 1}</Table.Td>
            <Table.Td>
              <ShortDigest digest={layer.digest} />
            </Table.Td>
            <Table.Td>
              <Text fz="xs" c="dimmed" truncate title={layer.mediaType}>
                {layer.mediaType}
              </Text>
            </Table.Td>
            <Table.Td ta="right" title={`${layer.size.toLocaleString('en')} bytes`}>
              {formatBytes(layer.size)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr>
          <Table.Td />
          <Table.Td colSpan={2} c="dimmed">
            {formatCount(layers.length, 'layer')}
          </Table.Td>
          <Table.Td ta="right" fw={600}>
            {formatBytes(total)}
          </Table.Td>
        </Table.Tr>
      </Table.Tfoot>
    </CompactTable>
  );
}
