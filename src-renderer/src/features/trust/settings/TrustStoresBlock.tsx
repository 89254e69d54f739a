import { Button, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { TrustSettingsView } from '../../../../../src-main/ipc/contract.js';
import { formatExactTime } from '../../../lib/format.js';
import { useApp } from '../../../store/context.js';
import { IconPlus } from '../../../ui/icons.js';
import { PemImportDialog } from './PemImportDialog.js';
import type { PendingRemoval } from './pending-removal.js';
import { RowActions } from './RowActions.js';
import { SettingsBlock } from './SettingsBlock.js';
import { SettingsTable } from './SettingsTable.js';

const COLUMNS = [
  { label: 'Name', width: 180 },
  { label: 'Certificates' },
  { label: 'Actions', width: 60, hidden: true },
];

/** Notation trust stores: CA certificates that anchor Notation signatures. */
export function TrustStoresBlock({
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
      title="Notation trust stores"
      hint="Notation signatures whose chain ends at one of these CAs verify."
      action={
        <Button
          size="compact-xs"
          variant="default"
          leftSection={<IconPlus size={12} />}
          onClick={() => setAdding(true)}
          data-testid="trust-store-add"
        >
          Add CA certificates…
        </Button>
      }
    >
      <SettingsTable
        columns={COLUMNS}
        empty="No trust store: Notation signatures show as signed, not verified."
        testId="trust-stores"
        count={view.trustStores.length}
      >
        {view.trustStores.map((store) => (
          <Table.Tr key={store.name} data-testid="trust-store-row" data-name={store.name}>
            <Table.Td>
              <Text fz="sm">{store.name}</Text>
            </Table.Td>
            <Table.Td>
              <Stack gap={0}>
                {store.certificates.map((certificate) => {
                  const expired = Date.parse(certificate.notAfter) < Date.now();
                  return (
                    <Text
                      key={`${certificate.subject} ${certificate.notAfter}`}
                      fz="xs"
                      truncate
                      title={certificate.subject}
                    >
                      {certificate.subject}{' '}
                      <Text span fz="xs" c={expired ? 'red' : 'dimmed'}>
                        {expired ? 'expired' : 'until'} {formatExactTime(certificate.notAfter).slice(0, 10)}
                      </Text>
                    </Text>
                  );
                })}
              </Stack>
            </Table.Td>
            <Table.Td>
              <RowActions
                removeLabel={`Remove ${store.name}`}
                testId="trust-store-remove"
                onRemove={() =>
                  onRemove({
                    title: `Remove the trust store “${store.name}”?`,
                    body: 'Notation signatures anchored at its certificates will no longer verify here.',
                    remove: () => changeTrustSettings('trust.trustStores.remove', { name: store.name }),
                    testId: 'trust-store-remove',
                  })
                }
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </SettingsTable>
      {adding && (
        <PemImportDialog
          title="Add a Notation trust store"
          intro="One or more CA certificates in PEM (a root, and intermediates if you like). Notation signatures that chain to them verify, when the signing certificate allows code signing."
          textLabel="CA certificates (PEM)"
          placeholder="-----BEGIN CERTIFICATE-----"
          accept=".crt,.pem,.cer,text/plain"
          confirmLabel="Add"
          testId="trust-store"
          save={(name, pem) => changeTrustSettings('trust.trustStores.add', { name, pem })}
          onClose={() => setAdding(false)}
        />
      )}
    </SettingsBlock>
  );
}
