import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './ports.js';

export interface Registry {
  /** `127.0.0.1:PORT`, as it appears in image references. */
  host: string;
  /** `http://127.0.0.1:PORT` (`https://` with `tls`). */
  url: string;
  /** Ends the registry and deletes its storage. */
  stop(): Promise<void>;
  /** SIGKILLs the registry, as a crash or a power cut would: no goodbye, storage kept. */
  kill(): Promise<void>;
  /** Starts it again (after kill) on the same port with the same storage and configuration. */
  start(): Promise<void>;
}

export interface RegistryOptions {
  /** Require HTTP basic auth with this one user. */
  htpasswd?: { user: string; password: string };
  /** Require bearer tokens from this token service (the keys of distribution's `auth.token`). */
  token?: { realm: string; service: string; issuer: string; rootCertBundle: string };
  /** Serve HTTPS with this certificate and key instead of plain HTTP. */
  tls?: { certPem: string; keyPem: string };
  /** Turn manifest deletion off, as many registries have it (default: on). */
  deleteDisabled?: boolean;
  /**
   * Keep the storage on a tmpfs of this size (`16m`): a disk that fills up. Needs root (mount);
   * unmounted by stop().
   */
  storageLimit?: string;
}

const READY_MS = 15_000;
const STOP_GRACE_MS = 10_000;
const PORT_ATTEMPTS = 3;

const run = promisify(execFile);

/**
 * A real CNCF distribution registry (`docker-registry serve`) on a free loopback port, with its
 * storage in a temp dir and deletes enabled unless turned off. Plain HTTP: dockerd treats 127.0.0.0/8 as insecure.
 */
