import { Button, Code, Group } from '@mantine/core';
import { useState } from 'react';
import type { TrustSettingsView } from '../../../../../src-main/ipc/contract.js';
import { useApp } from '../../../store/context.js';
import { IconKey, IconPlus } from '../../../ui/icons.js';
import { SettingsTable } from '../../../ui/SettingsTable.js';
import { SettingsSection } from '../../settings/SettingsSection.js';
import { ConfirmPendingRemoval } from './ConfirmPendingRemoval.js';
import { GenerateKeyDialog } from './GenerateKeyDialog.js';
import { ImportSigningKeyDialog } from './ImportSigningKeyDialog.js';
import type { PendingRemoval } from './pending-removal.js';
import { SigningKeyRow } from './SigningKeyRow.js';

const COLUMNS = [
  { label: 'Name', width: 160 },
  { label: 'Key ID', width: 200 },
  { label: 'Created', width: 110 },
  { label: 'Origin', width: 90 },
  { label: 'Protected by' },
  { label: 'Actions', width: 170, hidden: true },
];

/** The user's own cosign-compatible keys: what "Sign…" signs with. */
export function SigningKeysSection({ view }: { view: TrustSettingsView }) {
  const changeTrustSettings = useApp((s) => s.changeTrustSettings);
  const [dialog, setDialog] = useState<'generate' | 'import'>();
  const [pending, setPending] = useState<PendingRemoval>();
  return (
    <SettingsSection
      title="Signing keys"
      description="Keys that sign images (cosign-compatible ECDSA P-256). The private keys stay encrypted in Stevedore; give others the public key (cosign.pub) to verify your signatures."
      actions={
        <Group gap="xs" wrap="nowrap">
          <Button
            variant="default"
            leftSection={<IconKey size={14} />}
            onClick={() => setDialog('import')}
            data-testid="signing-key-import"
          >
            Import…
          </Button>
          <Button
            leftSection={<IconPlus size={14} />}
            onClick={() => setDialog('generate')}
            data-testid="signing-key-generate"
          >
            Generate key
          </Button>
        </Group>
      }
    >
      <SettingsTable
        columns={COLUMNS}
        empty="No signing key yet."
        testId="signing-keys"
        count={view.signingKeys.length}
      >
        {view.signingKeys.map((signingKey) => (
          <SigningKeyRow
            key={signingKey.name}
            signingKey={signingKey}
            onRemove={() =>
              setPending({
                title: `Remove the signing key “${signingKey.name}”?`,
                body: (
                  <>
                    The private key is deleted and cannot be recovered. Signatures made with it stay valid for
                    whoever has its public key <Code>{signingKey.keyId.slice(0, 16)}…</Code>; export it first
                    if you still need it.
                  </>
                ),
                remove: () => changeTrustSettings('trust.signingKeys.remove', { name: signingKey.name }),
                testId: 'signing-key-remove',
              })
            }
          />
        ))}
      </SettingsTable>
      {dialog === 'generate' && <GenerateKeyDialog onClose={() => setDialog(undefined)} />}
      {dialog === 'import' && <ImportSigningKeyDialog onClose={() => setDialog(undefined)} />}
      <ConfirmPendingRemoval pending={pending} onClose={() => setPending(undefined)} />
    </SettingsSection>
  );
}
