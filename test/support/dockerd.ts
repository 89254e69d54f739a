import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface Dockerd {
  /** `unix:///tmp/stevedore-dockerd-…/docker.sock`: what DOCKER_HOST would say. */
  host: string;
  /** Stops what startDockerd started (never an engine given by STEVEDORE_TEST_DOCKER_HOST) and deletes its files. */
  stop(): Promise<void>;
  /** Stops the daemon and starts it again on the same socket, with the same images. */
  restart(): Promise<void>;
}

const READY_MS = 30_000;
const STOP_GRACE_MS = 10_000;

/**
 * A private Docker Engine for tests, in its own temp dir (data, exec root, pidfile, socket),
 * with no networking of its own (no bridge, no iptables) and the vfs driver, which needs no
 * kernel features. Runs in its own process group so stop() can end all of it.
 * STEVEDORE_TEST_DOCKER_HOST points the tests at an existing engine instead; it is never stopped.
 */
export async function startDockerd(): Promise<Dockerd> {
  const external = process.env.STEVEDORE_TEST_DOCKER_HOST;
  if (external) {
    return {
      host: external,
      stop: async () => {},
      restart: async () => {
        throw new Error('restart() needs a private dockerd: unset STEVEDORE_TEST_DOCKER_HOST');
      },
    };
  }

  const dir = await mkdtemp(join(tmpdir(), 'stevedore-dockerd-'));
  const socket = join(dir, 'docker.sock');
  const configFile = join(dir, 'daemon.json');
  // An empty config file of our own: /etc/docker/daemon.json must not leak into the tests.
  await writeFile(configFile, '{}\n');
  const args = [
    '--config-file',
    configFile,
    '--data-root',
    join(dir, 'data'),
    '--exec-root',
    join(dir, 'exec'),
    '--pidfile',
    join(dir, 'docker.pid'),
    '-H',
    `unix://${socket}`,
    '--iptables=false',
    '--ip6tables=false',
    '--bridge=none',
    '--storage-driver=vfs',
  ];
  const log = join(dir, 'dockerd.log');

  let daemon: ChildProcess | undefined;
  const killOnExit = () => {
    if (daemon?.pid !== undefined) killGroup(daemon.pid, 'SIGKILL');
  };
  process.once('exit', killOnExit);

  const launch = async () => {
    const logFd = openSync(log, 'a');
    try {
      daemon = spawn('dockerd', args, {
        detached: true,
        stdio: ['ignore', logFd, logFd],
        env: { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/sbin:/sbin` },
      });
    } finally {
      closeSync(logFd);
    }
    const child = daemon;
    const exited = new Promise<never>((_, reject) => {
      child.once('error', (error) => reject(new Error(`dockerd could not start: ${error.message}`)));
      child.once('exit', async (code, signal) =>
        reject(new Error(`dockerd exited (${signal ?? code}) before it answered:\n${await tail(log)}`)),
      );
    });
    exited.catch(() => {}); // only observed while waiting for readiness
    await Promise.race([waitForPing(socket, log), exited]);
  };

  const halt = async () => {
    const child = daemon;
    daemon = undefined;
    if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    killGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child.pid as number, 'SIGKILL'), STOP_GRACE_MS);
    await gone;
    clearTimeout(timer);
    // dockerd puts containerd in a session of its own; it dies with dockerd, but make sure.
    await killLeftoverContainerd(dir);
  };

  try {
    await launch();
  } catch (error) {
    await halt();
    process.removeListener('exit', killOnExit);
    await removeDir(dir);
    throw error;
  }

  return {
    host: `unix://${socket}`,
    async stop() {
      await halt();
      process.removeListener('exit', killOnExit);
      await removeDir(dir);
    },
    async restart() {
      await halt();
      await launch();
    },
  };
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

async function waitForPing(socket: string, log: string): Promise<void> {
  const deadline = Date.now() + READY_MS;
  while (Date.now() < deadline) {
    if (await ping(socket)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`dockerd did not answer GET /_ping within ${READY_MS / 1000} s:\n${await tail(log)}`);
}

function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

async function tail(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).split('\n').slice(-40).join('\n');
  } catch {
    return '(no log)';
  }
}

async function killLeftoverContainerd(dir: string): Promise<void> {
  let pid: number;
  try {
    pid = Number((await readFile(join(dir, 'exec', 'containerd', 'containerd.pid'), 'utf8')).trim());
    // A recycled pid belongs to someone else: only kill it if it still runs our containerd.
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    if (!cmdline.includes(dir)) return;
  } catch {
    return;
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** The daemon bind-mounts its data root; a killed daemon leaves the mount behind. */
async function removeDir(dir: string): Promise<void> {
  const mounts = await readFile('/proc/self/mounts', 'utf8').catch(() => '');
  const inside = mounts
    .split('\n')
    .map((line) => line.split(' ')[1] ?? '')
    .filter((point) => point.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const point of inside) {
    await promisify(execFile)('umount', ['-l', point]).catch(() => {});
  }
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}
