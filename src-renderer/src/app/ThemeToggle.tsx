import { Center, type MantineColorScheme, SegmentedControl, useMantineColorScheme } from '@mantine/core';
import { IconContrast, IconMoon, IconSun } from '../ui/icons.js';

const choices: { value: MantineColorScheme; label: string; Icon: typeof IconSun }[] = [
  { value: 'light', label: 'Light', Icon: IconSun },
  { value: 'dark', label: 'Dark', Icon: IconMoon },
  { value: 'auto', label: 'Follow the system', Icon: IconContrast },
];

/** Light, dark or the system's; Mantine's colour-scheme manager remembers it in localStorage. */
export function ThemeToggle() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <SegmentedControl
      size="xs"
      data-testid="theme-toggle"
      aria-label="Colour theme"
      value={colorScheme}
      onChange={(value) => setColorScheme(value as MantineColorScheme)}
      data={choices.map(({ value, label, Icon }) => ({
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
