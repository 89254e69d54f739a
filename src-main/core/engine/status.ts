import type Dockerode from 'dockerode';
import { withDeadline } from './deadline.js';
import { type EngineError, toEngineError } from './errors.js';
import type { EngineEndpoint, EngineStatus } from './types.js';

const STATUS_MS = 10_000;

/** dockerode 5 takes an abort signal for ping and version; @types/dockerode 4 does not say so. */
interface AbortableClient {
  ping(opts: { abortSignal: AbortSignal }): Promise<unknown>;
  version(opts: { abortSignal: AbortSignal }): Promise<Dockerode.DockerVersion>;
}

/** Pings the engine and reads its version; never throws: an unreachable engine is a status too. */
export async function engineStatus(endpoint: EngineEndpoint, docker: Dockerode): Promise<EngineStatus> {
  const client = docker as unknown as AbortableClient;
  try {
    const version = await withDeadline(STATUS_MS, `Reaching ${endpoint.url}`, async (abortSignal) => {
      await client.ping({ abortSignal });
      return client.version({ abortSignal });
    });
    return {
      endpoint,
      reachable: true,
      version: version.Version,
      apiVersion: version.ApiVersion,
      os: version.Os,
      arch: version.Arch,
    };
  } catch (error) {
    return unreachableStatus(endpoint, toEngineError(error, endpoint));
  }
}

/** The status of an engine we could not talk to, with a hint on what was tried and what to do. */
export function unreachableStatus(endpoint: EngineEndpoint, error: EngineError): EngineStatus {
  return {
    endpoint,
    reachable: false,
    error: { code: error.code, message: error.message, hint: fixFor(endpoint, error) },
  };
}

/** How to fix it, in one sentence. What was tried is the status's endpoint: UIs show it from there. */
function fixFor(endpoint: EngineEndpoint, error: EngineError): string {
  switch (error.code) {
    case 'PERMISSION_DENIED':
      return endpoint.url.startsWith('ssh://')
        ? 'Check the user name and load your key into ssh-agent (ssh-add).'
        : 'Add your user to the docker group (sudo usermod -aG docker $USER, then log in again), or use a rootless engine.';
    case 'TLS_ERROR':
      return endpoint.tlsCertPath
        ? `Check ca.pem, cert.pem and key.pem in ${endpoint.tlsCertPath}, and whether the engine expects TLS.`
        : 'Give the engine its certificates (DOCKER_CERT_PATH and DOCKER_TLS_VERIFY, or a context with TLS).';
    case 'TIMEOUT':
      return 'The engine did not answer in time: check the host, the network and any firewall between them.';
    case 'ENGINE_UNREACHABLE':
      return startHint(endpoint);
    default:
      return 'The engine answered with an error: see the message above.';
  }
}

function startHint(endpoint: EngineEndpoint): string {
  switch (endpoint.source) {
    case 'env':
      return 'Start that engine, or correct or unset DOCKER_HOST.';
    case 'context':
      return `Start that engine, or choose another engine (docker context use <name> changes the CLI's choice).`;
    case 'default':
      return 'Start Docker (systemctl start docker, or open Docker Desktop), or set DOCKER_HOST to your engine.';
    case 'user':
      return 'Start that engine, or correct its URL in Stevedore.';
  }
}
