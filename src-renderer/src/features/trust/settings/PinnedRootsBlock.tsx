import { Table, Text } from '@mantine/core';
import { formatExactTime, formatRelativeTime } from '../../../lib/format.js';
import { useApp } from '../../../store/context.js';
import { Lines } from '../../../ui/DetailParts.js';
import { SettingsTable } from '../../../ui/SettingsTable.js';
import type { TrustBlockProps } from './pending-removal.js';
import { RowActions } from './RowActions.js';
import { SettingsBlock } from './SettingsBlock.js';

const COLUMNS = [
  { label: 'Repository (GUN)', width: 240 },
  { label: 'Root key IDs' },
  { label: 'Version', width: 70 },
  { label: 'Pinned', width: 110 },
  { label: 'Actions', width: 60, hidden: true },
];

/**
 * Roots trusted on first use, per repository, as docker keeps them: a later, different root is
 * refused loudly. Forget one only when its owner really rotated it.
 */
export function PinnedRootsBlock({ view, onRemove }: TrustBlockProps) {
  const changeTrustSettings = useApp((s) => s.changeTrustSettings);
  return (
    <SettingsBlock
      title="Pinned roots"
      hint="Trusted on first use; a changed root is refused until you forget the pin."
    >
      <SettingsTable
        columns={COLUMNS}
        empty="No root pinned yet: the first look at a repository's DCT data pins its root."
        testId="pinned-roots"
        count={view.pinnedRoots.length}
      >
        {view.pinnedRoots.map((pin) => (
          <Table.Tr key={pin.gun} data-testid="pinned-root-row" data-gun={pin.gun}>
            <Table.Td>
              <Text ff="monospace" fz="xs" truncate title={pin.gun}>
                {pin.gun}
              </Text>
            </Table.Td>
            <Table.Td>
              <Lines values={pin.rootKeyIds} copy="Copy key ID" />
            </Table.Td>
            <Table.Td>
              <Text fz="xs">{pin.version}</Text>
            </Table.Td>
            <Table.Td>
              <Text fz="xs" title={formatExactTime(pin.pinnedAt)}>
                {formatRelativeTime(pin.pinnedAt)}
              </Text>
            </Table.Td>
            <Table.Td>
              <RowActions
                removeLabel={`Forget the pinned root of ${pin.gun}`}
                testId="pinned-root-forget"
                onRemove={() =>
                  onRemove({
                    title: `Forget the pinned root of ${pin.gun}?`,
                    body: 'The next look trusts whatever root the notary server has, on first use. Do this only when the repository’s owner told you they rotated their root key.',
                    remove: () => changeTrustSettings('trust.pins.remove', { gun: pin.gun }),
                    testId: 'pinned-root-forget',
                    confirmLabel: 'Forget',
                  })
                }
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </SettingsTable>
    </SettingsBlock>
  );
}
