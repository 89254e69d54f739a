import { Button, Group, Progress, ScrollArea, Stack, Text } from '@mantine/core';
import { formatBytesOf } from '../../lib/format.js';
import { useApp } from '../../store/context.js';
import { IconStop } from '../../ui/icons.js';
import { taskPercent, taskStateColor } from '../tasks/part-progress.js';
import { TaskParts } from '../tasks/TaskParts.js';

/**
 * A scan or comparison as it runs: the overall bar, bytes read, a bar per layer, and Cancel.
 * Until the task's first snapshot arrives the bar is striped.
 */
export function TaskBars({
  taskId,
  onCancel,
  testId,
}: {
  taskId: string | undefined;
  onCancel: () => void;
  testId: string;
}) {
  const task = useApp((s) => (taskId ? s.tasks[taskId] : undefined));
  const speeds = useApp((s) => (taskId ? s.taskSpeeds[taskId] : undefined));
  const total = task?.progress.total;
  const unknown = !task || !total;
  const percent = unknown ? 100 : taskPercent(task);
  const parts = task?.progress.parts ?? [];
  return (
    <Stack gap={6} data-testid={testId} data-task-id={taskId} data-state={task?.state ?? 'starting'}>
      <Group gap="xs" wrap="nowrap">
        <Progress
          style={{ flex: 1 }}
          size="md"
          value={percent}
          color={taskStateColor[task?.state ?? 'running']}
          striped={unknown}
          animated={unknown}
          aria-label="Overall progress"
          data-percent={unknown ? undefined : Math.round(percent)}
        />
        <Button
          variant="default"
          leftSection={<IconStop size={12} />}
          onClick={onCancel}
          disabled={!taskId}
          data-testid={`${testId}-cancel`}
        >
          Cancel
        </Button>
      </Group>
      <Text fz="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {[task?.progress.message, task ? formatBytesOf(task.progress.current, total) : 'Starting…']
          .filter(Boolean)
          .join(' · ')}
      </Text>
      {parts.length > 0 && (
        <ScrollArea.Autosize mah={260} type="auto" offsetScrollbars>
          <TaskParts parts={parts} unit={task?.progress.unit ?? 'bytes'} speeds={speeds} />
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}
