import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { get as httpsGet } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './ports.js';

/** A real notary-server with its notary-signer (Docker Content Trust), on loopback, TLS by a throwaway CA. */
export interface NotaryServers {
  /** `https://127.0.0.1:PORT`, what DOCKER_CONTENT_TRUST_SERVER says. */
  url: string;
  /** `127.0.0.1:PORT`: the docker config's `tls/<host>/` folder name. */
  host: string;
  /** The CA that signed the server's certificate. */
  caPem: string;
  caFile: string;
  /** Stops the two processes this call started and deletes their files. */
  stop(): Promise<void>;
}

export interface NotaryOptions {
  /** Require bearer tokens from this token service, as Docker Hub's notary does (notary's `auth.token`). */
  token?: { realm: string; service: string; issuer: string; rootCertBundle: string };
}

const READY_MS = 20_000;
const STOP_GRACE_MS = 10_000;
const PORT_ATTEMPTS = 3;

/**
 * Starts notary-signer, waits until its port listens (the server's first request otherwise fails
 * with a 500), then notary-server; memory storage (Debian's notary has no sqlite driver). A server
 * that cannot start throws with its log.
 */
export async function startNotary(opts: NotaryOptions = {}): Promise<NotaryServers> {
  const dir = await mkdtemp(join(tmpdir(), 'stevedore-notary-'));
  try {
    const caPem = await writeCertificates(dir);
    let lastError: unknown;
    for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt += 1) {
      try {
        return await launch(dir, caPem, opts);
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function launch(dir: string, caPem: string, opts: NotaryOptions): Promise<NotaryServers> {
  const [signerPort, serverPort] = [await freePort(), await freePort()];
  const signerConfig = join(dir, `signer-${signerPort}.json`);
  const serverConfig = join(dir, `server-${serverPort}.json`);
  await writeFile(
    signerConfig,
    JSON.stringify({
      server: {
        grpc_addr: `127.0.0.1:${signerPort}`,
        tls_cert_file: 'server.crt',
        tls_key_file: 'server.key',
        client_ca_file: 'ca.crt',
      },
      storage: { backend: 'memory' },
      logging: { level: 'warning' },
    }),
  );
  await writeFile(
    serverConfig,
    JSON.stringify({
      server: {
        http_addr: `127.0.0.1:${serverPort}`,
        tls_cert_file: 'server.crt',
        tls_key_file: 'server.key',
      },
      trust_service: {
        type: 'remote',
        hostname: '127.0.0.1',
        port: String(signerPort),
        key_algorithm: 'ecdsa',
        tls_ca_file: 'ca.crt',
        tls_client_cert: 'server.crt',
        tls_client_key: 'server.key',
      },
      storage: { backend: 'memory' },
      logging: { level: 'warning' },
      ...(opts.token ? { auth: tokenAuth(opts.token) } : {}),
    }),
  );
  const signer = owned('notary-signer', signerConfig, join(dir, 'signer.log'));
  try {
    await Promise.race([waitForPort(signerPort, signer.log), signer.exited]);
    const server = owned('notary-server', serverConfig, join(dir, 'server.log'));
    try {
      const url = `https://127.0.0.1:${serverPort}`;
      await Promise.race([waitForServer(`${url}/v2/`, caPem, server.log), server.exited]);
      return {
        url,
        host: `127.0.0.1:${serverPort}`,
        caPem,
        caFile: join(dir, 'ca.crt'),
        async stop() {
          await server.stop();
          await signer.stop();
          await rm(dir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      await server.stop();
      throw error;
    }
  } catch (error) {
    await signer.stop();
    throw error;
  }
}

/** A CA and one certificate for both processes (server auth, and client auth towards the signer). */
async function writeCertificates(dir: string): Promise<string> {
  const openssl = (args: string) => promisify(execFile)('openssl', args.split(' '), { cwd: dir });
  await openssl('ecparam -name prime256v1 -genkey -noout -out ca.key');
  await openssl(
    'req -x509 -new -key ca.key -days 2 -subj /CN=stevedore-test-notary-ca -out ca.crt ' +
      '-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign',
  );
  await openssl('ecparam -name prime256v1 -genkey -noout -out server.key');
  await openssl('req -new -key server.key -subj /CN=localhost -out server.csr');
  await writeFile(
    join(dir, 'server.ext'),
    'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n',
  );
  await openssl(
    'x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile server.ext -out server.crt',
  );
  return readFile(join(dir, 'ca.crt'), 'utf8');
}

interface OwnedProcess {
  log: string;
  /** Rejects (with the log) if the process ends; only observed while waiting for readiness. */
  exited: Promise<never>;
  stop(): Promise<void>;
}

/** One process in its own group, so stop() ends it and only it. */
function owned(command: string, config: string, log: string): OwnedProcess {
  const fd = openSync(log, 'a');
  let child: ChildProcess;
  try {
    child = spawn(command, ['-config', config], { detached: true, stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  const kill = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const killOnExit = () => kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`${command} could not start: ${error.message}`)));
    child.once('exit', async (code, signal) =>
      reject(new Error(`${command} exited (${signal ?? code}):\n${await tail(log)}`)),
    );
  });
  exited.catch(() => {});
  return {
    log,
    exited,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      kill('SIGTERM');
      const timer = setTimeout(() => kill('SIGKILL'), STOP_GRACE_MS);
      await gone;
      clearTimeout(timer);
    },
  };
}

async function waitForPort(port: number, log: string): Promise<void> {
  const deadline = Date.now() + READY_MS;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`notary-signer did not listen on ${port} within ${READY_MS / 1000} s:\n${await tail(log)}`);
}

function tokenAuth(token: NonNullable<NotaryOptions['token']>) {
  const { realm, service, issuer, rootCertBundle } = token;
  return { type: 'token', options: { realm, service, issuer, rootcertbundle: rootCertBundle } };
}

/** Serving means `GET /v2/` answers over TLS with our CA: 200, or 401 with token auth. */
async function waitForServer(url: string, ca: string, log: string): Promise<void> {
  const deadline = Date.now() + READY_MS;
  while (Date.now() < deadline) {
    const status = await new Promise<number | undefined>((resolve) => {
      const request = httpsGet(url, { ca, timeout: 1000 }, (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      request.once('timeout', () => request.destroy());
      request.once('error', () => resolve(undefined));
    });
    if (status === 200 || status === 401) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`notary-server did not answer GET /v2/ within ${READY_MS / 1000} s:\n${await tail(log)}`);
}

async function tail(file: string): Promise<string> {
  return (await readFile(file, 'utf8').catch(() => '(no log)')).split('\n').slice(-30).join('\n');
}

/**
 * An environment for the docker CLI that signs with Docker Content Trust against `notary`: its own
 * docker config (trust keys land in it) with the notary CA where docker looks for it, and
 * passphrases so nothing prompts.
 */
export async function dockerTrustEnv(
  work: string,
  dockerHost: string,
  notary: NotaryServers,
): Promise<NodeJS.ProcessEnv> {
  const config = join(work, 'docker-config');
  await mkdir(join(config, 'tls', notary.host), { recursive: true });
  await writeFile(join(config, 'tls', notary.host, 'ca.crt'), notary.caPem);
  return {
    PATH: process.env.PATH,
    HOME: work,
    DOCKER_HOST: dockerHost,
    DOCKER_CONFIG: config,
    DOCKER_CONTENT_TRUST: '1',
    DOCKER_CONTENT_TRUST_SERVER: notary.url,
    DOCKER_CONTENT_TRUST_ROOT_PASSPHRASE: 'stevedore-root-passphrase',
    DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE: 'stevedore-repository-passphrase',
  };
}

/** Runs the docker CLI to the end (stdin closed); its stdout, or an error with its stderr. */
export async function docker(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)('docker', args, { env, timeout: 60_000 });
    return stdout;
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`docker ${args.join(' ')} failed: ${stderr?.trim() || message}`);
  }
}
