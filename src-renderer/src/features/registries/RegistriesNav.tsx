import { ActionIcon, Anchor, Box, Group, Loader, Stack, Text, Tooltip } from '@mantine/core';
import { useEffect } from 'react';
import { useApp } from '../../store/context.js';
import { IconPlus } from '../../ui/icons.js';
import { RegistryDialogs } from './RegistryDialogs.js';
import { RegistryNavItem } from './RegistryNavItem.js';
import { RegistryNoticeToast } from './RegistryNoticeToast.js';

/**
 * The registries section of the left navigation: Docker Hub, then the registries the user added.
 * `active` says the registries area is the view on screen; `onOpen` brings it there.
 */
export function RegistriesNav({ active, onOpen }: { active: boolean; onOpen: () => void }) {
  const registries = useApp((s) => s.registries);
  const listState = useApp((s) => s.registriesState);
  const routeHost = useApp((s) => s.registryRoute.host);
  const loadRegistries = useApp((s) => s.loadRegistries);
  const openRegistry = useApp((s) => s.openRegistry);
  const openDialog = useApp((s) => s.openRegistryDialog);

  // The nav is always on screen: it asks for the list once, when the app starts.
  useEffect(() => {
    void loadRegistries();
  }, [loadRegistries]);

  return (
    <Stack gap={2} mt="sm" style={{ minHeight: 0 }} aria-label="Registries" role="group">
      <Group justify="space-between" wrap="nowrap" pl={8} pr={2} h={24}>
        <Text size="xs" fw={600} c="dimmed" tt="uppercase" style={{ letterSpacing: 0.4 }}>
          Registries
        </Text>
        <Tooltip label="Add registry">
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            aria-label="Add registry"
            data-testid="registry-add"
            onClick={() => openDialog({ kind: 'add' })}
          >
            <IconPlus size={14} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <Box style={{ minHeight: 0, overflowY: 'auto' }}>
        {registries.map((registry) => (
          <RegistryNavItem
            key={registry.host}
            registry={registry}
            active={active && routeHost === registry.host}
            onOpen={() => {
              openRegistry(registry.host);
              onOpen();
            }}
          />
        ))}
        {listState === 'loading' && registries.length === 0 && <Loader size={12} m={8} />}
        {listState === 'error' && (
          <Text size="xs" c="red" px={8} data-testid="registries-error">
            Could not list registries.{' '}
            <Anchor component="button" size="xs" onClick={() => void loadRegistries()}>
              Retry
            </Anchor>
          </Text>
        )}
      </Box>
      <RegistryDialogs onShow={onOpen} />
      <RegistryNoticeToast />
    </Stack>
  );
}
