import { Box, Group, Text } from '@mantine/core';
import { EngineSwitcher } from '../features/engines/EngineSwitcher.js';
import { TasksButton } from '../features/tasks/TasksButton.js';
import { IconBox } from '../ui/icons.js';
import { ThemeToggle } from './ThemeToggle.js';

export function Header() {
  return (
    <Group
      component="header"
      h={44}
      px="sm"
      gap="sm"
      justify="space-between"
      wrap="nowrap"
      style={{ flexShrink: 0, borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <Group gap={8} wrap="nowrap">
        <Box c="blue" style={{ display: 'flex' }}>
          <IconBox size={20} />
        </Box>
        <Text fw={600} size="sm">
          Stevedore
        </Text>
      </Group>
      <Group gap="xs" wrap="nowrap">
        <EngineSwitcher />
        <TasksButton />
        <ThemeToggle />
      </Group>
    </Group>
  );
}
