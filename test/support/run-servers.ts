import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { connect } from '../../src-main/core/engine/connect.js';

/**
 * What integration and e2e files start from: the run's dockerd and registry (started by
 * global-setup.ts), a client for that dockerd, and a short id that keeps the file's image and
 * repository names apart from other files' and other runs'.
 */
export function runServers() {
  const dockerHost = inject('dockerHost');
  return {
    dockerHost,
    registry: inject('registryHost'),
    docker: connect({ id: 'env', name: 'DOCKER_HOST', url: dockerHost, source: 'env' }),
    run: randomUUID().slice(0, 8),
  };
}
