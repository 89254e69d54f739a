import type { ComponentType } from 'react';
import { ImagesView } from '../features/images/ImagesView.js';
import { SettingsView } from '../features/settings/SettingsView.js';
import { IconLayers, IconSettings } from '../ui/icons.js';

/** The left navigation, in order. A new area is one entry here and a view in its feature folder. */
export interface NavItem {
  id: string;
  label: string;
  Icon: ComponentType<{ size?: number }>;
  View: ComponentType;
  /** Kept at the bottom of the list, where desktop apps put their settings. */
  atEnd?: boolean;
}

export const navItems: readonly NavItem[] = [
  { id: 'images', label: 'Local Images', Icon: IconLayers, View: ImagesView },
  { id: 'settings', label: 'Settings', Icon: IconSettings, View: SettingsView, atEnd: true },
];
