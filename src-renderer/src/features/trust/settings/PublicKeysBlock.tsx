import { Table, Text } from '@mantine/core';
import { useApp } from '../../../store/context.js';
import { CopyValue } from '../../../ui/CopyValue.js';
import { NamedPemBlock, type NamedPemKind } from './NamedPemBlock.js';
import type { TrustBlockProps } from './pending-removal.js';

const PUBLIC_KEYS: NamedPemKind = {
  title: 'Public keys',
  hint: 'cosign signatures made with these keys verify.',
  addLabel: 'Add public key…',
  empty: 'No public key: cosign signatures show as signed, not verified.',
  columns: [{ label: 'Key ID' }, { label: 'Algorithm', width: 120 }],
  testId: 'public-key',
  dialog: {
    title: 'Add a public key',
    intro:
      'A cosign.pub (PEM public key) or a certificate whose key signs. Signatures made with it then verify.',
    textLabel: 'Public key (PEM)',
    placeholder: '-----BEGIN PUBLIC KEY-----',
    accept: '.pub,.pem,.crt,text/plain',
  },
  removeTitle: (name) => `Remove the public key “${name}”?`,
  removeBody: 'Signatures made with its private key will no longer verify here.',
};

/** Public keys (`cosign.pub`) that verify cosign signatures. */
export function PublicKeysBlock({ view, onRemove }: TrustBlockProps) {
  const changeTrustSettings = useApp((s) => s.changeTrustSettings);
  return (
    <NamedPemBlock
      kind={PUBLIC_KEYS}
      entries={view.publicKeys}
      rowData={(key) => ({ 'data-key-id': key.keyId })}
      cells={(key) => (
        <>
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
        </>
      )}
      add={(name, pem) => changeTrustSettings('trust.publicKeys.add', { name, pem })}
      remove={(name) => changeTrustSettings('trust.publicKeys.remove', { name })}
      onRemove={onRemove}
    />
  );
}
