import { ContentCache, contentCacheDir } from '../cache/index.js';
import { credentialStores } from '../credentials/index.js';
import type { SecretCipher } from '../credentials/types.js';
import { openAppSettings } from '../settings/open.js';
import type { AppSettings } from '../settings/schema.js';
import type { SettingsStore } from '../settings/store.js';
import { RegistrySession } from './session.js';

export interface OpenRegistrySessionOptions {
  env: NodeJS.ProcessEnv;
  /** Shared with the engine session in the app; opened here for the CLI. */
  settings?: SettingsStore<AppSettings>;
  configDir?: string;
  /** The OS keychain (Electron's safeStorage); without it, logins go to the docker config. */
  cipher?: SecretCipher;
}

export async function openRegistrySession(opts: OpenRegistrySessionOptions): Promise<RegistrySession> {
  const settings = opts.settings ?? (await openAppSettings(opts.env, opts.configDir));
  const stores = credentialStores({
    env: opts.env,
    ...(opts.cipher ? { cipher: opts.cipher } : {}),
    ...(opts.configDir ? { configDir: opts.configDir } : {}),
  });
  // The cache only saves round trips: a folder we cannot use means no cache, not a failure.
  const cache = await ContentCache.open(contentCacheDir(opts.env)).catch(() => undefined);
  return new RegistrySession({ settings, stores, ...(cache ? { cache } : {}) });
}
