import { Button, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { TrustSettingsView } from '../../../../../src-main/ipc/contract.js';
import { useApp } from '../../../store/context.js';
import { CopyValue } from '../../../ui/CopyValue.js';
import { IconPlus } from '../../../ui/icons.js';
import { PemImportDialog } from './PemImportDialog.js';
import type { PendingRemoval } from './pending-removal.js';
import { RowActions } from './RowActions.js';
import { SettingsBlock } from './SettingsBlock.js';
import { SettingsTable } from './SettingsTable.js';

const COLUMNS = [
  { label: 'Name', width: 180 },
  { label: 'Key ID' },
  { label: 'Algorithm', width: 120 },
  { label: 'Actions', width: 60, hidden: true },
];

/** Public keys (`cosign.pub`) that verify cosign signatures. */
export function PublicKeysBlock({
  view,
  onRemove,
}: {
  view: TrustSettingsView;
  onRemove: (pending: PendingRemoval) => void;
}) {
  const changeTrustSettings = useApp((s) => s.changeTrustSettings);
  const [adding, setAdding] = useState(false);
  return (
    <SettingsBlock
      title="Public keys"
      hint="cosign signatures made with these keys verify."
      action={
        <Button
          size="compact-xs"
          variant="default"
          leftSection={<IconPlus size={12} />}
          onClick={() => setAdding(true)}
          data-testid="public-key-add"
        >
          Add public key…
        </Button>
      }
    >
      <SettingsTable
        columns={COLUMNS}
        empty="No public key: cosign signatures show as signed, not verified."
        testId="public-keys"
        count={view.publicKeys.length}
      >
        {view.publicKeys.map((key) => (
          <Table.Tr key={key.name} data-testid="public-key-row" data-name={key.name} data-key-id={key.keyId}>
            <Table.Td>
              <Text fz="sm" truncate title={key.name}>
                {key.name}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text ff="monospace" fz="xs" span title={key.keyId}>
                {key.keyId.slice(0, 24)}…
              </Text>
              <CopyValue value={key.keyId} label="Copy key ID" />
            </Table.Td>
            <Table.Td>
              <Text fz="xs" c="dimmed">
                {key.algorithm}
              </Text>
            </Table.Td>
            <Table.Td>
              <RowActions
                removeLabel={`Remove ${key.name}`}
                testId="public-key-remove"
                onRemove={() =>
                  onRemove({
                    title: `Remove the public key “${key.name}”?`,
                    body: 'Signatures made with its private key will no longer verify here.',
                    remove: () => changeTrustSettings('trust.publicKeys.remove', { name: key.name }),
                    testId: 'public-key-remove',
                  })
                }
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </SettingsTable>
      {adding && (
        <PemImportDialog
          title="Add a public key"
          intro="A cosign.pub (PEM public key) or a certificate whose key signs. Signatures made with it then verify."
          textLabel="Public key (PEM)"
          placeholder="-----BEGIN PUBLIC KEY-----"
          accept=".pub,.pem,.crt,text/plain"
          confirmLabel="Add"
          testId="public-key"
          save={(name, pem) => changeTrustSettings('trust.publicKeys.add', { name, pem })}
          onClose={() => setAdding(false)}
        />
      )}
    </SettingsBlock>
  );
}
