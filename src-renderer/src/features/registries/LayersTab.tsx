import type { ImageInspection } from '../../../../src-main/core/registry/types.js';
import { ImageLayersView } from '../layers/ImageLayersView.js';
import { remoteImage } from '../layers/image-key.js';
import { platformName } from './PlatformChips.js';

/**
 * The tag's Layers tab: the Layers view of the manifest on screen (for an index, the platform
 * chosen in the overview), read from the registry without pulling.
 */
export function LayersTab({ reference, inspection }: { reference: string; inspection: ImageInspection }) {
  const platform =
    inspection.platforms.length > 0 && inspection.platform ? platformName(inspection.platform) : undefined;
  return <ImageLayersView selector={remoteImage(reference, platform)} />;
}
