/**
 * The main window's size, place and maximized state, kept in settings.json between runs.
 * Electron is only a type here: main.ts passes the window and the displays in.
 */
import type { BrowserWindow, Rectangle } from 'electron';
import type { AppSettings } from '../core/settings/schema.js';
import type { SettingsStore } from '../core/settings/store.js';

export type WindowState = NonNullable<AppSettings['window']>;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };

/** How much of the window must be on a screen for the saved place to count. */
const MIN_VISIBLE = { width: 120, height: 60 };
const SAVE_DELAY_MS = 500;

/** The saved state, without its place when that place is on no current screen (a monitor was unplugged). */
export function restorableState(saved: WindowState | undefined, workAreas: Rectangle[]): WindowState {
  if (!saved) return DEFAULT_WINDOW_STATE;
  const { x, y, ...size } = saved;
  if (x === undefined || y === undefined) return size;
  const bounds = { x, y, width: saved.width, height: saved.height };
  return workAreas.some((area) => overlaps(bounds, area)) ? saved : size;
}

function overlaps(window: Rectangle, area: Rectangle): boolean {
  const width = Math.min(window.x + window.width, area.x + area.width) - Math.max(window.x, area.x);
  const height = Math.min(window.y + window.height, area.y + area.height) - Math.max(window.y, area.y);
  return width >= MIN_VISIBLE.width && height >= MIN_VISIBLE.height;
}

/** Saves the state a moment after the user stops moving or resizing, and once more on close. */
export function rememberWindowState(window: BrowserWindow, settings: SettingsStore<AppSettings>): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    if (window.isDestroyed() || window.isMinimized()) return;
    // The normal bounds, so un-maximizing next run gives back the size the user had chosen.
    const { x, y, width, height } = window.getNormalBounds();
    const state: WindowState = { x, y, width, height, maximized: window.isMaximized() };
    settings
      .update((current) => ({ ...current, window: state }))
      .catch((error: unknown) => {
        console.error('Could not save the window state:', error);
      });
  };
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', save);
}
