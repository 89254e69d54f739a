import { DataList, Group, Loader, Stack, Text } from '@mantine/core';
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import { CopyableMono, Item } from '../../ui/DetailParts.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { IconCheck } from '../../ui/icons.js';
import { RunActions } from '../tasks/RunActions.js';
import { useDialogTask } from '../tasks/use-dialog-task.js';
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
  const { task, ended, error } = useDialogTask(taskId, startError);
  const outcome = signOutcome(task);

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
      <RunActions
        testId="sign"
        ended={ended}
        succeeded={outcome !== undefined}
        onEdit={onEdit}
        onRetry={onRetry}
        onClose={onClose}
      />
    </Stack>
  );
}
