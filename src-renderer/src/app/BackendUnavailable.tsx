import { Button, Center, Code, EmptyState } from '@mantine/core';
import type { ErrorShape } from '../../../src-main/core/errors.js';
import { IconPlugOff } from '../ui/icons.js';

/** Shown when the UI cannot reach Stevedore's own backend at all (browser mode without a server). */
export function BackendUnavailable({ error, onRetry }: { error: ErrorShape; onRetry: () => void }) {
  return (
    <Center h="100vh" data-testid="backend-unavailable">
      <EmptyState
        icon={<IconPlugOff size={28} />}
        withIndicatorBackground
        title="Cannot reach Stevedore"
        description={
          <>
            The window could not connect to the Stevedore process: <Code>{error.message}</Code>. Start it with{' '}
            <Code>stevedore serve</Code> and open the address it prints, or restart the app.
          </>
        }
      >
        <EmptyState.Actions>
          <Button onClick={onRetry}>Retry</Button>
        </EmptyState.Actions>
      </EmptyState>
    </Center>
  );
}
