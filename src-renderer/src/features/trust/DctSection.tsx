import { Group, Stack, Table, Text } from '@mantine/core';
import type { DctInspect, DctRoleView } from '../../../../src-main/core/trust/types.js';
import { CompactTable } from '../../ui/CompactTable.js';
import { Lines, ShortDigest } from '../../ui/DetailParts.js';
import { DctRoleTree } from './DctRoleTree.js';
import { SectionTitle } from './SectionTitle.js';

function SignedTags({ dct, tag }: { dct: DctInspect; tag: string | undefined }) {
  return (
    <CompactTable data-testid="dct-signed-tags">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Signed tag</Table.Th>
          <Table.Th w={150}>Digest</Table.Th>
          <Table.Th>Signers</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {dct.signedTags.map((signed) => (
          <Table.Tr
            key={signed.tag}
            data-tag={signed.tag}
            bg={signed.tag === tag ? 'var(--mantine-primary-color-light)' : undefined}
          >
            <Table.Td>
              <Text ff="monospace" fz="xs" truncate title={signed.tag}>
                {signed.tag}
              </Text>
            </Table.Td>
            <Table.Td>
              <ShortDigest digest={signed.digest} />
            </Table.Td>
            <Table.Td>
              <Text fz="xs" truncate title={signed.signers.join(', ')}>
                {signed.signers.join(', ')}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </CompactTable>
  );
}

function Signers({ dct }: { dct: DctInspect }) {
  return (
    <CompactTable data-testid="dct-signers">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={180}>Signer</Table.Th>
          <Table.Th>Key IDs</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {dct.signers.map((signer) => (
          <Table.Tr key={signer.name}>
            <Table.Td>
              <Text fz="xs">{signer.name}</Text>
            </Table.Td>
            <Table.Td>
              <Lines values={signer.keys} copy="Copy key ID" />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </CompactTable>
  );
}

/**
 * What `docker trust inspect` shows for the repository (signed tags, signers, root and repository
 * keys) and its roles as a tree with their expiry. `tag` is highlighted among the signed tags.
 */
export function DctSection({
  dct,
  roles,
  tag,
}: {
  dct: DctInspect | null;
  roles: readonly DctRoleView[];
  tag: string | undefined;
}) {
  return (
    <Stack gap="sm" data-testid="dct-section">
      <SectionTitle>Docker Content Trust</SectionTitle>
      {roles.length > 0 && <DctRoleTree roles={roles} />}
      {dct && (
        <>
          {dct.signedTags.length > 0 ? (
            <SignedTags dct={dct} tag={tag} />
          ) : (
            <Text fz="xs" c="dimmed">
              No tag of this repository is signed with DCT.
            </Text>
          )}
          {dct.signers.length > 0 && <Signers dct={dct} />}
          <Group gap="xl" align="flex-start">
            <Stack gap={2}>
              <Text fz="xs" c="dimmed">
                Root key
              </Text>
              <Lines values={dct.rootKeyIds} copy="Copy key ID" />
            </Stack>
            <Stack gap={2}>
              <Text fz="xs" c="dimmed">
                Repository key
              </Text>
              <Lines values={dct.repositoryKeyIds} copy="Copy key ID" />
            </Stack>
          </Group>
        </>
      )}
    </Stack>
  );
}
