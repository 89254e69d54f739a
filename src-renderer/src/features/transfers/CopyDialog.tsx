import { Checkbox, Modal, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import { errorShape } from '../../lib/errors.js';
import { useApp } from '../../store/context.js';
import { DialogActions } from '../../ui/DialogActions.js';
import { tagReference } from '../registries/registry-ref.js';
import { type TargetFields, TargetForm } from './TargetForm.js';
import { TransferRun } from './TransferRun.js';
import { targetReference } from './target-ref.js';

export interface CopyDialogProps {
  host: string;
  repository: string;
  tag: string;
  /** The source is a multi-platform index: offer "All platforms". */
  index: boolean;
  /** The platform the tag detail shows: what is copied when not all of them are. */
  platform?: string;
}

/** Registry to registry, no engine: a tag to another registry, repository or tag, digest kept. */
export function CopyDialog({ host, repository, tag, index, platform }: CopyDialogProps) {
  const closeTransfer = useApp((s) => s.closeTransfer);
  const startCopy = useApp((s) => s.startCopy);
  const source = tagReference(host, repository, tag);
  const [fields, setFields] = useState<TargetFields>({ host, repository, tag });
  const [allPlatforms, setAllPlatforms] = useState(true);
  const [run, setRun] = useState<{ taskId?: string; error?: ErrorShape }>();
  const check = targetReference(fields.host, fields.repository, fields.tag);
  const sameAsSource = check.ok && check.reference === source;
  const onePlatform = index && !allPlatforms;

  const copy = async () => {
    if (!check.ok || sameAsSource) return;
    setRun({});
    try {
      const taskId = await startCopy({
        source,
        target: check.reference,
        ...(index ? { allPlatforms } : {}),
        ...(onePlatform && platform ? { platform } : {}),
      });
      setRun({ taskId });
    } catch (error) {
      setRun({ error: errorShape(error) });
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void copy();
  };

  return (
    <Modal
      opened
      onClose={closeTransfer}
      size="lg"
      title={run && check.ok ? `Copy to ${check.reference}` : `Copy ${repository}:${tag}`}
      attributes={{ content: { 'data-testid': 'copy-dialog', 'data-mode': run ? 'run' : 'form' } }}
    >
      {run ? (
        <TransferRun
          taskId={run.taskId}
          startError={run.error}
          onRetry={() => void copy()}
          onEdit={() => setRun(undefined)}
          onClose={closeTransfer}
        />
      ) : (
        <form onSubmit={submit}>
          <Stack gap="sm">
            <Text
              fz="xs"
              c="dimmed"
              ff="monospace"
              style={{ wordBreak: 'break-all' }}
              data-testid="copy-source"
            >
              From {source}
            </Text>
            <TargetForm
              fields={fields}
              check={check}
              testIdPrefix="copy"
              onChange={(change) => setFields((before) => ({ ...before, ...change }))}
            />
            {index && (
              <Checkbox
                label="All platforms"
                description={
                  allPlatforms
                    ? 'The index and every image in it, digest kept'
                    : `Only ${platform ?? 'linux/amd64 (else the first platform)'}, as a single image`
                }
                checked={allPlatforms}
                onChange={(event) => setAllPlatforms(event.currentTarget.checked)}
                data-testid="copy-all-platforms"
              />
            )}
            {sameAsSource && (
              <Text fz="xs" c="orange" data-testid="copy-same">
                That is the source itself: change the registry, repository or tag.
              </Text>
            )}
            <DialogActions
              onCancel={closeTransfer}
              cancelTestId="copy-cancel"
              confirmLabel="Copy"
              confirmTestId="copy-submit"
              disabled={!check.ok || sameAsSource}
            />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
