import { DataList, Stack, Table, Text } from '@mantine/core';
import type { ImageInspection } from '../../../../src-main/core/registry/types.js';
import { formatBytes, formatExactTime, formatRelativeTime } from '../../lib/format.js';
import { CopyableMono, Dim, Item, Mono, ShortDigest } from '../../ui/DetailParts.js';
import { platformName } from './PlatformChips.js';
import { describeAttached, kindLabel } from './tag-rows.js';

/** The platforms of an index; a click shows that platform's manifest in every tab. */
function PlatformsTable({
  inspection,
  onPlatform,
}: {
  inspection: ImageInspection;
  onPlatform: (platform: string) => void;
}) {
  const shown = inspection.platform ? platformName(inspection.platform) : undefined;
  return (
    <Table fz="xs" verticalSpacing={4} highlightOnHover layout="fixed" data-testid="platforms">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Platform</Table.Th>
          <Table.Th w={150}>Digest</Table.Th>
          <Table.Th w={90} ta="right">
            Size
          </Table.Th>
          <Table.Th>Media type</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {inspection.platforms.map((platform) => {
          const name = platformName(platform);
          const selected = name === shown;
          return (
            <Table.Tr
              key={platform.digest}
              data-testid="platform-row"
              data-platform={name}
              data-selected={selected || undefined}
              bg={selected ? 'var(--mantine-primary-color-light)' : undefined}
              style={{ cursor: 'pointer' }}
              tabIndex={0}
              aria-selected={selected}
              onClick={() => onPlatform(name)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') onPlatform(name);
              }}
            >
              <Table.Td>
                <Text ff="monospace" fz="xs" fw={selected ? 600 : undefined}>
                  {name}
                  {platform.osVersion ? ` (${platform.osVersion})` : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <ShortDigest digest={platform.digest} />
              </Table.Td>
              <Table.Td ta="right">{formatBytes(platform.size)}</Table.Td>
              <Table.Td>
                <Text fz="xs" c="dimmed" truncate title={platform.mediaType}>
                  {platform.mediaType}
                </Text>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/** Digest, type, size, date and platforms of a tag: what people check before pulling it. */
export function OverviewTab({
  inspection,
  onPlatform,
}: {
  inspection: ImageInspection;
  onPlatform: (platform: string) => void;
}) {
  const reference = `${inspection.name}${inspection.tag ? `:${inspection.tag}` : ''}`;
  return (
    <Stack gap="md">
      <DataList size="xs" gap={6} labelWidth={110} data-testid="tag-overview">
        <Item label="Reference">
          <Mono>{reference}</Mono>
        </Item>
        <Item label="Digest">
          <CopyableMono value={inspection.digest} copy="Copy digest" />
        </Item>
        <Item label="Media type">
          <Mono>{inspection.mediaType}</Mono>
        </Item>
        <Item label="Platform shown">
          <Mono>{inspection.platform ? platformName(inspection.platform) : '—'}</Mono>
        </Item>
        <Item label="Size">
          <Text
            fz="xs"
            title={`${inspection.size.toLocaleString('en')} bytes (config and layers, compressed)`}
          >
            {formatBytes(inspection.size)}
          </Text>
        </Item>
        <Item label="Created">
          {inspection.created ? (
            <Text fz="xs">
              {formatRelativeTime(inspection.created)}{' '}
              <Text span fz="xs" c="dimmed">
                {formatExactTime(inspection.created)}
              </Text>
            </Text>
          ) : (
            <Dim>not recorded</Dim>
          )}
        </Item>
        <Item label="Attached">
          {inspection.attached.length === 0 ? (
            <Dim>no signatures or attestations</Dim>
          ) : (
            <Stack gap={2} data-testid="tag-attached-list">
              <Text fz="xs">{describeAttached(inspection.attached)}</Text>
              {inspection.attached.map((attached) => (
                <Mono key={attached.tag}>
                  {attached.tag} ({kindLabel(attached.kind)})
                </Mono>
              ))}
            </Stack>
          )}
        </Item>
      </DataList>
      {inspection.platforms.length > 0 && (
        <Stack gap={4}>
          <Text fz="xs" fw={600} c="dimmed" tt="uppercase">
            Platforms
          </Text>
          <PlatformsTable inspection={inspection} onPlatform={onPlatform} />
        </Stack>
      )}
    </Stack>
  );
}
