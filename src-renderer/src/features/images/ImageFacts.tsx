import { DataList, Text } from '@mantine/core';
import type { ImageDetail } from '../../../../src-main/core/engine/types.js';
import { formatBytes, formatExactTime, formatRelativeTime } from '../../lib/format.js';
import { CopyableMono, Dim, Item, Lines, Mono } from '../../ui/DetailParts.js';
import { RunConfigItems } from '../../ui/RunConfigItems.js';

/** What `docker inspect` says about an image, in the order people look for it. */
export function ImageFacts({ image }: { image: ImageDetail }) {
  const platform = [image.os, image.architecture, image.variant].filter(Boolean).join('/');
  return (
    <DataList size="xs" gap={6} labelWidth={92} data-testid="image-facts">
      <Item label="Image ID">
        <CopyableMono value={image.id} copy="Copy image ID" testId="detail-copy-id" />
      </Item>
      <Item label="Tags">
        <Lines values={image.repoTags} empty="none (dangling)" />
      </Item>
      <Item label="Digests">
        <Lines values={image.repoDigests} empty="none (never pushed or pulled)" copy="Copy digest" />
      </Item>
      <Item label="Size">
        <Text fz="xs" title={`${image.size.toLocaleString('en')} bytes`}>
          {formatBytes(image.size)}
        </Text>
      </Item>
      <Item label="Created">
        <Text fz="xs">
          {formatRelativeTime(image.created)} <Dim>{formatExactTime(image.created)}</Dim>
        </Text>
      </Item>
      <Item label="Platform">
        <Mono>{platform || '—'}</Mono>
      </Item>
      <RunConfigItems config={image} />
      <Item label="Layers">
        <Text fz="xs">{image.layers.length}</Text>
      </Item>
    </DataList>
  );
}
