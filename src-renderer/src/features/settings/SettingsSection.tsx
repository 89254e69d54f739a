import { Group, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useId } from 'react';

/** A titled block of the settings page, with a line on what it is for and room for actions. */
export function SettingsSection({
  title,
  description,
  actions,
  children,
}: {
  title: string;
  description: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <Stack component="section" gap="sm" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-end" wrap="nowrap" gap="md">
        <Stack gap={2}>
          <Title order={3} fz="md" fw={600} id={headingId}>
            {title}
          </Title>
          <Text size="xs" c="dimmed" maw={680}>
            {description}
          </Text>
        </Stack>
        {actions}
      </Group>
      {children}
    </Stack>
  );
}
