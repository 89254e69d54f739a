import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** The small upper-case heading detail tabs use between their parts. */
export function SectionTitle({ children }: { children: ReactNode }) {
  return (
    <Text fz="xs" fw={600} c="dimmed" tt="uppercase">
      {children}
    </Text>
  );
}
