import { Box, Group, Select, Stack, Text, Tooltip } from '@mantine/core';
import { useMemo } from 'react';
import type { EngineStatus } from '../../../../src-main/core/engine/types.js';
import { useApp } from '../../store/context.js';
import { IconCheck } from '../../ui/icons.js';

function statusLine(status: EngineStatus | undefined, checking: boolean): string {
  if (checking || status === undefined) return 'Connecting…';
  if (!status.reachable) return 'Not reachable';
  return status.version ? `Engine ${status.version}` : 'Connected';
}

function StatusDot({ status, checking }: { status: EngineStatus | undefined; checking: boolean }) {
  const color = checking || !status ? 'gray' : status.reachable ? 'teal' : 'red';
  return (
    <Box
      aria-hidden="true"
      style={{ width: 8, height: 8, borderRadius: 4, background: `var(--mantine-color-${color}-6)` }}
    />
  );
}

/** Lists `engines.list`; picking one calls `engines.select`. Beside it: reachable or not, and the version. */
export function EngineSwitcher({
  width = 200,
  testId = 'engine-switcher',
}: {
  width?: number;
  testId?: string;
}) {
  const engines = useApp((s) => s.engines);
  const activeEngineId = useApp((s) => s.activeEngineId);
  const status = useApp((s) => s.engineStatus);
  const checking = useApp((s) => s.engineChecking);
  const selectEngine = useApp((s) => s.selectEngine);

  // Before engines.list answers (or if it failed) the status still names the active endpoint.
  const endpoints = useMemo(
    () => (engines.length > 0 || !status ? engines : [status.endpoint]),
    [engines, status],
  );
  const urls = useMemo(() => new Map(endpoints.map((e) => [e.id, e.url])), [endpoints]);
  const detail = status?.reachable
    ? `Docker Engine ${status.version ?? '?'} · API ${status.apiVersion ?? '?'} · ${status.os ?? '?'}/${status.arch ?? '?'}`
    : (status?.error?.message ?? '');

  return (
    <Group gap={8} wrap="nowrap">
      <Select
        data-testid={testId}
        aria-label="Docker engine"
        w={width}
        allowDeselect={false}
        placeholder="No engine"
        data={endpoints.map((e) => ({ value: e.id, label: e.name }))}
        value={activeEngineId ?? null}
        onChange={(engineId) => {
          if (engineId) void selectEngine(engineId);
        }}
        leftSection={<StatusDot status={status} checking={checking} />}
        leftSectionWidth={24}
        comboboxProps={{ width: 340, position: 'bottom-end' }}
        renderOption={({ option, checked }) => (
          <Group gap={8} wrap="nowrap" w="100%">
            <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
              <Text size="xs">{option.label}</Text>
              <Text size="xs" c="dimmed" truncate="start" title={urls.get(option.value)}>
                {urls.get(option.value)}
              </Text>
            </Stack>
            {checked && <IconCheck size={14} />}
          </Group>
        )}
      />
      <Tooltip label={detail} disabled={!detail} multiline maw={360}>
        <Text size="xs" c="dimmed" data-testid="engine-state" style={{ whiteSpace: 'nowrap' }}>
          {statusLine(status, checking)}
        </Text>
      </Tooltip>
    </Group>
  );
}
