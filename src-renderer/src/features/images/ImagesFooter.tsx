import { Group, Text } from '@mantine/core';
import { useMemo } from 'react';
import { formatBytes, formatCount } from '../../lib/format.js';
import { useApp } from '../../store/context.js';
import type { ImageTableRow } from './ImagesTable.js';
import { distinctImageSize, type ImageRow } from './image-rows.js';

/** How many images and how much disk, for everything and for what the filter shows. */
export function ImagesFooter({ data, rows }: { data: ImageRow[]; rows: ImageTableRow[] }) {
  const selectedCount = useApp((s) => s.selection.selected.size);
  const total = useMemo(() => distinctImageSize(data), [data]);
  const shown = useMemo(
    () => (rows.length === data.length ? undefined : distinctImageSize(rows.map((row) => row.original))),
    [rows, data],
  );
  return (
    <Group
      component="footer"
      h={28}
      px="sm"
      gap="lg"
      wrap="nowrap"
      data-testid="images-footer"
      data-count={total.images}
      data-bytes={total.bytes}
      style={{ flexShrink: 0, borderTop: '1px solid var(--mantine-color-default-border)' }}
    >
      <Text size="xs" c="dimmed">
        {formatCount(total.images, 'image')} · {formatBytes(total.bytes)}
      </Text>
      {shown && (
        <Text size="xs" c="dimmed" data-testid="images-footer-shown">
          {rows.length.toLocaleString('en')} of {formatCount(data.length, 'row')} match ·{' '}
          {formatCount(shown.images, 'image')} · {formatBytes(shown.bytes)}
        </Text>
      )}
      {selectedCount > 0 && (
        <Text size="xs" c="dimmed" data-testid="images-footer-selected">
          {formatCount(selectedCount, 'row')} selected
        </Text>
      )}
    </Group>
  );
}
