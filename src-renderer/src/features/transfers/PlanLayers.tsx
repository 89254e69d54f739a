import { Badge, Table, Text } from '@mantine/core';
import type { PlannedLayer } from '../../../../src-main/core/transfer/types.js';
import { formatBytes, shortId } from '../../lib/format.js';
import { layerAction } from './plan-words.js';

const actionColor: Record<PlannedLayer['state'], string> = {
  present: 'gray',
  mountable: 'teal',
  upload: 'blue',
};

/** The image's layers, bottom first, and what the push does with each. */
export function PlanLayers({ layers }: { layers: readonly PlannedLayer[] }) {
  return (
    <Table fz="xs" verticalSpacing={3} horizontalSpacing={6} layout="fixed" data-testid="plan-layers">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Layer</Table.Th>
          <Table.Th w={90} ta="right">
            Size
          </Table.Th>
          <Table.Th w={200}>Push</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {layers.map((layer) => {
          const id = layer.digest ?? layer.diffId;
          return (
            <Table.Tr
              key={layer.diffId}
              data-testid="plan-layer"
              data-state={layer.state}
              data-diff-id={layer.diffId}
            >
              <Table.Td>
                <Text
                  ff="monospace"
                  fz="xs"
                  title={layer.digest ? `${layer.digest}\n(uncompressed ${layer.diffId})` : layer.diffId}
                >
                  {shortId(id)}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                {layer.size === null ? (
                  <Text span fz="xs" c="dimmed">
                    —
                  </Text>
                ) : (
                  formatBytes(layer.size)
                )}
              </Table.Td>
              <Table.Td>
                <Badge size="xs" variant="light" color={actionColor[layer.state]} tt="none" maw="100%">
                  {layerAction(layer)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
