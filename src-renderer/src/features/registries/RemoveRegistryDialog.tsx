import { Code, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import type { RegistrySummary } from '../../../../src-main/core/registry/types.js';
import { errorShape } from '../../lib/errors.js';
import { useApp } from '../../store/context.js';
import { DialogActions } from '../../ui/DialogActions.js';
import { RegistryErrorAlert } from './RegistryErrorAlert.js';

/** Confirms forgetting a registry the user added; what it holds is not touched. */
export function RemoveRegistryDialog({
  registry,
  onClose,
}: {
  registry: RegistrySummary;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorShape>();
  const removeRegistry = useApp((s) => s.removeRegistry);

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await removeRegistry(registry.host);
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
      title={`Remove “${registry.name}”?`}
      attributes={{ content: { 'data-testid': 'registry-remove-dialog' } }}
    >
      <Stack gap="sm">
        <Text size="sm">
          Stevedore forgets <Code>{registry.host}</Code>
          {registry.account?.source === 'app' ? ' and the login it stored for it' : ''}. The registry and its
          images are not touched.
        </Text>
        {error && <RegistryErrorAlert error={error} testId="registry-remove-error" />}
        <DialogActions
          onCancel={onClose}
          cancelTestId="registry-remove-cancel"
          confirmLabel="Remove"
          confirmTestId="registry-remove-confirm"
          onConfirm={() => void confirm()}
          busy={busy}
          destructive
        />
      </Stack>
    </Modal>
  );
}
