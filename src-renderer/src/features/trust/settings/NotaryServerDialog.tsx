import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { useApp } from '../../../store/context.js';
import { FormDialog } from '../../../ui/FormDialog.js';
import { trustErrorTitle } from '../trust-errors.js';
import { TextFileField } from './TextFileField.js';

/**
 * Which notary server holds a registry's DCT data (`https://host[:port]`), and the CA its TLS
 * certificate chains to when it is not a public one.
 */
export function NotaryServerDialog({
  registry: initialRegistry,
  url: initialUrl,
  onClose,
}: {
  registry?: string;
  url?: string;
  onClose: () => void;
}) {
  const changeTrustSettings = useApp((s) => s.changeTrustSettings);
  const [registry, setRegistry] = useState(initialRegistry ?? '');
  const [url, setUrl] = useState(initialUrl ?? 'https://');
  const [caPem, setCaPem] = useState('');
  return (
    <FormDialog
      title="Notary server"
      size="lg"
      intro="Docker Content Trust data lives on a notary server next to the registry. Docker uses the registry’s own host unless told otherwise (DOCKER_CONTENT_TRUST_SERVER); this setting wins over both."
      confirmLabel="Save"
      disabled={registry.trim() === '' || url.trim() === ''}
      testId="notary"
      titleOf={trustErrorTitle}
      save={() =>
        changeTrustSettings('trust.notaryServers.set', {
          registry: registry.trim(),
          url: url.trim(),
          ...(caPem.trim() ? { caPem } : {}),
        })
      }
      onClose={onClose}
    >
      <TextInput
        label="Registry"
        placeholder="registry.example.com:5000"
        value={registry}
        onChange={(event) => setRegistry(event.currentTarget.value)}
        disabled={initialRegistry !== undefined}
        data-autofocus={initialRegistry === undefined || undefined}
        data-testid="notary-registry"
        required
      />
      <TextInput
        label="Notary URL"
        placeholder="https://notary.example.com:4443"
        value={url}
        onChange={(event) => setUrl(event.currentTarget.value)}
        data-autofocus={initialRegistry !== undefined || undefined}
        data-testid="notary-url"
        required
      />
      <TextFileField
        label="CA certificate (optional)"
        description="When the server's certificate is not signed by a public CA. Without it, the docker config's tls/<host:port>/*.crt is used, as docker does."
        placeholder="-----BEGIN CERTIFICATE-----"
        accept=".crt,.pem,.cer,text/plain"
        value={caPem}
        onChange={setCaPem}
        testId="notary-ca"
      />
    </FormDialog>
  );
}
