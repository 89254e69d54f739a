import type { EngineEndpoint } from '../../../../src-main/core/engine/types.js';

/** Where Stevedore learned about an endpoint, in words, so "what was tried" explains itself. */
export function describeSource(endpoint: EngineEndpoint): string {
  switch (endpoint.source) {
    case 'env':
      return 'from the DOCKER_HOST environment variable';
    case 'default':
      return 'the default socket on this platform';
    case 'context':
      return `from the Docker context “${endpoint.name}”`;
    case 'user':
      return 'an engine you added in Stevedore';
  }
}
