import { type AppSettings, appSettingsFile, appSettingsSchema, defaultAppSettings } from './schema.js';
import { appConfigDir, SettingsStore } from './store.js';

/** settings.json of this user (or of `configDir`); an unreadable file is moved aside with a warning. */
export async function openAppSettings(
  env: NodeJS.ProcessEnv,
  configDir = appConfigDir(env),
): Promise<SettingsStore<AppSettings>> {
  const settings = await SettingsStore.open(
    appSettingsFile(configDir),
    appSettingsSchema,
    defaultAppSettings,
  );
  if (settings.movedAside) {
    console.warn(`stevedore: settings were unreadable and moved to ${settings.movedAside}; using defaults`);
  }
  return settings;
}
