import { Group } from '@mantine/core';
import type { ReactNode } from 'react';

/** The bar atop a view: its title on the left, whatever follows (actions, a hint) on the right. */
export function ViewBar({ children }: { children: ReactNode }) {
  return (
    <Group
      px="sm"
      h={47}
      gap="xs"
      wrap="nowrap"
      justify="space-between"
      style={{ flexShrink: 0, borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      {children}
    </Group>
  );
}
