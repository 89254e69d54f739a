import type { LayeredImage } from '../../src-main/core/layers/index.js';
import { gzip, OCI_LAYER_GZIP, OCI_LAYER_TAR, pushLayeredImage } from './layer-archives.js';

/**
 * Pushes the image the layers tests read: a gzipped `base` layer, a gzipped `app` layer, then a
 * plain-tar `clean` layer, with an ENV step that made no layer between base and app (so history
 * and layers do not line up one to one). Resolves as pushLayeredImage does.
 */
export function pushBaseAppClean(
  registry: string,
  repository: string,
  tag: string,
  tars: { base: Buffer; app: Buffer; clean: Buffer },
): Promise<{ digest: string; configDigest: string }> {
  return pushLayeredImage(
    registry,
    repository,
    tag,
    [
      { blob: gzip(tars.base), mediaType: OCI_LAYER_GZIP, tar: tars.base },
      { blob: gzip(tars.app), mediaType: OCI_LAYER_GZIP, tar: tars.app },
      { blob: tars.clean, mediaType: OCI_LAYER_TAR, tar: tars.clean },
    ],
    BASE_APP_CLEAN_HISTORY,
  );
}

/** The history of pushBaseAppClean's image, step by step. */
export const BASE_APP_CLEAN_HISTORY = [
  { created_by: 'ADD base.tar /' },
  { created_by: 'ENV A=b', empty_layer: true },
  { created_by: 'COPY app /' },
  { created_by: 'RUN clean' },
];

/** Lists the image's layers, aborting as soon as the first bytes arrive: resolves with what it threw. */
export function listingAbortedMidway(image: LayeredImage): Promise<unknown> {
  const controller = new AbortController();
  return image
    .listLayers(undefined, {
      signal: controller.signal,
      onProgress: (part) => {
        if (part.current > 0) controller.abort();
      },
    })
    .catch((caught: unknown) => caught);
}
