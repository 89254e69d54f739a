import { Modal, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { ErrorShape } from '../../../../../src-main/core/errors.js';
import { errorShape } from '../../../lib/errors.js';
import { useApp } from '../../../store/context.js';
import { DialogActions } from '../../../ui/DialogActions.js';
import { ErrorAlert } from '../../../ui/ErrorAlert.js';
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorShape>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await changeTrustSettings('trust.notaryServers.set', {
        registry: registry.trim(),
        url: url.trim(),
        ...(caPem.trim() ? { caPem } : {}),
      });
      onClose();
    } catch (caught) {
      setError(errorShape(caught));
      setBusy(false);
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title="Notary server"
      size="lg"
      attributes={{ content: { 'data-testid': 'notary-dialog' } }}
    >
      <form onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          <Text fz="xs" c="dimmed">
            Docker Content Trust data lives on a notary server next to the registry. Docker uses the
            registry’s own host unless told otherwise (DOCKER_CONTENT_TRUST_SERVER); this setting wins over
            both.
          </Text>
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
          {error && <ErrorAlert titleOf={trustErrorTitle} error={error} testId="notary-error" />}
          <DialogActions
            onCancel={onClose}
            confirmLabel="Save"
            confirmTestId="notary-submit"
            busy={busy}
            disabled={registry.trim() === '' || url.trim() === ''}
          />
        </Stack>
      </form>
    </Modal>
  );
}
