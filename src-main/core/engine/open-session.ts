import { openAppSettings } from '../settings/open.js';
import type { AppSettings } from '../settings/schema.js';
import type { SettingsStore } from '../settings/store.js';
import { EngineSession } from './session.js';

/** The settings file and the engine session over it: all the CLI needs, and the base of the app. */
export async function openEngineSession(
  env: NodeJS.ProcessEnv,
  configDir?: string,
): Promise<{ settings: SettingsStore<AppSettings>; session: EngineSession }> {
  const settings = await openAppSettings(env, configDir);
  return { settings, session: new EngineSession({ env, settings }) };
}
