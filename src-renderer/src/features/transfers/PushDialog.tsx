import { Modal, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import { errorShape } from '../../lib/errors.js';
import { formatBytes, shortId } from '../../lib/format.js';
import { isPlaceholderRef } from '../../lib/image-ref.js';
import { useApp } from '../../store/context.js';
import { DialogActions } from '../../ui/DialogActions.js';
import { LoginDialog } from '../registries/LoginDialog.js';
import { PushPlanView } from './PushPlanView.js';
import { pushStartHost } from './push-host.js';
import { TargetForm } from './TargetForm.js';
import { TransferRun } from './TransferRun.js';
import { prefillTarget, targetReference } from './target-ref.js';
import { usePushPlan } from './use-push-plan.js';

/**
 * Push one local image: pick the registry, repository and tag (prefilled from the image), read the
 * pre-check, push; the dialog then follows the task. Closing it leaves the push running in Tasks.
 */
export function PushDialog({
  imageId,
  sourceRef,
  host,
}: {
  imageId: string;
  sourceRef?: string;
  host?: string;
}) {
  const image = useApp((s) => s.images.find((candidate) => candidate.id === imageId));
  const registries = useApp((s) => s.registries);
  const lastPushHost = useApp((s) => s.lastPushHost);
  const closeTransfer = useApp((s) => s.closeTransfer);
  const startPush = useApp((s) => s.startPush);

  const source = sourceRef ?? image?.repoTags.find((ref) => !isPlaceholderRef(ref));
  const [chosenHost, setChosenHost] = useState(() => pushStartHost(host, source, registries, lastPushHost));
  // What the user typed; until then the fields follow the prefill (which a login or another registry changes).
  const [typed, setTyped] = useState<{ repository?: string; tag?: string }>({});
  const [recheck, setRecheck] = useState(0);
  const [loggingIn, setLoggingIn] = useState(false);
  const [run, setRun] = useState<{ taskId?: string; error?: ErrorShape }>();

  const registry = registries.find((candidate) => candidate.host === chosenHost);
  const prefill = prefillTarget(source, chosenHost, registry?.account?.username);
  const fields = {
    host: chosenHost,
    repository: typed.repository ?? prefill.repository,
    tag: typed.tag ?? prefill.tag,
  };
  const check = targetReference(fields.host, fields.repository, fields.tag);
  const plan = usePushPlan(imageId, run === undefined && check.ok ? check.reference : undefined, recheck);

  const push = async () => {
    if (!check.ok) return;
    setRun({});
    try {
      setRun({ taskId: await startPush(imageId, check.reference, fields.host) });
    } catch (error) {
      setRun({ error: errorShape(error) });
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void push();
  };
  const label = source ?? shortId(imageId);

  return (
    <>
      <Modal
        opened={!loggingIn}
        onClose={closeTransfer}
        size="lg"
        title={run ? `Push ${label} to ${registry?.name ?? chosenHost}` : `Push ${label}`}
        attributes={{ content: { 'data-testid': 'push-dialog', 'data-mode': run ? 'run' : 'form' } }}
      >
        {run ? (
          <TransferRun
            taskId={run.taskId}
            startError={run.error}
            onRetry={() => void push()}
            onEdit={() => setRun(undefined)}
            onClose={closeTransfer}
          />
        ) : (
          <form onSubmit={submit}>
            <Stack gap="sm">
              <Text fz="xs" c="dimmed" data-testid="push-source">
                {image
                  ? `${label} · ${shortId(imageId)} · ${formatBytes(image.size)}`
                  : 'This image is no longer on the engine.'}
              </Text>
              <TargetForm
                fields={fields}
                check={check}
                testIdPrefix="push"
                onChange={(change) => {
                  if (change.host !== undefined) setChosenHost(change.host);
                  if (change.repository !== undefined)
                    setTyped((t) => ({ ...t, repository: change.repository }));
                  if (change.tag !== undefined) setTyped((t) => ({ ...t, tag: change.tag }));
                }}
              />
              <PushPlanView plan={plan} onLogin={registry ? () => setLoggingIn(true) : undefined} />
              <DialogActions
                onCancel={closeTransfer}
                cancelTestId="push-cancel"
                confirmLabel="Push"
                confirmTestId="push-submit"
                disabled={!check.ok || !image}
              />
            </Stack>
          </form>
        )}
      </Modal>
      {loggingIn && registry && (
        <LoginDialog
          registry={registry}
          onClose={() => {
            setLoggingIn(false);
            setRecheck((count) => count + 1);
          }}
        />
      )}
    </>
  );
}
