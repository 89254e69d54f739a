import { Button, Center, Code, DataList, EmptyState, Group, Paper, Text } from '@mantine/core';
import type { EngineEndpoint } from '../../../../src-main/core/engine/types.js';
import { useApp, useAppStore } from '../../store/context.js';
import { errorTitle } from '../../ui/error-title.js';
import { IconPlugOff, IconRefresh } from '../../ui/icons.js';
import { EngineSwitcher } from './EngineSwitcher.js';
import { describeSource } from './endpoint-source.js';

export interface EngineProblem {
  code: string;
  message: string;
  hint?: string;
}

/** No engine answers: what failed, what was tried and where that came from, how to fix it; Retry or switch. */
export function EngineUnreachable({
  endpoint,
  problem,
}: {
  endpoint?: EngineEndpoint;
  problem: EngineProblem;
}) {
  const checking = useApp((s) => s.engineChecking);
  const store = useAppStore();
  const retry = async () => {
    await store.getState().checkEngine();
    // The engine may be back while the list failed on its own: ask for the list again too.
    if (store.getState().engineStatus?.reachable) await store.getState().fetchImages();
  };
  return (
    <Center style={{ flex: 1 }} p="xl" data-testid="engine-empty-state" data-code={problem.code}>
      <EmptyState
        icon={<IconPlugOff size={28} />}
        withIndicatorBackground
        title={errorTitle(problem.code)}
        maw={640}
        description={problem.message}
      >
        {(endpoint || problem.hint) && (
          <Paper withBorder p="sm" mt="xs" w="100%" ta="left">
            <DataList size="sm" gap={8} labelWidth={96}>
              {endpoint && (
                <DataList.Item>
                  <DataList.ItemLabel>Tried</DataList.ItemLabel>
                  <DataList.ItemValue data-testid="engine-tried">
                    <Code>{endpoint.url}</Code>{' '}
                    <Text span size="sm" c="dimmed">
                      {describeSource(endpoint)}
                    </Text>
                  </DataList.ItemValue>
                </DataList.Item>
              )}
              {problem.hint && (
                <DataList.Item>
                  <DataList.ItemLabel>How to fix</DataList.ItemLabel>
                  <DataList.ItemValue data-testid="engine-hint">{problem.hint}</DataList.ItemValue>
                </DataList.Item>
              )}
            </DataList>
          </Paper>
        )}
        <EmptyState.Actions>
          <Group gap="xs" justify="center">
            <Button
              data-testid="engine-retry"
              leftSection={<IconRefresh size={14} />}
              loading={checking}
              onClick={() => void retry()}
            >
              Retry
            </Button>
            <EngineSwitcher width={220} testId="engine-switcher-empty" />
          </Group>
        </EmptyState.Actions>
      </EmptyState>
    </Center>
  );
}
