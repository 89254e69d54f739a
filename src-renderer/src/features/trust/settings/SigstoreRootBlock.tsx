import { Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useApp } from '../../../store/context.js';
import { IconUpload } from '../../../ui/icons.js';
import { PemImportDialog } from './PemImportDialog.js';
import type { TrustBlockProps } from './pending-removal.js';
import { RowActions } from './RowActions.js';
import { SettingsBlock, SettingsBlockButton } from './SettingsBlock.js';

/** The Sigstore trusted root (`trusted_root.json`) that keyless cosign signatures verify against. */
export function SigstoreRootBlock({ view, onRemove }: TrustBlockProps) {
  const changeTrustSettings = useApp((s) => s.changeTrustSettings);
  const [setting, setSetting] = useState(false);
  const root = view.sigstoreRoot;
  return (
    <SettingsBlock
      title="Sigstore trusted root"
      hint="Keyless cosign signatures (Fulcio certificates) verify against it."
      action={
        <SettingsBlockButton Icon={IconUpload} onClick={() => setSetting(true)} testId="sigstore-root-set">
          {root ? 'Replace…' : 'Import trusted_root.json…'}
        </SettingsBlockButton>
      }
    >
      <Group
        gap="sm"
        px="sm"
        py={6}
        data-testid="sigstore-root"
        data-name={root?.name}
        style={{
          border: '1px solid var(--mantine-color-default-border)',
          borderRadius: 'var(--mantine-radius-sm)',
        }}
      >
        {root ? (
          <>
            <Text fz="sm" style={{ flex: 1 }}>
              {root.name}
            </Text>
            <RowActions
              removeLabel="Remove the trusted root"
              testId="sigstore-root-remove"
              onRemove={() =>
                onRemove({
                  title: `Remove the Sigstore trusted root “${root.name}”?`,
                  body: 'Keyless signatures will show their identity again, unverified.',
                  remove: () => changeTrustSettings('trust.sigstoreRoot.set', { root: null }),
                  testId: 'sigstore-root-remove',
                })
              }
            />
          </>
        ) : (
          <Text fz="xs" c="dimmed">
            None: keyless signatures show who signed (identity and issuer), marked unverified.
          </Text>
        )}
      </Group>
      {setting && (
        <PemImportDialog
          title="Import a Sigstore trusted root"
          intro={
            <>
              The <code>trusted_root.json</code> of your Sigstore instance (Fulcio CAs, Rekor and CT log
              keys), as <code>cosign trusted-root create</code> or the TUF repository provides it.
            </>
          }
          textLabel="trusted_root.json"
          placeholder='{"mediaType": "application/vnd.dev.sigstore.trustedroot+json;version=0.1", …}'
          accept=".json,application/json"
          confirmLabel="Import"
          testId="sigstore-root"
          save={(name, json) => changeTrustSettings('trust.sigstoreRoot.set', { root: { name, json } })}
          onClose={() => setSetting(false)}
        />
      )}
    </SettingsBlock>
  );
}
