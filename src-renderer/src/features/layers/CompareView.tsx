import {
  ActionIcon,
  Autocomplete,
  Button,
  Group,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { type FormEvent, useMemo, useState } from 'react';
import { useApp } from '../../store/context.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { IconTransfer } from '../../ui/icons.js';
import { DiffResult } from './DiffResult.js';
import { type ImageSelector, imageLabel, localImage, remoteImage, repositoryPart } from './image-key.js';
import { TaskBars } from './TaskBars.js';

/** How many local images the name box suggests at once. */
const SUGGESTIONS = 50;

/**
 * "Compare with…": another registry reference or a local image, which way round (from this one
 * to the other, or back), then what differs — files added, removed and changed, and folders by
 * how much they grew.
 */
export function CompareView({ imageKey, selector }: { imageKey: string; selector: ImageSelector }) {
  const diff = useApp((s) => s.layerDiffs[imageKey]);
  const images = useApp((s) => s.images);
  const activeEngineId = useApp((s) => s.activeEngineId);
  const compareImages = useApp((s) => s.compareImages);
  const cancelCompare = useApp((s) => s.cancelCompare);
  const [source, setSource] = useState<ImageSelector['source']>(selector.source);
  const [reference, setReference] = useState(() =>
    selector.source === 'remote' ? `${repositoryPart(selector.reference)}:` : '',
  );
  const [thisFirst, setThisFirst] = useState(true);
  const localNames = useMemo(
    () => [...new Set(images.flatMap((image) => (image.repoTags.length > 0 ? image.repoTags : [image.id])))],
    [images],
  );

  const other = reference.trim();
  const ready = other !== '' && !(source === 'remote' && other.endsWith(':'));
  const thisLabel = imageLabel(selector);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    const otherImage = source === 'remote' ? remoteImage(other) : localImage(other, activeEngineId);
    const [a, b] = thisFirst ? [selector, otherImage] : [otherImage, selector];
    void compareImages(imageKey, a, b);
  };

  return (
    <Stack gap="xs" style={{ flex: 1, minHeight: 0 }} data-testid="compare-view">
      <form onSubmit={submit}>
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <SegmentedControl
            size="xs"
            value={source}
            onChange={(value) => setSource(value as ImageSelector['source'])}
            data={[
              { value: 'remote', label: 'Registry' },
              { value: 'local', label: 'Local image' },
            ]}
            data-testid="compare-source"
          />
          {source === 'remote' ? (
            <TextInput
              style={{ flex: 1 }}
              value={reference}
              onChange={(event) => setReference(event.currentTarget.value)}
              placeholder="registry/repository:tag"
              aria-label="Image to compare with"
              data-testid="compare-reference"
            />
          ) : (
            <Autocomplete
              style={{ flex: 1 }}
              size="xs"
              value={reference}
              onChange={setReference}
              data={localNames}
              limit={SUGGESTIONS}
              placeholder="image name or id"
              aria-label="Local image to compare with"
              data-testid="compare-local"
            />
          )}
          <Button type="submit" disabled={!ready} data-testid="compare-submit">
            Compare
          </Button>
        </Group>
      </form>
      <Group gap={6} wrap="nowrap">
        <Text fz="xs" c="dimmed" truncate="end" data-testid="compare-direction" data-this-first={thisFirst}>
          From <b>{thisFirst ? thisLabel : other || 'the other image'}</b> to{' '}
          <b>{thisFirst ? other || 'the other image' : thisLabel}</b>
        </Text>
        <Tooltip label="Swap: compare the other way round">
          <ActionIcon
            size="sm"
            variant="subtle"
            color="gray"
            aria-label="Swap"
            onClick={() => setThisFirst((value) => !value)}
            data-testid="compare-swap"
          >
            <IconTransfer size={14} />
          </ActionIcon>
        </Tooltip>
      </Group>
      {diff?.result.state === 'loading' && (
        <TaskBars
          taskId={diff.taskId}
          onCancel={() => void cancelCompare(imageKey)}
          testId="compare-progress"
        />
      )}
      {diff?.result.state === 'failed' && diff.result.error.code !== 'CANCELLED' && (
        <ErrorAlert error={diff.result.error} testId="compare-error" />
      )}
      {diff?.result.state === 'ready' && <DiffResult key={diff.taskId} diff={diff.result.value} />}
      {!diff && (
        <Text fz="sm" c="dimmed">
          Pick another tag or a local image: both are read (without pulling), then their files are compared
          path by path.
        </Text>
      )}
    </Stack>
  );
}
