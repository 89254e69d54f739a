import { Modal, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { ErrorShape } from '../../../../../src-main/core/errors.js';
import { errorShape } from '../../../lib/errors.js';
import { useApp } from '../../../store/context.js';
import { DialogActions } from '../../../ui/DialogActions.js';
import { ErrorAlert } from '../../../ui/ErrorAlert.js';
import { emptyKeyDraft, GenerateKeyFields, generateInput } from '../GenerateKeyFields.js';
import { trustErrorTitle } from '../trust-errors.js';

/** A new ECDSA P-256 signing key, as `cosign generate-key-pair` makes; its private half never leaves main. */
export function GenerateKeyDialog({ onClose }: { onClose: () => void }) {
  const changeTrustSettings = useApp((s) => s.changeTrustSettings);
  const [draft, setDraft] = useState(emptyKeyDraft);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorShape>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await changeTrustSettings('trust.signingKeys.generate', generateInput(draft));
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
      title="Generate a signing key"
      attributes={{ content: { 'data-testid': 'generate-key-dialog' } }}
    >
      <form onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          <Text fz="xs" c="dimmed">
            An ECDSA P-256 key pair, as cosign makes. Images you sign with it verify with its public half,
            which you can copy or download afterwards.
          </Text>
          <GenerateKeyFields draft={draft} onChange={setDraft} testIdPrefix="generate-key" autoFocus />
          {error && <ErrorAlert titleOf={trustErrorTitle} error={error} testId="generate-key-error" />}
          <DialogActions
            onCancel={onClose}
            confirmLabel="Generate"
            confirmTestId="generate-key-submit"
            busy={busy}
            disabled={draft.name.trim() === ''}
          />
        </Stack>
      </form>
    </Modal>
  );
}
