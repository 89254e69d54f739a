import { ActionIcon, Box, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { useEffect } from 'react';
import type { EngineEndpoint } from '../../../../src-main/core/engine/types.js';
import { useApp } from '../../store/context.js';
import { CopyValue } from '../../ui/CopyValue.js';
import { IconCheck, IconTrash } from '../../ui/icons.js';
import { describeSource } from '../engines/endpoint-source.js';
import { EngineStatusCell } from './EngineStatusCell.js';
import { sourceLabel, tlsLabel } from './engine-labels.js';

/** One engine: what it is, where it came from, whether it answers, and Use / Remove. */
export function EngineRow({
  endpoint,
  onRemove,
}: {
  endpoint: EngineEndpoint;
  onRemove: (endpoint: EngineEndpoint) => void;
}) {
  const active = useApp((s) => s.activeEngineId === endpoint.id);
  const switching = useApp((s) => s.engineChecking && s.activeEngineId === endpoint.id);
  const check = useApp((s) => s.endpointChecks[endpoint.id]);
  const checkEndpoint = useApp((s) => s.checkEndpoint);
  const selectEngine = useApp((s) => s.selectEngine);
  const unchecked = check === undefined;

  // Asked once, when the row first shows: opening the settings must not wait for slow engines.
  useEffect(() => {
    if (unchecked) void checkEndpoint(endpoint.id);
  }, [unchecked, checkEndpoint, endpoint.id]);

  const tls = tlsLabel(endpoint);
  return (
    <Table.Tr
      data-testid="engine-row"
      data-engine-id={endpoint.id}
      data-source={endpoint.source}
      data-active={active || undefined}
    >
      <Table.Td>
        <Text size="sm" fw={active ? 600 : undefined} truncate title={endpoint.name}>
          {endpoint.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={2} wrap="nowrap">
          <Text ff="monospace" fz="xs" truncate="start" title={endpoint.url} style={{ minWidth: 0 }}>
            {endpoint.url}
          </Text>
          <CopyValue value={endpoint.url} label="Copy URL" />
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="xs" c="dimmed" truncate title={describeSource(endpoint)}>
          {sourceLabel(endpoint)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Tooltip label={tls.detail} disabled={!tls.detail} multiline maw={320}>
          <Text size="xs" c={tls.insecure ? 'orange' : undefined} truncate data-testid="engine-tls">
            {tls.label}
          </Text>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <EngineStatusCell
          check={switching ? { state: 'checking' } : check}
          onRetry={() => void checkEndpoint(endpoint.id)}
        />
      </Table.Td>
      <Table.Td>
        <Group gap={4} justify="flex-end" wrap="nowrap" mih={22}>
          {active ? (
            <Group gap={4} wrap="nowrap" c="blue" data-testid="engine-in-use">
              <IconCheck size={13} />
              <Text size="xs" fw={600} style={{ whiteSpace: 'nowrap' }}>
                In use
              </Text>
            </Group>
          ) : (
            <Button
              size="compact-xs"
              variant="default"
              onClick={() => void selectEngine(endpoint.id)}
              data-testid="engine-use"
            >
              Use
            </Button>
          )}
          {endpoint.source === 'user' ? (
            <Tooltip label="Remove from Stevedore">
              <ActionIcon
                variant="subtle"
                color="gray"
                size="sm"
                aria-label={`Remove ${endpoint.name}`}
                onClick={() => onRemove(endpoint)}
                data-testid="engine-remove"
              >
                <IconTrash size={14} />
              </ActionIcon>
            </Tooltip>
          ) : (
            // Keeps Use in line with the rows that have Remove; discovered engines change in Docker's own config.
            <Box w={22} aria-hidden="true" />
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
