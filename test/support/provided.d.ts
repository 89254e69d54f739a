import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** DOCKER_HOST of the run's private dockerd: `unix:///…/docker.sock`. */
    dockerHost: string;
    /** The run's registry: `127.0.0.1:PORT`, plain HTTP. */
    registryHost: string;
  }
}
