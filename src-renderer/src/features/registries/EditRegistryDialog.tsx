import { Modal } from '@mantine/core';
import type { RegistrySummary } from '../../../../src-main/core/registry/types.js';
import { useApp } from '../../store/context.js';
import { RegistryForm } from './RegistryForm.js';
import { draftOf, draftToUpdateInput } from './registry-draft.js';

/** Name, insecure and CA of a registry; the host is its identity, so it stays. */
export function EditRegistryDialog({
  registry,
  onClose,
}: {
  registry: RegistrySummary;
  onClose: () => void;
}) {
  const updateRegistry = useApp((s) => s.updateRegistry);
  return (
    <Modal
      opened
      onClose={onClose}
      title={`Edit “${registry.name}”`}
      attributes={{ content: { 'data-testid': 'registry-edit-dialog' } }}
    >
      <RegistryForm
        initial={draftOf(registry)}
        editing
        submitLabel="Save"
        onSubmit={async (draft) => {
          await updateRegistry(draftToUpdateInput(registry, draft));
          onClose();
        }}
        onCancel={onClose}
      />
    </Modal>
  );
}