export async function startRegistry(opts: RegistryOptions = {}): Promise<Registry> {
  const dir = await mkdtemp(join(tmpdir(), 'stevedore-registry-'));
  const data = join(dir, 'data');
  let mounted = false;
  try {
    await mkdir(data);
    if (opts.storageLimit) {
      await run('mount', ['-t', 'tmpfs', '-o', `size=${opts.storageLimit}`, 'tmpfs', data]);
      mounted = true;
    }
    const auth = opts.htpasswd ? await writeHtpasswd(dir, opts.htpasswd) : tokenAuth(opts.token);
    const tls = opts.tls ? await writeTls(dir, opts.tls) : undefined;
    const settings = { dir, data, auth, tls, deletable: !opts.deleteDisabled };
    // The port is free when freePort() returns but another process may take it first: retry.
    let lastError: unknown;
    for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt += 1) {
      const port = await freePort();
      try {
        const config = await writeConfig(settings, port);
        const launched = await launch(config, port, settings);
        return registryHandle(launched, config, port, settings, () => removeStorage(dir, data, mounted));
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  } catch (error) {
    await removeStorage(dir, data, mounted);
    throw error;
  }
}

interface Settings {
  dir: string;
  data: string;
  auth: object | undefined;
  tls: { certificate: string; key: string; ca: string } | undefined;
  deletable: boolean;
}

/** One running `docker-registry` process. */
interface RegistryProcess {
  /** SIGTERM, then SIGKILL after a grace period; resolves once it exited. */
  stop(): Promise<void>;
  kill(): Promise<void>;
}

function registryHandle(
  first: RegistryProcess,
  config: string,
  port: number,
  settings: Settings,
  removeFiles: () => Promise<void>,
): Registry {
  const host = `127.0.0.1:${port}`;
  let current: RegistryProcess | undefined = first;
  return {
    host,
    url: `${settings.tls ? 'https' : 'http'}://${host}`,
    async stop() {
      await current?.stop();
      current = undefined;
      await removeFiles();
    },
    async kill() {
      await current?.kill();
      current = undefined;
    },
    async start() {
      if (current) throw new Error(`the registry on ${host} is running: kill() it first`);
      current = await launch(config, port, settings);
    },
  };
}

async function removeStorage(dir: string, data: string, mounted: boolean): Promise<void> {
  if (mounted) await run('umount', [data]).catch(() => run('umount', ['-l', data]));
  await rm(dir, { recursive: true, force: true });
}

async function writeHtpasswd(dir: string, credentials: { user: string; password: string }) {
  const { stdout } = await run('htpasswd', ['-Bbn', credentials.user, credentials.password]);
  const path = join(dir, 'htpasswd');
  await writeFile(path, stdout);
  return { htpasswd: { realm: 'stevedore-test', path } };
}

function tokenAuth(token: RegistryOptions['token']) {
  if (!token) return undefined;
  const { realm, service, issuer, rootCertBundle } = token;
  return { token: { realm, service, issuer, rootcertbundle: rootCertBundle } };
}

async function writeTls(dir: string, tls: NonNullable<RegistryOptions['tls']>) {
  const certificate = join(dir, 'tls.crt');
  const key = join(dir, 'tls.key');
  await writeFile(certificate, tls.certPem);
  await writeFile(key, tls.keyPem);
  return { certificate, key, ca: tls.certPem };
}

async function writeConfig(settings: Settings, port: number): Promise<string> {
  const { dir, data, auth, tls, deletable } = settings;
  const config = join(dir, `config-${port}.yml`);
  // YAML is a superset of JSON: no YAML writer needed.
  await writeFile(
    config,
    JSON.stringify({
      version: '0.1',
      log: { level: 'warn' },
      storage: { filesystem: { rootdirectory: data }, delete: { enabled: deletable } },
      http: {
        addr: `127.0.0.1:${port}`,
        // A fixed secret: upload sessions begun before a restart stay valid after it.
        secret: `stevedore-test-${port}`,
        ...(tls ? { tls: { certificate: tls.certificate, key: tls.key } } : {}),
      },
      ...(auth ? { auth } : {}),
    }),
  );
  return config;
}

async function launch(config: string, port: number, settings: Settings): Promise<RegistryProcess> {
  const url = `${settings.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const log = join(settings.dir, 'registry.log');
  const logFd = openSync(log, 'a');
  let child: ChildProcess;
  try {
    child = spawn('docker-registry', ['serve', config], { detached: true, stdio: ['ignore', logFd, logFd] });
  } finally {
    closeSync(logFd);
  }
  const killOnExit = () => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);

  const end = async (signal: NodeJS.Signals) => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    killGroup(child, signal);
    const timer =
      signal === 'SIGKILL' ? undefined : setTimeout(() => killGroup(child, 'SIGKILL'), STOP_GRACE_MS);
    await gone;
    clearTimeout(timer);
  };

  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`docker-registry could not start: ${error.message}`)));
    child.once('exit', async (code, signal) =>
      reject(
        new Error(
          `docker-registry exited (${signal ?? code}):\n${await readFile(log, 'utf8').catch(() => '')}`,
        ),
      ),
    );
  });
  exited.catch(() => {});
  try {
    await Promise.race([waitUntilServing(`${url}/v2/`, log, settings.tls?.ca), exited]);
  } catch (error) {
    await end('SIGTERM');
    throw error;
  }
  return { stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}
/** Serving means GET /v2/ answers: 200 without auth, 401 with it. */
async function waitUntilServing(url: string, log: string, ca?: string): Promise<void> {
  const deadline = Date.now() + READY_MS;
  while (Date.now() < deadline) {
    const status = await statusOf(url, ca).catch(() => undefined);
    if (status === 200 || status === 401) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `docker-registry did not answer GET /v2/ within ${READY_MS / 1000} s:\n${await readFile(log, 'utf8').catch(() => '')}`,
  );
}

/** The status of a GET (fetch cannot be given a CA, so node:http(s)). */
function statusOf(url: string, ca: string | undefined): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const request = url.startsWith('https:')
      ? httpsGet(url, { ca, timeout: 1000 })
      : httpGet(url, { timeout: 1000 });
    request.once('response', (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.once('timeout', () => request.destroy(new Error('timeout')));
    request.once('error', reject);
  });
}
