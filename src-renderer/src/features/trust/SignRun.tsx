import { Button, DataList, Group, Loader, Stack, Text } from '@mantine/core';
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import { useApp } from '../../store/context.js';
import { CopyableMono, Item } from '../../ui/DetailParts.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { IconCheck } from '../../ui/icons.js';
import { trustErrorTitle } from './trust-errors.js';
import { signOutcome } from './trust-sign-slice.js';

/**
 * A sign task as the dialog follows it: progress, then what was written (the `.sig` tag and its
 * manifest) or why it failed. Closing leaves it running in Tasks.
 */
export function SignRun({
  taskId,
  startError,
  keyName,
  onRetry,
  onEdit,
  onClose,
}: {
  taskId: string | undefined;
  startError?: ErrorShape;
  keyName: string;
  onRetry: () => void;
  onEdit: () => void;
  onClose: () => void;
}) {
  const task = useApp((s) => (taskId === undefined ? undefined : s.tasks[taskId]));
  const outcome = signOutcome(task);
  const error = startError ?? (task?.state === 'failed' ? task.error : undefined);
  const ended = startError !== undefined || (task !== undefined && task.state !== 'running');

  return (
    <Stack gap="sm" data-testid="sign-run" data-state={startError ? 'failed' : (task?.state ?? 'starting')}>
      {!ended && (
        <Group gap="xs">
          <Loader size={14} />
          <Text fz="xs">{task?.progress.message ?? 'Signing…'}</Text>
        </Group>
      )}
      {outcome && (
        <DataList size="xs" gap={6} labelWidth={90} data-testid="sign-done" data-added={outcome.added}>
          <Item label="Done">
            <Group gap={6} wrap="nowrap" c="teal">
              <IconCheck size={14} />
              <Text fz="xs">
                {outcome.added
                  ? `Signed with ${keyName}. The signature is in the registry.`
                  : `${keyName} had signed this digest already: nothing new was written.`}
              </Text>
            </Group>
          </Item>
          <Item label="Digest">
            <CopyableMono value={outcome.digest} copy="Copy digest" />
          </Item>
          <Item label="Signature">
            <CopyableMono value={outcome.tag} copy="Copy signature tag" />
          </Item>
          <Item label="Verify it">
            <CopyableMono
              value={`cosign verify --key ${keyName}.pub ${outcome.reference}`}
              copy="Copy the cosign command"
            />
          </Item>
        </DataList>
      )}
      {error && <ErrorAlert titleOf={trustErrorTitle} error={error} testId="sign-error" />}
      <Group gap="xs" justify="flex-end">
        {!ended && (
          <Text fz="xs" c="dimmed" mr="auto">
            Closing keeps it running in Tasks.
          </Text>
        )}
        {ended && !outcome && (
          <>
            <Button variant="default" onClick={onEdit} data-testid="sign-edit">
              Change…
            </Button>
            <Button variant="default" onClick={onRetry} data-testid="sign-retry">
              Retry
            </Button>
          </>
        )}
        <Button
          variant={outcome ? 'filled' : 'default'}
          onClick={onClose}
          data-autofocus={outcome ? true : undefined}
          data-testid="sign-close"
        >
          Close
        </Button>
      </Group>
    </Stack>
  );
}
