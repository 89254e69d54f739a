/**
 * The colour-scheme choices, shared by the header's toggle and the settings page so the two always
 * offer the same options. Here in ui/ rather than app/ because features may import shared code,
 * never the app.
 */
import { type MantineColorScheme, useMantineColorScheme } from '@mantine/core';
import type { ComponentType } from 'react';
import { IconContrast, IconMoon, type IconProps, IconSun } from './icons.js';

export interface ColorSchemeChoice {
  value: MantineColorScheme;
  label: string;
  Icon: ComponentType<IconProps>;
}

export const colorSchemeChoices: readonly ColorSchemeChoice[] = [
  { value: 'light', label: 'Light', Icon: IconSun },
  { value: 'dark', label: 'Dark', Icon: IconMoon },
  { value: 'auto', label: 'Follow the system', Icon: IconContrast },
];

/**
 * `value` and `onChange` for a SegmentedControl over colorSchemeChoices. Mantine's colour-scheme
 * manager stores the choice (in localStorage), so every control bound this way agrees.
 */
export function useColorSchemeControl(): { value: MantineColorScheme; onChange: (value: string) => void } {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return {
    value: colorScheme,
    // SegmentedControl only ever reports one of the values it was given, i.e. a MantineColorScheme.
    onChange: (value) => setColorScheme(value as MantineColorScheme),
  };
}
