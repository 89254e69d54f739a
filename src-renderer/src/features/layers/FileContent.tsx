import { Badge, Button, CloseButton, Group, Loader, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { formatBytes } from '../../lib/format.js';
import { useApp } from '../../store/context.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { IconDownload } from '../../ui/icons.js';
import { FileLines } from './FileLines.js';
import classes from './Layers.module.css';
import { SaveFileRow, SaveOutcome } from './SaveFileRow.js';

/**
 * The file picked in the tree: its first megabyte as text with line numbers (or a hex dump when
 * it is binary), which layer wrote it, and "Save…" to copy the whole file to this computer.
 */
export function FileContent({ imageKey }: { imageKey: string }) {
  const file = useApp((s) => s.layerFiles[imageKey]);
  const closeLayerFile = useApp((s) => s.closeLayerFile);
  const openLayerFile = useApp((s) => s.openLayerFile);
  // The path the Save row is open for: opening another file closes it.
  const [savingPath, setSavingPath] = useState<string>();
  if (!file) return null;
  const view = file.view.state === 'ready' ? file.view.value : undefined;

  return (
    <Stack
      gap={4}
      className={classes.box}
      p={6}
      style={{ flex: 1, minHeight: 0 }}
      data-testid="file-view"
      data-path={file.path}
      data-state={file.view.state}
      data-binary={view ? String(view.binary) : undefined}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          closeLayerFile(imageKey);
        }
      }}
    >
      <Group gap="xs" wrap="nowrap">
        <Text fz="xs" ff="monospace" fw={600} truncate="end" style={{ flex: 1 }} title={`/${file.path}`}>
          /{file.path}
        </Text>
        {view && (
          <Text fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {formatBytes(view.size)} · layer {view.layer + 1}
          </Text>
        )}
        {view?.binary && (
          <Badge size="xs" variant="light" color="gray">
            binary
          </Badge>
        )}
        {view?.truncated && (
          <Badge
            size="xs"
            variant="light"
            color="yellow"
            data-testid="file-truncated"
            title="Only the start of the file is shown: Save… copies all of it"
          >
            start only
          </Badge>
        )}
        <Button
          size="compact-xs"
          variant="default"
          leftSection={<IconDownload size={12} />}
          onClick={() => setSavingPath(file.path)}
          data-testid="file-save"
        >
          Save…
        </Button>
        <CloseButton size="sm" aria-label="Close the file" onClick={() => closeLayerFile(imageKey)} />
      </Group>
      {savingPath === file.path && (
        <SaveFileRow imageKey={imageKey} path={file.path} onDone={() => setSavingPath(undefined)} />
      )}
      <SaveOutcome imageKey={imageKey} />
      {file.view.state === 'loading' && <Loader size="xs" m="xs" />}
      {file.view.state === 'failed' && (
        <ErrorAlert
          error={file.view.error}
          testId="file-error"
          onRetry={() => void openLayerFile(imageKey, file.path)}
        />
      )}
      {view && <FileLines view={view} />}
    </Stack>
  );
}
