import { Code, Text } from '@mantine/core';
import type { EngineEndpoint } from '../../../../src-main/core/engine/types.js';
import { useApp } from '../../store/context.js';
import { ConfirmRemoveDialog } from '../../ui/ConfirmRemoveDialog.js';

/** Confirms forgetting an engine the user added; the engine and its images stay as they are. */
export function RemoveEngineDialog({ endpoint, onClose }: { endpoint: EngineEndpoint; onClose: () => void }) {
  const active = useApp((s) => s.activeEngineId === endpoint.id);
  const removeEngine = useApp((s) => s.removeEngine);

  return (
    <ConfirmRemoveDialog
      title={`Remove “${endpoint.name}”?`}
      remove={() => removeEngine(endpoint.id)}
      onClose={onClose}
      testId="engine-remove"
    >
      <Text size="sm">
        Stevedore forgets <Code>{endpoint.url}</Code>. The engine itself and its images are not touched.
      </Text>
      {active && (
        <Text size="sm" c="dimmed">
          It is the engine in use: Stevedore switches to the one Docker would pick.
        </Text>
      )}
    </ConfirmRemoveDialog>
  );
}
