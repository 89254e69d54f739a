import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { appRoot } from '../app-paths.js';
import type { Command, CommandIo } from '../command.js';
import { serveCommand } from './serve.js';

export const openCommand: Command = {
  usage: [
    'Usage: stevedore open [--port N]',
    '',
    'Starts the Electron app. When the Electron binary is missing, serves the app to a',
    'browser instead, as `stevedore serve` does; --port applies then.',
  ].join('\n'),
  options: { port: { type: 'string' } },
  async run(values, io) {
    const electron = electronBinary(io.env);
    if (!electron) {
      io.stderr.write(
        'Electron binary not found (it is downloaded from GitHub, unreachable here); starting browser mode instead.\n',
      );
      return serveCommand.run(values, io, []);
    }
    return runElectron(electron, io);
  },
};

/**
 * Where the electron package's binary is, if it was downloaded. The package's own entry point
 * (`require('electron')` → the path) is not used: when the binary is missing it tries to download it.
 */
function electronBinary(env: NodeJS.ProcessEnv): string | undefined {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const executable = readFileSync(pathFile, 'utf8').trim();
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const binary = join(dist, executable);
  return existsSync(binary) ? binary : undefined;
}

function runElectron(binary: string, io: CommandIo): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(binary, [appRoot()], { stdio: 'inherit', env: io.env });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const done = (code: number) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code);
    };
    child.on('error', (error) => {
      io.stderr.write(`stevedore: could not start Electron: ${error.message}\n`);
      done(1);
    });
    child.on('exit', (code) => done(code ?? 1));
  });
}
