import { Button, Group, Stack, Text } from '@mantine/core';
import type { ComponentType, ReactNode } from 'react';

/** A titled part of a settings section (public keys, trust stores…), its action on the right. */
export function SettingsBlock({
  title,
  hint,
  action,
  children,
}: {
  title: string;
  hint: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Stack gap={6}>
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Text fz="sm" fw={600}>
          {title}{' '}
          <Text span fz="xs" c="dimmed" fw={400}>
            {hint}
          </Text>
        </Text>
        {action}
      </Group>
      {children}
    </Stack>
  );
}

/** The small button at a block's right (add, import, replace). */
export function SettingsBlockButton({
  Icon,
  onClick,
  testId,
  children,
}: {
  Icon: ComponentType<{ size?: number }>;
  onClick: () => void;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Button
      size="compact-xs"
      variant="default"
      leftSection={<Icon size={12} />}
      onClick={onClick}
      data-testid={testId}
    >
      {children}
    </Button>
  );
}
