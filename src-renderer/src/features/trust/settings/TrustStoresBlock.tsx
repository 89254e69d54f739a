import { Stack, Table, Text } from '@mantine/core';
import { formatExactTime } from '../../../lib/format.js';
import { useApp } from '../../../store/context.js';
import { NamedPemBlock, type NamedPemKind } from './NamedPemBlock.js';
import type { TrustBlockProps } from './pending-removal.js';

const TRUST_STORES: NamedPemKind = {
  title: 'Notation trust stores',
  hint: 'Notation signatures whose chain ends at one of these CAs verify.',
  addLabel: 'Add CA certificates…',
  empty: 'No trust store: Notation signatures show as signed, not verified.',
  columns: [{ label: 'Certificates' }],
  testId: 'trust-store',
  dialog: {
    title: 'Add a Notation trust store',
    intro:
      'One or more CA certificates in PEM (a root, and intermediates if you like). Notation signatures that chain to them verify, when the signing certificate allows code signing.',
    textLabel: 'CA certificates (PEM)',
    placeholder: '-----BEGIN CERTIFICATE-----',
    accept: '.crt,.pem,.cer,text/plain',
  },
  removeTitle: (name) => `Remove the trust store “${name}”?`,
  removeBody: 'Notation signatures anchored at its certificates will no longer verify here.',
};

/** Notation trust stores: CA certificates that anchor Notation signatures. */
export function TrustStoresBlock({ view, onRemove }: TrustBlockProps) {
  const changeTrustSettings = useApp((s) => s.changeTrustSettings);
  return (
    <NamedPemBlock
      kind={TRUST_STORES}
      entries={view.trustStores}
      cells={(store) => (
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
      )}
      add={(name, pem) => changeTrustSettings('trust.trustStores.add', { name, pem })}
      remove={(name) => changeTrustSettings('trust.trustStores.remove', { name })}
      onRemove={onRemove}
    />
  );
}
