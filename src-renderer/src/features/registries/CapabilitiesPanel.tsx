import { ActionIcon, Box, Group, Loader, Stack, Text, Tooltip } from '@mantine/core';
import { useEffect } from 'react';
import { useApp } from '../../store/context.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { IconRefresh } from '../../ui/icons.js';
import { CapabilitiesList } from './CapabilitiesList.js';
import { registryErrorTitle } from './registry-errors.js';

/** What `registries.probe` found about one registry, beside its catalog; probed once, on demand again. */
export function CapabilitiesPanel({ host }: { host: string }) {
  const probe = useApp((s) => s.probes[host]);
  const probeRegistry = useApp((s) => s.probeRegistry);

  // Probed when shown, and again when a login or an edit made the last answer stale (and dropped it).
  const missing = probe === undefined;
  useEffect(() => {
    if (missing) void probeRegistry(host);
  }, [host, missing, probeRegistry]);

  const capabilities =
    probe?.state === 'known' || probe?.state === 'probing' ? probe.capabilities : undefined;
  return (
    <Box
      component="aside"
      aria-label="Registry capabilities"
      data-testid="capabilities"
      data-state={probe?.state ?? 'probing'}
      data-catalog={capabilities ? String(capabilities.catalog) : undefined}
      p="sm"
      style={{
        width: 280,
        flexShrink: 0,
        borderLeft: '1px solid var(--mantine-color-default-border)',
        overflow: 'auto',
      }}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fz="xs" fw={600} c="dimmed" tt="uppercase">
            Capabilities
          </Text>
          <Tooltip label="Probe again">
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              aria-label="Probe again"
              data-testid="capabilities-refresh"
              loading={probe?.state === 'probing'}
              onClick={() => void probeRegistry(host, true)}
            >
              <IconRefresh size={13} />
            </ActionIcon>
          </Tooltip>
        </Group>
        {probe?.state === 'failed' && <ErrorAlert titleOf={registryErrorTitle} error={probe.error} />}
        {capabilities ? (
          <CapabilitiesList capabilities={capabilities} />
        ) : (
          probe?.state !== 'failed' && <Loader size="xs" />
        )}
      </Stack>
    </Box>
  );
}
