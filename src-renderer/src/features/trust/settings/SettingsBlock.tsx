import { Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

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
