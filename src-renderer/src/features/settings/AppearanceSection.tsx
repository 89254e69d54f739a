import { Group, type MantineColorScheme, SegmentedControl, Text, useMantineColorScheme } from '@mantine/core';
import { IconContrast, IconMoon, IconSun } from '../../ui/icons.js';
import { SettingsSection } from './SettingsSection.js';

const choices: { value: MantineColorScheme; label: string; Icon: typeof IconSun }[] = [
  { value: 'light', label: 'Light', Icon: IconSun },
  { value: 'dark', label: 'Dark', Icon: IconMoon },
  { value: 'auto', label: 'Follow the system', Icon: IconContrast },
];

/** The same colour-scheme manager as the header's toggle, so the two always agree. */
export function AppearanceSection() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <SettingsSection
      title="Appearance"
      description="Light, dark, or whatever this computer uses. The switch in the header changes the same setting."
    >
      <Group gap="md" wrap="nowrap">
        <Text size="sm" w={80}>
          Theme
        </Text>
        <SegmentedControl
          size="xs"
          data-testid="settings-theme"
          aria-label="Colour theme"
          value={colorScheme}
          onChange={(value) => setColorScheme(value as MantineColorScheme)}
          data={choices.map(({ value, label, Icon }) => ({
            value,
            label: (
              <Group gap={6} wrap="nowrap" data-value={value}>
                <Icon size={14} />
                <span>{label}</span>
              </Group>
            ),
          }))}
        />
      </Group>
    </SettingsSection>
  );
}
