import { Code, Text } from '@mantine/core';
import type { RegistrySummary } from '../../../../src-main/core/registry/types.js';
import { useApp } from '../../store/context.js';
import { ConfirmRemoveDialog } from '../../ui/ConfirmRemoveDialog.js';
import { registryErrorTitle } from './registry-errors.js';

/** Confirms forgetting a registry the user added; what it holds is not touched. */
export function RemoveRegistryDialog({
  registry,
  onClose,
}: {
  registry: RegistrySummary;
  onClose: () => void;
}) {
  const removeRegistry = useApp((s) => s.removeRegistry);

  return (
    <ConfirmRemoveDialog
      title={`Remove “${registry.name}”?`}
      remove={() => removeRegistry(registry.host)}
      onClose={onClose}
      testId="registry-remove"
      titleOf={registryErrorTitle}
    >
      <Text size="sm">
        Stevedore forgets <Code>{registry.host}</Code>
        {registry.account?.source === 'app' ? ' and the login it stored for it' : ''}. The registry and its
        images are not touched.
      </Text>
    </ConfirmRemoveDialog>
  );
}
