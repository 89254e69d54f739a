import { Center, SegmentedControl } from '@mantine/core';
import { colorSchemeChoices, useColorSchemeControl } from '../ui/color-scheme.js';

/** Light, dark or the system's, as icons only; the settings page offers the same choice in words. */
export function ThemeToggle() {
  const colorScheme = useColorSchemeControl();
  return (
    <SegmentedControl
      size="xs"
      data-testid="theme-toggle"
      aria-label="Colour theme"
      {...colorScheme}
      data={colorSchemeChoices.map(({ value, label, Icon }) => ({
        value,
        label: (
          <Center title={label} aria-label={label} data-value={value}>
            <Icon size={14} />
          </Center>
        ),
      }))}
    />
  );
}
