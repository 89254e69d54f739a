import type Dockerode from 'dockerode';
import { parseReference } from '../reference/index.js';
import type { RegistryClient } from '../registry/client/registry-client.js';
import type { LayeredImage } from './image.js';
import type { ListingCache } from './listing-cache.js';
import { openLocalImage } from './local-image.js';
import { openRemoteImage } from './remote-image.js';
import type { ImageSelector } from './views.js';

/** Where images come from: the app's sessions, or the CLI's. */
export interface ImageSources {
  /** The client for a registry host (logins and TLS settings as the session has them). */
  registry(domain: string): RegistryClient;
  /** An engine by id, name or URL; undefined is the active one. */
  engine(engineId: string | undefined): Promise<Dockerode>;
  listings?: ListingCache | undefined;
}

/**
 * The image a selector names: a registry's (for an index, the selector's platform) or an
 * engine's. A local image is what the engine has; its platform is its own, so `platform` is not
 * asked for it.
 */
export async function openSelectedImage(
  selector: ImageSelector,
  sources: ImageSources,
  signal?: AbortSignal,
): Promise<LayeredImage> {
  const listings = sources.listings ? { listings: sources.listings } : {};
  if (selector.source === 'local') {
    return openLocalImage(await sources.engine(selector.engineId), selector.reference, listings);
  }
  const ref = parseReference(selector.reference);
  return openRemoteImage(sources.registry(ref.domain), ref, {
    ...listings,
    ...(selector.platform === undefined ? {} : { platform: selector.platform }),
    ...(signal ? { signal } : {}),
  });
}

/** One key per image a selector names, whatever the spelling of an absent field. */
export function selectorKey(selector: ImageSelector): string {
  return JSON.stringify([
    selector.source,
    selector.source === 'local' ? (selector.engineId ?? '') : '',
    selector.source === 'remote' ? (selector.platform ?? '') : '',
    selector.reference.trim(),
  ]);
}
