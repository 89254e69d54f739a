import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { EngineEndpoint } from '../../../../src-main/core/engine/types.js';
import { useApp } from '../../store/context.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { errorTitle } from '../../ui/error-title.js';

/**
 * After "Add": whether the new engine answers. An engine that does not is kept (it may be
 * off for now); its problem and the hint on fixing it show here, with Retry.
 */
export function AddedEngineStatus({ endpoint, onClose }: { endpoint: EngineEndpoint; onClose: () => void }) {
  const check = useApp((s) => s.endpointChecks[endpoint.id]);
  const checkEndpoint = useApp((s) => s.checkEndpoint);
  const selectEngine = useApp((s) => s.selectEngine);
  const use = () => {
    void selectEngine(endpoint.id);
    onClose();
  };

  let body: ReactNode;
  let reachable: boolean | undefined;
  if (check === undefined || check.state === 'checking') {
    body = (
      <Group gap="xs" wrap="nowrap">
        <Loader size={14} />
        <Text size="sm">Connecting to {endpoint.url}…</Text>
      </Group>
    );
  } else if (check.state === 'failed') {
    body = <ErrorAlert error={check.error} />;
  } else if (check.status.reachable) {
    reachable = true;
    const { version, apiVersion, os, arch } = check.status;
    body = (
      <Alert color="teal" variant="light" title="Connected">
        Docker Engine {version ?? '?'} · API {apiVersion ?? '?'} · {os ?? '?'}/{arch ?? '?'}
      </Alert>
    );
  } else {
    reachable = false;
    const problem = check.status.error ?? {
      code: 'ENGINE_UNREACHABLE',
      message: 'The engine did not answer.',
    };
    body = (
      <Alert color="orange" variant="light" title={errorTitle(problem.code)} data-code={problem.code}>
        <Stack gap={6}>
          <Text size="sm">{problem.message}</Text>
          {'hint' in problem && <Text size="sm">{problem.hint}</Text>}
          <Text size="sm" fs="italic">
            The engine is added anyway: fix it and press Retry, or remove it from the table.
          </Text>
        </Stack>
      </Alert>
    );
  }

  const settled = check?.state === 'known' || check?.state === 'failed';
  return (
    <Stack gap="sm">
      <div
        data-testid="engine-add-status"
        data-reachable={reachable === undefined ? undefined : String(reachable)}
      >
        {body}
      </div>
      <Group justify="flex-end" gap="xs">
        {settled && reachable !== true && (
          <Button
            variant="default"
            onClick={() => void checkEndpoint(endpoint.id)}
            data-testid="engine-add-retry"
          >
            Retry
          </Button>
        )}
        <Button variant={reachable ? 'default' : 'filled'} onClick={onClose} data-testid="engine-add-done">
          Done
        </Button>
        {reachable && (
          <Button data-autofocus onClick={use} data-testid="engine-add-use">
            Use this engine
          </Button>
        )}
      </Group>
    </Stack>
  );
}
