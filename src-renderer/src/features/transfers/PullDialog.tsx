import { Modal, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import { errorShape } from '../../lib/errors.js';
import { useApp } from '../../store/context.js';
import { DialogActions } from '../../ui/DialogActions.js';
import { TransferRun } from './TransferRun.js';
import { pullReference } from './target-ref.js';

/**
 * `docker pull` into the active engine: a reference, checked as it is typed; then the dialog
 * follows the task. Opened on a task already started (the tag detail's Pull), it shows it at once.
 */
export function PullDialog({
  reference = '',
  taskId,
  error,
}: {
  reference?: string;
  taskId?: string;
  error?: ErrorShape;
}) {
  const closeTransfer = useApp((s) => s.closeTransfer);
  const startPull = useApp((s) => s.startPull);
  const engine = useApp((s) => s.engineStatus?.endpoint.name);
  const [typed, setTyped] = useState(reference);
  const [run, setRun] = useState<{ taskId?: string; error?: ErrorShape } | undefined>(
    taskId || error ? { ...(taskId ? { taskId } : {}), ...(error ? { error } : {}) } : undefined,
  );
  const check = pullReference(typed);

  const pull = async () => {
    if (!check.ok) return;
    setRun({});
    try {
      setRun({ taskId: await startPull(check.reference) });
    } catch (caught) {
      setRun({ error: errorShape(caught) });
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void pull();
  };

  return (
    <Modal
      opened
      onClose={closeTransfer}
      size="lg"
      title={run && check.ok ? `Pull ${check.reference}` : 'Pull an image'}
      attributes={{ content: { 'data-testid': 'pull-dialog', 'data-mode': run ? 'run' : 'form' } }}
    >
      {run ? (
        <TransferRun
          taskId={run.taskId}
          startError={run.error}
          onRetry={() => void pull()}
          onEdit={() => setRun(undefined)}
          onClose={closeTransfer}
        />
      ) : (
        <form onSubmit={submit}>
          <Stack gap="sm">
            <TextInput
              data-autofocus
              data-testid="pull-reference"
              label="Image reference"
              description={`Into ${engine ?? 'the active engine'}; the tag defaults to latest`}
              placeholder="ubuntu:24.04, registry.example.com/team/app@sha256:…"
              value={typed}
              onChange={(event) => setTyped(event.currentTarget.value)}
              error={!check.ok && typed.trim() !== '' ? check.message : undefined}
              spellCheck={false}
              autoComplete="off"
            />
            {check.ok && (
              <Text
                ff="monospace"
                fz="xs"
                c="dimmed"
                data-testid="pull-resolved"
                style={{ wordBreak: 'break-all' }}
              >
                {check.reference}
              </Text>
            )}
            <DialogActions
              onCancel={closeTransfer}
              cancelTestId="pull-cancel"
              confirmLabel="Pull"
              confirmTestId="pull-submit"
              disabled={!check.ok}
            />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
