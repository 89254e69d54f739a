import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useApp } from '../../../store/context.js';
import { IconPencil, IconPlus } from '../../../ui/icons.js';
import { SettingsTable } from '../../../ui/SettingsTable.js';
import { NotaryServerDialog } from './NotaryServerDialog.js';
import type { TrustBlockProps } from './pending-removal.js';
import { RowActions } from './RowActions.js';
import { SettingsBlock, SettingsBlockButton } from './SettingsBlock.js';

const SOURCES: Record<string, string> = {
  setting: 'your setting',
  env: 'DOCKER_CONTENT_TRUST_SERVER',
  'docker-hub': 'Docker Hub default',
  registry: 'the registry host',
  argument: 'command line',
};

const COLUMNS = [
  { label: 'Registry', width: 180 },
  { label: 'Notary server' },
  { label: 'CA', width: 60 },
  { label: 'From', width: 190 },
  { label: 'Actions', width: 110, hidden: true },
];

/** Which notary server holds each registry's DCT data; Docker Hub's is listed, with its retirement. */
export function NotaryServersBlock({ view, onRemove }: TrustBlockProps) {
  const changeTrustSettings = useApp((s) => s.changeTrustSettings);
  const [editing, setEditing] = useState<{ registry?: string; url?: string }>();
  return (
    <SettingsBlock
      title="Notary servers"
      hint="Where each registry's Docker Content Trust data is read from."
      action={
        <SettingsBlockButton Icon={IconPlus} onClick={() => setEditing({})} testId="notary-add">
          Set a notary server…
        </SettingsBlockButton>
      }
    >
      <SettingsTable
        columns={COLUMNS}
        empty="None."
        testId="notary-servers"
        count={view.notaryServers.length}
      >
        {view.notaryServers.map((server) => (
          <Table.Tr
            key={server.registry}
            data-testid="notary-row"
            data-registry={server.registry}
            data-source={server.source}
          >
            <Table.Td>
              <Text ff="monospace" fz="xs" truncate title={server.registry}>
                {server.registry}
              </Text>
            </Table.Td>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                <Text ff="monospace" fz="xs" truncate title={server.url}>
                  {server.url}
                </Text>
                {server.retiring && (
                  <Badge
                    size="xs"
                    color="orange"
                    variant="light"
                    tt="none"
                    title={server.retiring}
                    data-testid="notary-retiring"
                  >
                    retiring {server.retiring.slice(0, 10)}
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td>
              <Text fz="xs" c="dimmed">
                {server.hasCa ? 'yes' : '—'}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text fz="xs" c="dimmed" truncate>
                {SOURCES[server.source] ?? server.source}
              </Text>
            </Table.Td>
            <Table.Td>
              <RowActions
                removeLabel={`Remove the setting for ${server.registry}`}
                testId="notary-remove"
                onRemove={
                  server.source === 'setting'
                    ? () =>
                        onRemove({
                          title: `Remove the notary server of ${server.registry}?`,
                          body: 'DCT data is then looked for where docker looks: DOCKER_CONTENT_TRUST_SERVER, or the registry host.',
                          remove: () =>
                            changeTrustSettings('trust.notaryServers.remove', { registry: server.registry }),
                          testId: 'notary-remove',
                        })
                    : undefined
                }
              >
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="gray"
                  leftSection={<IconPencil size={12} />}
                  onClick={() => setEditing({ registry: server.registry, url: server.url })}
                  data-testid="notary-edit"
                >
                  Change
                </Button>
              </RowActions>
            </Table.Td>
          </Table.Tr>
        ))}
      </SettingsTable>
      {editing && (
        <NotaryServerDialog
          registry={editing.registry}
          url={editing.url}
          onClose={() => setEditing(undefined)}
        />
      )}
    </SettingsBlock>
  );
}
