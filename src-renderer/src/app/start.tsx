import type { Root } from 'react-dom/client';
import { type Client, createClient } from '../../../src-main/ipc/client.js';
import { errorShape } from '../lib/errors.js';
import { createAppStore } from '../store/create-app-store.js';
import { connectBridge } from '../transport/index.js';
import { App, Providers } from './App.js';
import { BackendUnavailable } from './BackendUnavailable.js';
import { subscribeToEvents } from './subscribe-events.js';

/** Connects to the main process, then renders the app and asks for what the first screen needs. */
export async function start(root: Root): Promise<void> {
  let client: Client;
  try {
    client = createClient(await connectBridge());
  } catch (error) {
    root.render(
      <Providers>
        <BackendUnavailable error={errorShape(error)} onRetry={() => void start(root)} />
      </Providers>,
    );
    return;
  }
  const store = createAppStore(client);
  subscribeToEvents(client, store);
  root.render(<App store={store} />);
  const state = store.getState();
  await Promise.all([state.loadEngines(), state.checkEngine(), state.loadTasks()]);
}
