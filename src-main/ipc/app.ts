import { openEngineSession } from '../core/engine/open-session.js';
import type { EngineSession } from '../core/engine/session.js';
import type { AppSettings } from '../core/settings/schema.js';
import type { SettingsStore } from '../core/settings/store.js';
import { TaskRunner } from '../core/tasks/runner.js';
import type { AppInfo } from './contract.js';
import { createDispatch, type Dispatch } from './dispatch.js';
import { EventHub } from './event-hub.js';
import { createHandlers } from './handlers.js';

export interface AppOptions {
  env: NodeJS.ProcessEnv;
  /** Where settings.json lives; defaults to the platform's config folder (or STEVEDORE_CONFIG_DIR). */
  configDir?: string;
  transport: AppInfo['transport'];
}

/** Everything a transport needs: one dispatch for calls, one hub for events. */
export interface App {
  dispatch: Dispatch;
  hub: EventHub;
  tasks: TaskRunner;
  session: EngineSession;
  settings: SettingsStore<AppSettings>;
  /** Cancels running tasks and stops watching the engine. */
  close(): Promise<void>;
}

export async function createApp({ env, configDir, transport }: AppOptions): Promise<App> {
  const { settings, session } = await openEngineSession(env, configDir);
  const tasks = new TaskRunner();
  const hub = new EventHub();
  const dispatch = createDispatch(createHandlers({ session, tasks, transport }), tasks);

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
      await session.close();
    })();
    return closing;
  };
  return { dispatch, hub, tasks, session, settings, close };
}
