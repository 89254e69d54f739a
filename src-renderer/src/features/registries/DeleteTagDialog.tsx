import { Alert, Code, Group, List, Loader, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import type { DeletePlan } from '../../../../src-main/ipc/contract.js';
import { errorShape } from '../../lib/errors.js';
import { useApp } from '../../store/context.js';
import { DialogActions } from '../../ui/DialogActions.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { registryErrorTitle } from './registry-errors.js';
import { digestReference, repositoryReference, tagReference } from './registry-ref.js';

function DeleteError({ error }: { error: ErrorShape }) {
  if (error.code !== 'UNSUPPORTED')
    return <ErrorAlert titleOf={registryErrorTitle} error={error} testId="delete-error" />;
  return (
    <Alert
      color="orange"
      variant="light"
      title="This registry has deletion disabled"
      data-testid="delete-error"
      data-code={error.code}
    >
      {error.message} Its operator can allow it (for distribution: <Code>storage.delete.enabled: true</Code>).
    </Alert>
  );
}

/**
 * Deleting a tag deletes its manifest, and with it every tag that points at the same digest: the
 * plan (`manifests.deletePlan`) lists them first, then `manifests.delete` removes that digest.
 */
export function DeleteTagDialog({
  host,
  repository,
  tag,
  onClose,
}: {
  host: string;
  repository: string;
  tag: string;
  onClose: () => void;
}) {
  const [plan, setPlan] = useState<DeletePlan>();
  const [error, setError] = useState<ErrorShape>();
  const [busy, setBusy] = useState(false);
  const planManifestDelete = useApp((s) => s.planManifestDelete);
  const deleteManifest = useApp((s) => s.deleteManifest);
  const openRepository = useApp((s) => s.openRepository);

  useEffect(() => {
    let current = true;
    planManifestDelete(tagReference(host, repository, tag)).then(
      (answer) => current && setPlan(answer),
      (caught) => current && setError(errorShape(caught)),
    );
    return () => {
      current = false;
    };
  }, [host, repository, tag, planManifestDelete]);

  const confirm = async () => {
    if (!plan) return;
    setBusy(true);
    setError(undefined);
    try {
      await deleteManifest(
        host,
        digestReference(host, repository, plan.digest),
        repositoryReference(host, repository),
      );
      openRepository(host, repository);
      onClose();
    } catch (caught) {
      setError(errorShape(caught));
      setBusy(false);
    }
  };

  const others = plan?.sharedTags.filter((shared) => shared !== tag) ?? [];
  return (
    <Modal
      opened
      onClose={onClose}
      title={`Delete ${tag}?`}
      attributes={{ content: { 'data-testid': 'delete-dialog' } }}
    >
      <Stack gap="sm">
        {!plan && !error && (
          <Group gap="xs">
            <Loader size={14} />
            <Text size="sm">Finding what else goes with it…</Text>
          </Group>
        )}
        {plan && (
          <>
            <Text size="sm">
              This deletes the manifest below from {repositoryReference(host, repository)}. It cannot be
              undone.
            </Text>
            <Code
              block
              fz="xs"
              style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
              data-testid="delete-digest"
            >
              {plan.digest}
            </Code>
            <div data-testid="delete-plan" data-shared={others.length}>
              {others.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No other tag points at it.
                </Text>
              ) : (
                <Alert
                  color="orange"
                  variant="light"
                  title={`${others.length} more tag${others.length === 1 ? '' : 's'} vanish with it`}
                >
                  <ScrollArea.Autosize mah={160} type="auto">
                    <List size="sm" spacing={2} listStyleType="none">
                      {others.map((shared) => (
                        <List.Item key={shared} ff="monospace" fz="xs" data-tag={shared}>
                          {shared}
                        </List.Item>
                      ))}
                    </List>
                  </ScrollArea.Autosize>
                </Alert>
              )}
            </div>
          </>
        )}
        {error && <DeleteError error={error} />}
        <DialogActions
          onCancel={onClose}
          cancelTestId="delete-cancel"
          confirmLabel="Delete"
          confirmTestId="delete-confirm"
          onConfirm={() => void confirm()}
          busy={busy}
          // A registry with deletion disabled says no again to a second try.
          disabled={!plan || error?.code === 'UNSUPPORTED'}
          destructive
        />
      </Stack>
    </Modal>
  );
}
