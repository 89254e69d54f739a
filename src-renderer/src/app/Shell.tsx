import { Box, NavLink, Stack } from '@mantine/core';
import { useState } from 'react';
import { useSettingsShortcut } from '../features/settings/use-settings-shortcut.js';
import { TransferDialogs } from '../features/transfers/TransferDialogs.js';
import { TrustDialogs } from '../features/trust/TrustDialogs.js';
import { Header } from './Header.js';
import { navItems } from './nav.js';

const border = '1px solid var(--mantine-color-default-border)';

/** Header across the top, navigation on the left, the chosen view filling the rest. */
export function Shell() {
  const [active, setActive] = useState(navItems[0]!.id);
  useSettingsShortcut(() => setActive('settings'));
  const View = (navItems.find((item) => item.id === active) ?? navItems[0]!).View;
  return (
    <Box style={{ height: '100vh', display: 'flex', flexDirection: 'column' }}>
      <Header />
      <Box style={{ flex: 1, minHeight: 0, display: 'flex' }}>
        <Stack
          component="nav"
          aria-label="Sections"
          gap={2}
          p={6}
          style={{ width: 184, flexShrink: 0, borderRight: border, background: 'var(--mantine-color-body)' }}
        >
          {navItems.map(({ id, label, Icon, atEnd, Section }, index) =>
            Section ? (
              <Section key={id} active={id === active} onOpen={() => setActive(id)} />
            ) : (
              <NavLink
                key={id}
                label={label}
                leftSection={<Icon size={16} />}
                active={id === active}
                onClick={() => setActive(id)}
                data-testid={`nav-${id}`}
                styles={{ root: { borderRadius: 'var(--mantine-radius-sm)', padding: '5px 8px' } }}
                fz="sm"
                // The first item kept at the end takes the free space above it.
                mt={atEnd && !navItems[index - 1]?.atEnd ? 'auto' : undefined}
              />
            ),
          )}
        </Stack>
        <Box component="main" style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
          <View />
        </Box>
      </Box>
      <TransferDialogs />
      <TrustDialogs />
    </Box>
  );
}
