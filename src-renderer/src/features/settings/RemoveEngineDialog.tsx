import { Code, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { EngineEndpoint } from '../../../../src-main/core/engine/types.js';
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import { errorShape } from '../../lib/errors.js';
import { useApp } from '../../store/context.js';
import { DialogActions } from '../../ui/DialogActions.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';

/** Confirms forgetting an engine the user added; the engine and its images stay as they are. */
export function RemoveEngineDialog({ endpoint, onClose }: { endpoint: EngineEndpoint; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorShape>();
  const active = useApp((s) => s.activeEngineId === endpoint.id);
  const removeEngine = useApp((s) => s.removeEngine);

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await removeEngine(endpoint.id);
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
      title={`Remove “${endpoint.name}”?`}
      attributes={{ content: { 'data-testid': 'engine-remove-dialog' } }}
    >
      <Stack gap="sm">
        <Text size="sm">
          Stevedore forgets <Code>{endpoint.url}</Code>. The engine itself and its images are not touched.
        </Text>
        {active && (
          <Text size="sm" c="dimmed">
            It is the engine in use: Stevedore switches to the one Docker would pick.
          </Text>
        )}
        {error && <ErrorAlert error={error} testId="engine-remove-error" />}
        <DialogActions
          onCancel={onClose}
          cancelTestId="engine-remove-cancel"
          confirmLabel="Remove"
          confirmTestId="engine-remove-confirm"
          onConfirm={() => void confirm()}
          busy={busy}
          destructive
        />
      </Stack>
    </Modal>
  );
}
