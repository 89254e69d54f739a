import { join } from 'node:path';
import type { SecretCipher } from '../core/credentials/types.js';
import { openEngineSession } from '../core/engine/open-session.js';
import type { EngineSession } from '../core/engine/session.js';
import { ListingCache, layerListingCacheDir } from '../core/layers/listing-cache.js';
import { openRegistrySession } from '../core/registry/open-session.js';
import type { RegistrySession } from '../core/registry/session.js';
import type { AppSettings } from '../core/settings/schema.js';
import type { SettingsStore } from '../core/settings/store.js';
import { appConfigDir } from '../core/settings/store.js';
import { TaskRunner } from '../core/tasks/runner.js';
import { PushHistory, pushHistoryFile } from '../core/transfer/push-history.js';
import { KeyStore } from '../core/trust/keys/key-store.js';
import { FileDctPinStore } from '../core/trust/notary/pin-store.js';
import { TrustSession } from '../core/trust/trust-session.js';
import type { AppInfo } from './contract.js';
import { createDispatch, type Dispatch } from './dispatch.js';
import { EventHub } from './event-hub.js';
import { createHandlers } from './handlers.js';

export interface AppOptions {
  env: NodeJS.ProcessEnv;
  /** Where settings.json lives; defaults to the platform's config folder (or STEVEDORE_CONFIG_DIR). */
  configDir?: string;
  transport: AppInfo['transport'];
  /** The OS keychain for registry logins and signing keys; only the Electron shell has one. */
  cipher?: SecretCipher;
}

/** Everything a transport needs: one dispatch for calls, one hub for events. */
export interface App {
  dispatch: Dispatch;
  hub: EventHub;
  tasks: TaskRunner;
  session: EngineSession;
  registries: RegistrySession;
  settings: SettingsStore<AppSettings>;
  /** Where local images were pushed (push plans and trust badges read it). */
  pushHistory: PushHistory;
  trust: TrustSession;
  /** Cancels running tasks and stops watching the engine. */
  close(): Promise<void>;
}

export async function createApp({ env, configDir, transport, cipher }: AppOptions): Promise<App> {
  const { settings, session } = await openEngineSession(env, configDir);
  const registries = await openRegistrySession({
    env,
    settings,
    ...(configDir ? { configDir } : {}),
    ...(cipher ? { cipher } : {}),
  });
  const dir = configDir ?? appConfigDir(env);
  const pushHistory = await PushHistory.open(pushHistoryFile(dir));
  const trust = new TrustSession({
    env,
    settings,
    registries,
    keys: new KeyStore({ dir: join(dir, 'signing-keys'), ...(cipher ? { cipher } : {}) }),
    pins: new FileDctPinStore(join(dir, 'trust-pins')),
  });
  // Listings only save reading layers again: a folder we cannot use means none, not a failure.
  const layerListings = await ListingCache.open(layerListingCacheDir(env)).catch(() => undefined);
  const tasks = new TaskRunner();
  const hub = new EventHub();
  const dispatch = createDispatch(
    createHandlers({ session, registries, tasks, transport, pushHistory, trust, layerListings }),
    tasks,
  );

  const stopTasks = tasks.onUpdate((snapshot) => hub.emit('task.updated', snapshot));
  const stopWatch = session.watch({
    onImagesChanged: (engineId, event) => hub.emit('images.changed', { engineId, event }),
    onStatus: (status) => hub.emit('engine.status', status),
  });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      tasks.cancelAll();
      stopWatch();
      stopTasks();
      await Promise.all([session.close(), registries.close(), trust.close()]);
    })();
    return closing;
  };
  return { dispatch, hub, tasks, session, registries, settings, pushHistory, trust, close };
}
