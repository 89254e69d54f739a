/** Which registry a push dialog starts on. Pure: the unit tests pin it down. */

import { DOCKER_HUB_DOMAIN, parseReference } from '../../../../src-main/core/reference/index.js';
import type { RegistrySummary } from '../../../../src-main/core/registry/types.js';

/**
 * The registry the user dropped the image on; else the one the image is named after
 * (`127.0.0.1:5000/app` → that registry) when Stevedore knows it; else where the last push went;
 * else Docker Hub.
 */
export function pushStartHost(
  dropped: string | undefined,
  sourceRef: string | undefined,
  registries: readonly RegistrySummary[],
  lastPushHost: string | undefined,
): string {
  if (dropped) return dropped;
  const known = (host: string | undefined) =>
    host !== undefined && registries.some((registry) => registry.host === host) ? host : undefined;
  let named: string | undefined;
  try {
    named = sourceRef ? parseReference(sourceRef).domain : undefined;
  } catch {
    named = undefined;
  }
  const own = named === DOCKER_HUB_DOMAIN ? undefined : known(named);
  return own ?? known(lastPushHost) ?? DOCKER_HUB_DOMAIN;
}
