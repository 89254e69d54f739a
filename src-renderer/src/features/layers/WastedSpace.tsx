import { Group, Progress, Stack, Table, Text } from '@mantine/core';
import type { Efficiency } from '../../../../src-main/core/layers/efficiency.js';
import { formatBytes } from '../../lib/format.js';
import { CompactTable } from '../../ui/CompactTable.js';
import classes from './Layers.module.css';
import { formatPercent } from './layer-words.js';

/** How many paths the panel lists; the scan keeps the 200 largest. */
const SHOWN = 200;

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Stack gap={0}>
      <Text fz={11} c="dimmed">
        {label}
      </Text>
      <Text fz="sm" fw={600} data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </Stack>
  );
}

/**
 * Wasted space as dive counts it: bytes written by one layer and overwritten or removed by a
 * later one. The score is the share of what the layers write that survives; the table lists the
 * paths written more than once, largest first.
 */
export function WastedSpace({
  efficiency,
  onReveal,
}: {
  efficiency: Efficiency;
  onReveal: (path: string) => void;
}) {
  const scoreColor = efficiency.score >= 0.95 ? 'teal' : efficiency.score >= 0.8 ? 'yellow' : 'red';
  const rows = efficiency.inefficiencies.slice(0, SHOWN);
  return (
    <Stack
      gap={6}
      data-testid="wasted-space"
      data-score={efficiency.score}
      data-wasted={efficiency.wastedBytes}
    >
      <Group gap="lg" wrap="nowrap" align="flex-end">
        <Figure label="Efficiency" value={formatPercent(efficiency.score)} testId="wasted-score" />
        <Figure label="Wasted" value={formatBytes(efficiency.wastedBytes)} testId="wasted-bytes" />
        <Figure
          label="Of what later layers add"
          value={formatPercent(efficiency.wastedUserPercent)}
          testId="wasted-user-percent"
        />
        <Progress
          style={{ flex: 1, alignSelf: 'center' }}
          value={Math.max(0, Math.min(100, efficiency.score * 100))}
          color={scoreColor}
          size="sm"
          aria-label="Efficiency"
        />
      </Group>
      {rows.length === 0 ? (
        <Text fz="xs" c="dimmed">
          No path is written by more than one layer: nothing is wasted.
        </Text>
      ) : (
        <div className={classes.box} style={{ maxHeight: 220, overflow: 'auto' }}>
          <CompactTable data-testid="inefficiencies" stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Path</Table.Th>
                <Table.Th w={52} ta="right">
                  Layers
                </Table.Th>
                <Table.Th w={86} ta="right">
                  Total size
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr
                  key={row.path}
                  data-testid="inefficiency-row"
                  data-path={row.path}
                  style={{ cursor: 'pointer' }}
                  onClick={() => onReveal(row.path)}
                >
                  <Table.Td className={`${classes.mono} ${classes.ellipsis}`} title={`/${row.path}`}>
                    /{row.path}
                  </Table.Td>
                  <Table.Td ta="right">{row.count}</Table.Td>
                  <Table.Td ta="right" title={`${row.cumulativeSize.toLocaleString('en')} bytes`}>
                    {formatBytes(row.cumulativeSize)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </CompactTable>
        </div>
      )}
    </Stack>
  );
}
