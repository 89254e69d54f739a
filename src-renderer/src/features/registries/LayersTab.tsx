import { Suspense } from 'react';
import type { ImageInspection } from '../../../../src-main/core/registry/types.js';
import { ChunkLoader, lazyNamed } from '../../ui/lazy-view.js';
import { remoteImage } from '../layers/image-key.js';
import { platformName } from './PlatformChips.js';

// The Layers view (tree, treemap, diff) is heavy and never on the first screen: its own chunk.
const ImageLayersView = lazyNamed(() =>
  import('../layers/ImageLayersView.js').then((m) => m.ImageLayersView),
);

/**
 * The tag's Layers tab: the Layers view of the manifest on screen (for an index, the platform
 * chosen in the overview), read from the registry without pulling.
 */
export function LayersTab({ reference, inspection }: { reference: string; inspection: ImageInspection }) {
  const platform =
    inspection.platforms.length > 0 && inspection.platform ? platformName(inspection.platform) : undefined;
  return (
    <Suspense fallback={<ChunkLoader />}>
      <ImageLayersView selector={remoteImage(reference, platform)} />
    </Suspense>
  );
}
