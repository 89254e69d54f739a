import { Anchor, Group, Loader, Stack, Text, Tooltip } from '@mantine/core';
import type { EngineStatus } from '../../../../src-main/core/engine/types.js';
import { errorTitle } from '../../ui/error-title.js';
import type { EndpointCheck } from '../engines/engine-slice.js';
import { StatusDot } from './StatusDot.js';

function versionLine(status: EngineStatus): string {
  return `Docker Engine ${status.version ?? '?'} · API ${status.apiVersion ?? '?'} · ${status.os ?? '?'}/${status.arch ?? '?'}`;
}

/** Why a check failed, whole: the heading for its code, the message, and how to fix it. */
function Problem({ code, message, hint }: { code: string; message: string; hint?: string }) {
  return (
    <Stack gap={4}>
      <Text size="xs" fw={600}>
        {errorTitle(code)}
      </Text>
      <Text size="xs">{message}</Text>
      {hint && <Text size="xs">{hint}</Text>}
    </Stack>
  );
}

function Retry({ onRetry }: { onRetry: () => void }) {
  return (
    <Anchor component="button" type="button" size="xs" onClick={onRetry} data-testid="engine-status-retry">
      Retry
    </Anchor>
  );
}

/** A dot and the engine's version, or "Not reachable" with the reason on hover and a Retry. */
export function EngineStatusCell({
  check,
  onRetry,
}: {
  check: EndpointCheck | undefined;
  onRetry: () => void;
}) {
  if (check === undefined || check.state === 'checking') {
    return (
      <Group gap={6} wrap="nowrap" data-testid="engine-status" data-state="checking">
        <Loader size={10} />
        <Text size="xs" c="dimmed">
          Checking…
        </Text>
      </Group>
    );
  }
  if (check.state === 'failed') {
    return (
      <Group
        gap={6}
        wrap="nowrap"
        data-testid="engine-status"
        data-state="failed"
        data-code={check.error.code}
      >
        <StatusDot reachable={undefined} />
        <Tooltip label={<Problem {...check.error} />} multiline w={340}>
          <Text size="xs" c="dimmed">
            Unknown
          </Text>
        </Tooltip>
        <Retry onRetry={onRetry} />
      </Group>
    );
  }
  const { status } = check;
  if (status.reachable) {
    return (
      <Group gap={6} wrap="nowrap" data-testid="engine-status" data-state="known" data-reachable="true">
        <StatusDot reachable />
        <Tooltip label={versionLine(status)}>
          <Text size="xs" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {status.version ?? 'Connected'}
          </Text>
        </Tooltip>
      </Group>
    );
  }
  const problem = status.error ?? { code: 'ENGINE_UNREACHABLE', message: 'The engine did not answer.' };
  return (
    <Group
      gap={6}
      wrap="nowrap"
      data-testid="engine-status"
      data-state="known"
      data-reachable="false"
      data-code={problem.code}
    >
      <StatusDot reachable={false} />
      <Tooltip label={<Problem {...problem} />} multiline w={360}>
        <Text size="xs" c="red" style={{ whiteSpace: 'nowrap' }}>
          Not reachable
        </Text>
      </Tooltip>
      <Retry onRetry={onRetry} />
    </Group>
  );
}
