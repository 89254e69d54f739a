import { Group, Progress, ScrollArea, Stack, Text } from '@mantine/core';
import type { TaskSnapshot } from '../../../../src-main/core/tasks/types.js';
import { formatBytesOf, formatCount, formatSpeed } from '../../lib/format.js';
import { useApp } from '../../store/context.js';
import { taskPercent, taskStateColor } from '../tasks/part-progress.js';
import { TaskParts } from '../tasks/TaskParts.js';

function partsDone(task: TaskSnapshot): string | undefined {
  const parts = task.progress.parts ?? [];
  if (parts.length === 0) return undefined;
  const done = parts.filter((part) => part.state === 'done' || part.state === 'skipped').length;
  const noun = task.procedure === 'registries.copy' ? 'blob' : 'layer';
  return `${done} of ${formatCount(parts.length, noun)} done`;
}

/** A transfer as it runs: the overall bar with bytes and speed, then one bar per layer. */
export function TransferProgress({ task }: { task: TaskSnapshot }) {
  const speeds = useApp((s) => s.taskSpeeds[task.id]);
  const { current, total } = task.progress;
  const running = task.state === 'running';
  // Before any layer's size is known the bar is striped: moving, amount unknown.
  const unknown = running && !total;
  const percent = unknown ? 100 : taskPercent(task);
  const parts = task.progress.parts ?? [];
  const speed = running ? formatSpeed(speeds?.overall.speed) : '';
  return (
    <Stack gap="xs" data-testid="transfer-progress" data-state={task.state} data-task-id={task.id}>
      <Progress
        size="md"
        value={percent}
        color={taskStateColor[task.state]}
        striped={unknown}
        animated={unknown}
        aria-label="Overall progress"
        data-testid="transfer-overall"
        data-percent={unknown ? undefined : Math.round(percent)}
      />
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Text fz="xs" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {[formatBytesOf(current, total || undefined), partsDone(task)].filter(Boolean).join(' · ')}
        </Text>
        <Text fz="xs" c="dimmed" data-testid="transfer-speed" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {speed}
        </Text>
      </Group>
      {parts.length > 0 && (
        <ScrollArea.Autosize mah={220} type="auto" offsetScrollbars>
          <TaskParts parts={parts} unit={task.progress.unit} speeds={speeds} />
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}
