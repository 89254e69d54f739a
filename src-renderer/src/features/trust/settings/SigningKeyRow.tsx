import { Badge, Table, Text } from '@mantine/core';
import type { TrustSettingsView } from '../../../../../src-main/ipc/contract.js';
import { formatExactTime, formatRelativeTime } from '../../../lib/format.js';
import { CopyValue } from '../../../ui/CopyValue.js';
import { ExportPublicKeyMenu } from './ExportPublicKeyMenu.js';
import { RowActions } from './RowActions.js';

type SigningKey = TrustSettingsView['signingKeys'][number];

const PROTECTION: Record<SigningKey['protection'], string> = {
  'os-keychain': 'system keychain',
  password: 'password',
};

export function SigningKeyRow({ signingKey, onRemove }: { signingKey: SigningKey; onRemove: () => void }) {
  const { name, keyId, createdAt, origin, protection } = signingKey;
  return (
    <Table.Tr data-testid="signing-key-row" data-name={name} data-key-id={keyId}>
      <Table.Td>
        <Text fz="sm" fw={500} truncate title={name}>
          {name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text ff="monospace" fz="xs" span title={keyId}>
          {keyId.slice(0, 16)}…
        </Text>
        <CopyValue value={keyId} label="Copy key ID" />
      </Table.Td>
      <Table.Td>
        <Text fz="xs" title={formatExactTime(createdAt)}>
          {formatRelativeTime(createdAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge size="xs" variant="light" color="gray" tt="none">
          {origin}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text fz="xs" c="dimmed">
          {PROTECTION[protection]}
        </Text>
      </Table.Td>
      <Table.Td>
        <RowActions removeLabel={`Remove ${name}`} onRemove={onRemove} testId="signing-key-remove">
          <ExportPublicKeyMenu name={name} />
        </RowActions>
      </Table.Td>
    </Table.Tr>
  );
}
