import { Box, Group, Kbd, Stack, Text, Title } from '@mantine/core';
import { AppearanceSection } from './AppearanceSection.js';
import { EnginesSection } from './EnginesSection.js';

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

/** The engines Stevedore talks to and how it looks; reached from the nav or with Ctrl/Cmd+,. */
export function SettingsView() {
  return (
    <Box
      data-testid="settings-view"
      style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
    >
      <Group
        px="sm"
        h={47}
        gap="xs"
        wrap="nowrap"
        justify="space-between"
        style={{ flexShrink: 0, borderBottom: '1px solid var(--mantine-color-default-border)' }}
      >
        <Title order={2} fz="sm" fw={600}>
          Settings
        </Title>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">{isMac ? '⌘' : 'Ctrl'}</Kbd> + <Kbd size="xs">,</Kbd> opens this page
        </Text>
      </Group>
      <Box style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
        <Stack gap={32} p="md" maw={1100}>
          <EnginesSection />
          <AppearanceSection />
        </Stack>
      </Box>
    </Box>
  );
}
