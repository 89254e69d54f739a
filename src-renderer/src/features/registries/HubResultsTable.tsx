import { Badge, Group, Table, Text } from '@mantine/core';
import type { HubSearchResult } from '../../../../src-main/core/registry/types.js';
import { IconDownload, IconStar } from '../../ui/icons.js';

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/** Docker Hub search hits: name (official ones badged), stars, pulls, description. A click opens one. */
export function HubResultsTable({
  results,
  onOpen,
}: {
  results: HubSearchResult[];
  onOpen: (name: string) => void;
}) {
  return (
    <Table fz="sm" verticalSpacing={5} highlightOnHover layout="fixed" data-testid="hub-results">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="32%">Repository</Table.Th>
          <Table.Th w={80} ta="right">
            Stars
          </Table.Th>
          <Table.Th w={90} ta="right">
            Pulls
          </Table.Th>
          <Table.Th>Description</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {results.map((result) => (
          <Table.Tr
            key={result.name}
            data-testid="hub-result"
            data-name={result.name}
            data-official={result.official || undefined}
            style={{ cursor: 'pointer' }}
            tabIndex={0}
            onClick={() => onOpen(result.name)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') onOpen(result.name);
            }}
          >
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                <Text fz="sm" fw={500} truncate title={result.name}>
                  {result.name}
                </Text>
                {result.official && (
                  <Badge size="xs" variant="light" color="teal" style={{ flexShrink: 0 }}>
                    Official
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td ta="right" title={result.stars.toLocaleString('en')}>
              <Group gap={3} justify="flex-end" wrap="nowrap">
                <IconStar size={12} />
                {compact.format(result.stars)}
              </Group>
            </Table.Td>
            <Table.Td ta="right" title={result.pulls.toLocaleString('en')}>
              <Group gap={3} justify="flex-end" wrap="nowrap">
                <IconDownload size={12} />
                {compact.format(result.pulls)}
              </Group>
            </Table.Td>
            <Table.Td>
              <Text fz="xs" c="dimmed" truncate title={result.description}>
                {result.description || '—'}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
