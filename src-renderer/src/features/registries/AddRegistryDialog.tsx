import { Alert, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { RegistrySummary } from '../../../../src-main/core/registry/types.js';
import { useApp } from '../../store/context.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { CapabilitiesList } from './CapabilitiesList.js';
import { RegistryForm } from './RegistryForm.js';
import { draftToAddInput, emptyRegistryDraft } from './registry-draft.js';
import { registryErrorTitle } from './registry-errors.js';

/** After "Add": Test connection probes the new registry and shows what it supports, inline. */
function AddedRegistry({
  registry,
  onClose,
  onShow,
}: {
  registry: RegistrySummary;
  onClose: () => void;
  onShow: () => void;
}) {
  const probe = useApp((s) => s.probes[registry.host]);
  const probeRegistry = useApp((s) => s.probeRegistry);
  const openRegistry = useApp((s) => s.openRegistry);
  const test = () => void probeRegistry(registry.host, true);

  // Tested once right away: that is what the user wants to know next.
  useEffect(() => {
    void probeRegistry(registry.host, true);
  }, [registry.host, probeRegistry]);

  const capabilities = probe?.state === 'known' ? probe.capabilities : undefined;
  return (
    <Stack gap="sm">
      <Text size="sm">
        Stevedore will use{' '}
        <Text span ff="monospace" fz="sm">
          {registry.host}
        </Text>
        {registry.insecure ? ' without TLS verification' : ''}.
      </Text>
      <div
        data-testid="registry-test-result"
        data-reachable={capabilities ? String(capabilities.reachable) : undefined}
      >
        {(probe === undefined || probe.state === 'probing') && (
          <Group gap="xs" wrap="nowrap">
            <Loader size={14} />
            <Text size="sm">Testing the connection…</Text>
          </Group>
        )}
        {probe?.state === 'failed' && <ErrorAlert titleOf={registryErrorTitle} error={probe.error} />}
        {capabilities && (
          <Alert
            color={capabilities.reachable ? 'teal' : 'orange'}
            variant="light"
            title={capabilities.reachable ? 'Connected' : 'Not reachable: the registry is added anyway'}
          >
            <CapabilitiesList capabilities={capabilities} />
          </Alert>
        )}
      </div>
      <Group justify="flex-end" gap="xs">
        <Button
          variant="default"
          onClick={test}
          data-testid="registry-test"
          disabled={probe?.state === 'probing'}
        >
          Test connection
        </Button>
        <Button variant="default" onClick={onClose} data-testid="registry-add-done">
          Done
        </Button>
        <Button
          data-autofocus
          data-testid="registry-add-open"
          onClick={() => {
            openRegistry(registry.host);
            onShow();
            onClose();
          }}
        >
          Open
        </Button>
      </Group>
    </Stack>
  );
}

/** "Add registry": the form, then (once main kept it) the connection test. `onShow` brings the registries view up. */
export function AddRegistryDialog({ onClose, onShow }: { onClose: () => void; onShow: () => void }) {
  const [added, setAdded] = useState<RegistrySummary>();
  const addRegistry = useApp((s) => s.addRegistry);
  return (
    <Modal
      opened
      onClose={onClose}
      title={added ? `Added “${added.name}”` : 'Add registry'}
      attributes={{ content: { 'data-testid': 'registry-add-dialog' } }}
    >
      {added ? (
        <AddedRegistry registry={added} onClose={onClose} onShow={onShow} />
      ) : (
        <RegistryForm
          initial={emptyRegistryDraft}
          editing={false}
          submitLabel="Add registry"
          onSubmit={async (draft) => setAdded(await addRegistry(draftToAddInput(draft)))}
          onCancel={onClose}
        />
      )}
    </Modal>
  );
}
