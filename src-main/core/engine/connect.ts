import { existsSync, readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { parseEngineUrl } from './engine-url.js';
import { EngineError } from './errors.js';
import { loadDockerode } from './lazy-dependencies.js';
import type { EngineEndpoint } from './types.js';

/** docker-modem takes an http(s) agent too; @types/dockerode does not list it. */
type ModemOptions = Dockerode.DockerOptions & { agent?: Agent };

const endpointByClient = new WeakMap<Dockerode, EngineEndpoint>();
const DockerClient = loadDockerode();

/**
 * A dockerode client for one endpoint. Nothing is dialled until the first request.
 *
 * tcp:// speaks TLS when certificates are given (tlsCertPath), when tlsVerify is true, or on
 * Docker's TLS port 2376; https:// always does and http:// never. tlsVerify false accepts any
 * server certificate. Unreadable certificates throw EngineError TLS_ERROR.
 */
export function connect(endpoint: EngineEndpoint): Dockerode {
  const options = modemOptions(endpoint);
  const docker = withoutDockerHost(() => new DockerClient(options));
  endpointByClient.set(docker, endpoint);
  return docker;
}

/** The endpoint a client made by connect() talks to, so errors can name it. */
export function endpointOf(docker: Dockerode): EngineEndpoint | undefined {
  return endpointByClient.get(docker);
}

function modemOptions(endpoint: EngineEndpoint): ModemOptions {
  const address = parseEngineUrl(endpoint.url);
  switch (address.kind) {
    case 'unix':
    case 'npipe':
      return { socketPath: address.path };
    case 'ssh':
      return {
        protocol: 'ssh',
        host: address.host,
        port: address.port ?? 22,
        ...(address.username === undefined ? {} : { username: address.username }),
        sshOptions: { agent: process.env.SSH_AUTH_SOCK },
      };
    case 'tcp': {
      const tls =
        address.scheme === 'https' ||
        (address.scheme === 'tcp' &&
          (endpoint.tlsCertPath !== undefined || endpoint.tlsVerify === true || address.port === 2376));
      const port = address.port ?? defaultPort(address.scheme, tls);
      if (!tls) return { protocol: 'http', host: address.host, port };
      return {
        protocol: 'https',
        host: address.host,
        port,
        ...(endpoint.tlsCertPath === undefined ? {} : readCertificates(endpoint.tlsCertPath)),
        ...(endpoint.tlsVerify === false ? { agent: new Agent({ rejectUnauthorized: false }) } : {}),
      };
    }
  }
}

function defaultPort(scheme: 'tcp' | 'http' | 'https', tls: boolean): number {
  if (scheme === 'http') return 80;
  if (scheme === 'https') return 443;
  return tls ? 2376 : 2375;
}

function readCertificates(dir: string): { ca?: Buffer; cert?: Buffer; key?: Buffer } {
  const read = (name: string): Buffer | undefined => {
    const file = join(dir, name);
    if (!existsSync(file)) return undefined;
    try {
      return readFileSync(file);
    } catch (error) {
      throw new EngineError('TLS_ERROR', `Cannot read ${file}: ${(error as Error).message}`, { file });
    }
  };
  const ca = read('ca.pem');
  const cert = read('cert.pem');
  const key = read('key.pem');
  if (!ca && !cert && !key) {
    throw new EngineError('TLS_ERROR', `No ca.pem, cert.pem or key.pem in ${dir}.`, { dir });
  }
  if (Boolean(cert) !== Boolean(key)) {
    throw new EngineError('TLS_ERROR', `${dir} needs both cert.pem and key.pem, or neither.`, { dir });
  }
  return { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
}

/**
 * docker-modem merges DOCKER_HOST from process.env into every client's options, so a client
 * for a context or a user engine would quietly dial DOCKER_HOST instead (and throws outright
 * when DOCKER_HOST is malformed). Hiding it while the client is built keeps each client on
 * its own endpoint. Synchronous, so nothing else can observe the gap.
 */
function withoutDockerHost<T>(build: () => T): T {
  const saved = process.env.DOCKER_HOST;
  if (saved === undefined) return build();
  delete process.env.DOCKER_HOST;
  try {
    return build();
  } finally {
    process.env.DOCKER_HOST = saved;
  }
}
