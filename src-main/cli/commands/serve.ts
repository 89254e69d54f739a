import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StevedoreError } from '../../core/errors.js';
import { createApp } from '../../ipc/app.js';
import { startWebServer, type WebServer } from '../../ipc/websocket-server.js';
import { rendererDir } from '../app-paths.js';
import type { Command } from '../command.js';
import { UsageError } from '../usage-error.js';

export const serveCommand: Command = {
  usage: [
    'Usage: stevedore serve [--port N]',
    '',
    'Prints the address to open; it carries a secret token that is new on every run.',
    'Options:',
    '  --port N  the port to listen on (default: any free port)',
  ].join('\n'),
  options: { port: { type: 'string' } },
  async run(values, io) {
    const port = parsePort(values.port as string | undefined);
    const renderer = rendererDir();
    if (!existsSync(join(renderer, 'index.html'))) {
      throw new StevedoreError(
        'NOT_BUILT',
        `The app is not built (no ${renderer}/index.html): run \`npm run build\` first`,
      );
    }
    // Listening before the URL is printed: whoever reads it may signal at once.
    const stop = watchStopSignals();
    try {
      const app = await createApp({ env: io.env, transport: 'websocket' });
      let server: WebServer;
      try {
        server = await startWebServer({ app, rendererDir: renderer, port });
      } catch (error) {
        await app.close();
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          throw new StevedoreError(
            'PORT_IN_USE',
            `Port ${port} is in use: choose another with --port, or 0 for any`,
          );
        }
        throw error;
      }
      io.stdout.write(`Stevedore is serving on ${server.url}\n`);
      io.stderr.write('Open that address in a browser on this machine. Press Ctrl+C to stop.\n');
      await stop.received;
      await server.close();
      await app.close();
    } finally {
      stop.dispose();
    }
    return 0;
  },
};

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) {
    throw new UsageError(`--port must be a number from 0 to 65535, not "${text}"`);
  }
  return port;
}

/** SIGINT (Ctrl+C) or SIGTERM, once: the server then closes and the process ends on its own. */
function watchStopSignals(): { received: Promise<void>; dispose(): void } {
  let onSignal = () => {};
  const received = new Promise<void>((resolve) => {
    onSignal = () => resolve();
  });
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    received,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
