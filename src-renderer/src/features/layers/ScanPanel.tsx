import { Button, Stack, Text } from '@mantine/core';
import { useApp } from '../../store/context.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { IconSearch } from '../../ui/icons.js';
import type { ScanState } from './layers-slice.js';
import { TaskBars } from './TaskBars.js';

/**
 * Before the file tree exists: what a scan does and its button; while it runs, a bar per layer
 * and Cancel; after a failure, why and a way to try again. Scanning reads each layer once; its
 * listing is kept on disk, so a second scan of the same layers is immediate.
 */
export function ScanPanel({ imageKey, scan, layers }: { imageKey: string; scan: ScanState; layers: number }) {
  const scanLayers = useApp((s) => s.scanLayers);
  const cancelScan = useApp((s) => s.cancelScan);
  const start = () => void scanLayers(imageKey);

  if (scan.state === 'running')
    return (
      <TaskBars taskId={scan.taskId} onCancel={() => void cancelScan(imageKey)} testId="scan-progress" />
    );

  const cancelled = scan.state === 'failed' && scan.error.code === 'CANCELLED';
  return (
    <Stack gap="xs" align="flex-start" data-testid="scan-panel" data-state={scan.state}>
      {scan.state === 'failed' && !cancelled && (
        <ErrorAlert error={scan.error} testId="scan-error" w="100%" />
      )}
      <Text fz="sm" c="dimmed" maw={520}>
        {cancelled
          ? 'The scan was cancelled. Layers listed before it stopped are kept: scanning again continues from there.'
          : `Scanning reads the files of all ${layers} layers (without pulling the image) to show the file tree, where the bytes are and the space wasted.`}
      </Text>
      <Button
        leftSection={<IconSearch size={14} />}
        onClick={start}
        disabled={layers === 0}
        data-testid="layers-scan"
      >
        {scan.state === 'failed' ? 'Scan again' : 'Scan files'}
      </Button>
    </Stack>
  );
}
