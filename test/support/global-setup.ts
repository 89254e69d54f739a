import type { TestProject } from 'vitest/node';
import { startDockerd } from './dockerd.js';
import { startRegistry } from './registry.js';

/**
 * Starts the real servers the integration and E2E tests talk to, once per run, and stops them
 * after. A server that cannot start fails the run with its reason: tests are never skipped.
 */
export default async function setup({ provide }: TestProject): Promise<() => Promise<void>> {
  const dockerd = await startDockerd();
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  try {
    registry = await startRegistry();
  } catch (error) {
    await dockerd.stop();
    throw error;
  }
  provide('dockerHost', dockerd.host);
  provide('registryHost', registry.host);
  return async () => {
    await registry.stop();
    await dockerd.stop();
  };
}
