import { Button, Group, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { formatBytes } from '../../lib/format.js';
import { useApp } from '../../store/context.js';
import { baseName } from './image-key.js';

/** Where a file is saved unless the user says otherwise (main expands the `~`). */
export function defaultDestination(path: string): string {
  return `~/Downloads/${baseName(path) || 'file'}`;
}

/** What became of the last save of this image's file: running, where it went, or why not. */
export function SaveOutcome({ imageKey }: { imageKey: string }) {
  const save = useApp((s) => s.layerSaves[imageKey]);
  const task = useApp((s) => (save?.taskId ? s.tasks[save.taskId] : undefined));
  if (!save) return null;
  const error = save.error ?? task?.error;
  const result =
    task?.state === 'succeeded' ? (task.result as { destination?: string; size?: number }) : undefined;
  const state = save.error ? 'failed' : (task?.state ?? 'running');
  return (
    <Text
      fz="xs"
      c={error ? 'red' : result ? 'teal' : 'dimmed'}
      data-testid="save-outcome"
      data-state={state}
      data-destination={result?.destination}
      truncate="end"
    >
      {error
        ? error.message
        : result
          ? `Saved to ${result.destination ?? save.destination} (${formatBytes(result.size ?? 0)})`
          : `Saving to ${save.destination}…`}
    </Text>
  );
}

/** "Save…" opened: the destination (a path on this computer), Save or Cancel; Enter and Esc work too. */
export function SaveFileRow({
  imageKey,
  path,
  onDone,
}: {
  imageKey: string;
  path: string;
  onDone: () => void;
}) {
  const saveLayerFile = useApp((s) => s.saveLayerFile);
  const [destination, setDestination] = useState(() => defaultDestination(path));
  const save = () => {
    if (destination.trim() === '') return;
    void saveLayerFile(imageKey, path, destination.trim());
    onDone();
  };
  return (
    <Group gap="xs" wrap="nowrap" data-testid="save-row">
      <TextInput
        style={{ flex: 1 }}
        value={destination}
        onChange={(event) => setDestination(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            save();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            onDone();
          }
        }}
        aria-label="Save to"
        data-testid="save-destination"
        data-autofocus
        autoFocus
      />
      <Button onClick={save} disabled={destination.trim() === ''} data-testid="save-submit">
        Save
      </Button>
      <Button variant="default" onClick={onDone}>
        Cancel
      </Button>
    </Group>
  );
}
