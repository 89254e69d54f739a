import {
  type AppSettings,
  appSettingsFile,
  appSettingsSchema,
  defaultAppSettings,
} from '../settings/schema.js';
import { appConfigDir, SettingsStore } from '../settings/store.js';
import { EngineSession } from './session.js';

/** The settings file and the engine session over it: all the CLI needs, and the base of the app. */
export async function openEngineSession(
  env: NodeJS.ProcessEnv,
  configDir = appConfigDir(env),
): Promise<{ settings: SettingsStore<AppSettings>; session: EngineSession }> {
  const settings = await SettingsStore.open(
    appSettingsFile(configDir),
    appSettingsSchema,
    defaultAppSettings,
  );
  if (settings.movedAside) {
    console.warn(`stevedore: settings were unreadable and moved to ${settings.movedAside}; using defaults`);
  }
  return { settings, session: new EngineSession({ env, settings }) };
}
