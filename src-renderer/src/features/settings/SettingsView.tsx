import { Box, Kbd, Stack, Text, Title } from '@mantine/core';
import { Suspense } from 'react';
import { ChunkLoader, lazyNamed } from '../../ui/lazy-view.js';
import { ViewBar } from '../../ui/ViewBar.js';
import { AppearanceSection } from './AppearanceSection.js';
import { EnginesSection } from './EnginesSection.js';

// Keys, trust stores and notary servers: a chunk of their own, loaded when Settings opens.
const TrustSettingsSections = lazyNamed(() =>
  import('../trust/settings/TrustSettingsSections.js').then((m) => m.TrustSettingsSections),
);

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

/** The engines Stevedore talks to, what it trusts and signs with, and how it looks; reached from the nav or with Ctrl/Cmd+,. */
export function SettingsView() {
  return (
    <Box
      data-testid="settings-view"
      style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
    >
      <ViewBar>
        <Title order={2} fz="sm" fw={600}>
          Settings
        </Title>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">{isMac ? '⌘' : 'Ctrl'}</Kbd> + <Kbd size="xs">,</Kbd> opens this page
        </Text>
      </ViewBar>
      <Box style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
        <Stack gap={32} p="md" maw={1100}>
          <EnginesSection />
          <Suspense fallback={<ChunkLoader />}>
            <TrustSettingsSections />
          </Suspense>
          <AppearanceSection />
        </Stack>
      </Box>
    </Box>
  );
}
