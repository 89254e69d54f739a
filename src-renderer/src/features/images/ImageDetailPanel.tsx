import { Box, Button, CloseButton, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { shortId } from '../../lib/format.js';
import { useApp } from '../../store/context.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { IconTag, IconTrash } from '../../ui/icons.js';
import { LocalLayersButton } from '../layers/LocalLayersButton.js';
import { ImageFacts } from './ImageFacts.js';
import { ImageHistory } from './ImageHistory.js';
import { imageRows } from './image-rows.js';

const border = '1px solid var(--mantine-color-default-border)';

/** The right-hand panel: everything about one image (`images.inspect` and `images.history`). */
export function ImageDetailPanel({ imageId }: { imageId: string }) {
  const detail = useApp((s) => (s.detail?.imageId === imageId ? s.detail : undefined));
  const images = useApp((s) => s.images);
  const openDialog = useApp((s) => s.openDialog);
  const closeDetail = useApp((s) => s.closeDetail);
  const summary = useMemo(() => images.find((image) => image.id === imageId), [images, imageId]);
  const title = summary?.repoTags[0] ?? shortId(imageId);

  // Removing "this image" means all its tags: the image goes with the last one.
  const remove = () => openDialog({ kind: 'remove', rows: summary ? imageRows([summary]) : [] });
  const tag = () => openDialog({ kind: 'tag', imageId, label: title });

  return (
    <Box
      component="aside"
      aria-label="Image details"
      data-testid="image-detail"
      data-image-id={imageId}
      style={{
        width: 420,
        flexShrink: 0,
        borderLeft: border,
        display: 'flex',
        flexDirection: 'column',
        minHeight: 0,
      }}
    >
      <Group px="sm" py={8} gap="xs" wrap="nowrap" style={{ borderBottom: border }}>
        <Title order={3} fz="sm" fw={600} style={{ flex: 1, minWidth: 0 }}>
          <Text inherit truncate="end" title={title}>
            {title}
          </Text>
        </Title>
        <LocalLayersButton imageId={imageId} title={title} />
        <Button
          size="compact-xs"
          variant="default"
          leftSection={<IconTag size={12} />}
          onClick={tag}
          data-testid="detail-tag"
        >
          Tag…
        </Button>
        <Button
          size="compact-xs"
          variant="default"
          leftSection={<IconTrash size={12} />}
          onClick={remove}
          disabled={!summary}
          data-testid="detail-remove"
        >
          Remove
        </Button>
        <CloseButton size="sm" aria-label="Close details" onClick={closeDetail} data-testid="detail-close" />
      </Group>
      <Box style={{ flex: 1, minHeight: 0, overflow: 'auto' }} p="sm">
        {detail?.state === 'error' && detail.error && (
          <ErrorAlert error={detail.error} testId="detail-error" />
        )}
        {!detail?.inspect && detail?.state !== 'error' && <Loader size="sm" m="md" />}
        {detail?.inspect && (
          <Stack gap="md">
            <ImageFacts image={detail.inspect} />
            {detail.history && (
              <Stack gap={4}>
                <Text fz="xs" fw={600} c="dimmed" tt="uppercase">
                  History
                </Text>
                <ImageHistory entries={detail.history} />
              </Stack>
            )}
          </Stack>
        )}
      </Box>
    </Box>
  );
}
