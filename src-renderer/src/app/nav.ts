import type { ComponentType } from 'react';
import { ImagesView } from '../features/images/ImagesView.js';
import { RegistriesNav } from '../features/registries/RegistriesNav.js';
import { RegistriesView } from '../features/registries/RegistriesView.js';
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
  /**
   * Drawn in place of the single link when an area has entries of its own (one per registry):
   * `active` says the area is on screen, `onOpen` brings it there.
   */
  Section?: ComponentType<{ active: boolean; onOpen: () => void }>;
}

export const navItems: readonly NavItem[] = [
  { id: 'images', label: 'Local Images', Icon: IconLayers, View: ImagesView },
  { id: 'registries', label: 'Registries', Icon: IconLayers, View: RegistriesView, Section: RegistriesNav },
  { id: 'settings', label: 'Settings', Icon: IconSettings, View: SettingsView, atEnd: true },
];
