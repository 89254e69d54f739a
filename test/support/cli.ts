import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** The BUILT command line, as users run it: `npm test` builds before the tests. */
export const CLI = resolve(import.meta.dirname, '..', '..', 'out', 'main', 'cli.js');

/** Fails at once, saying what to do, when the CLI has not been built (CLI tests run the build). */
export function requireBuiltCli(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npx electron-vite build\` first`);
}

/**
 * An environment that sees only the given engine: its own HOME, settings and an empty docker config
 * (no contexts, no currentContext), so the developer's own setup never leaks into a test.
 */
export function isolatedCliEnv(work: string, dockerHost: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: work,
    DOCKER_HOST: dockerHost,
    DOCKER_CONFIG: join(work, 'docker-config'),
    STEVEDORE_CONFIG_DIR: join(work, 'config'),
    TZ: 'UTC',
  };
}

export interface CliResult {
  code: number;
  /** Bytes exactly as printed: `inspect --raw` is checked by hashing them. */
  stdout: Buffer;
  stderr: string;
}

/** Runs the built CLI to the end; `input` goes to its stdin (a pipe, never a TTY). */
export function runCli(args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<CliResult> {
  return new Promise((resolveRun) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { env, encoding: 'buffer', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolveRun({ code, stdout, stderr: stderr.toString('utf8') });
      },
    );
    child.stdin?.end(input);
  });
}

/** Runs the built CLI and fails, with what it printed on stderr, unless it exits 0. */
export async function runCliOk(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const result = await runCli(args, env);
  if (result.code !== 0)
    throw new Error(`stevedore ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result;
}

/** `runCliOk` with `--json` added: the parsed output (any, as JSON.parse gives it: tests pick it apart). */
export async function runCliJson(args: string[], env: NodeJS.ProcessEnv) {
  return JSON.parse((await runCliOk([...args, '--json'], env)).stdout.toString('utf8'));
}

export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  /** The first line each stream printed (rejects if the process exits first). */
  stdout: Promise<string>;
  stderr: Promise<string>;
  exited: Promise<number | null>;
}

/** Starts a long-running command (`serve`, `open`) and hands back its first stdout and stderr lines. */
export function startCli(args: string[], env: NodeJS.ProcessEnv): RunningCli {
  const child = spawn(process.execPath, [CLI, ...args], { env }) as ChildProcessWithoutNullStreams;
  const firstLine = (stream: NodeJS.ReadableStream) =>
    new Promise<string>((resolveLine, reject) => {
      const lines = createInterface({ input: stream });
      lines.once('line', (line) => {
        lines.close();
        resolveLine(line);
      });
      child.once('exit', (code) =>
        reject(new Error(`${args.join(' ')} exited with ${code} before printing`)),
      );
    });
  const stdout = firstLine(child.stdout);
  const stderr = firstLine(child.stderr);
  stdout.catch(() => {});
  stderr.catch(() => {});
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  return { child, stdout, stderr, exited };
}

/** `stevedore serve` on a free port: the URL it printed (token included) and a stop that waits for exit. */
export async function startServe(env: NodeJS.ProcessEnv): Promise<{ url: string; stop(): Promise<void> }> {
  const running = startCli(['serve'], env);
  const line = await running.stdout;
  const url = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(line)?.[1];
  if (!url) {
    running.child.kill('SIGKILL');
    throw new Error(`serve printed no URL: ${line}`);
  }
  return {
    url,
    async stop() {
      running.child.kill('SIGTERM');
      await running.exited;
    },
  };
}
