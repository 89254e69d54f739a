import { Group, SegmentedControl, Text } from '@mantine/core';
import { colorSchemeChoices, useColorSchemeControl } from '../../ui/color-scheme.js';
import { SettingsSection } from './SettingsSection.js';

/** The same colour-scheme manager as the header's toggle, so the two always agree. */
export function AppearanceSection() {
  const colorScheme = useColorSchemeControl();
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
          {...colorScheme}
          data={colorSchemeChoices.map(({ value, label, Icon }) => ({
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
