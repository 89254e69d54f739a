import { Badge, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import type { TaskSnapshot, TaskState } from '../../../../src-main/core/tasks/types.js';
import { formatBytes, formatRelativeTime } from '../../lib/format.js';
import { useApp } from '../../store/context.js';
import { errorTitle } from '../../ui/error-title.js';

const stateColor: Record<TaskState, string> = {
  running: 'blue',
  succeeded: 'teal',
  failed: 'red',
  cancelled: 'gray',
};

function amount(task: TaskSnapshot): string {
  const { current, total, unit } = task.progress;
  const show = unit === 'bytes' ? formatBytes : (n: number) => n.toLocaleString('en');
  return total === undefined ? show(current) : `${show(current)} / ${show(total)}`;
}

/** One task: title, state, a progress bar (striped while the total is unknown), Cancel while it runs. */
export function TaskItem({ task }: { task: TaskSnapshot }) {
  const cancelTask = useApp((s) => s.cancelTask);
  const { current, total, message } = task.progress;
  const running = task.state === 'running';
  const percent = total ? Math.min(100, (current / total) * 100) : 100;
  return (
    <Paper withBorder p="xs" data-testid="task-item" data-task-id={task.id} data-state={task.state}>
      <Stack gap={6}>
        <Group gap="xs" wrap="nowrap" justify="space-between">
          <Text size="sm" fw={500} truncate="end" title={task.title}>
            {task.title}
          </Text>
          <Badge size="xs" variant="light" color={stateColor[task.state]}>
            {task.state}
          </Badge>
        </Group>
        <Progress
          size="sm"
          value={percent}
          color={stateColor[task.state]}
          striped={running && !total}
          animated={running && !total}
          aria-label={`${task.title} progress`}
        />
        <Group gap="xs" wrap="nowrap" justify="space-between">
          <Text size="xs" c="dimmed" truncate="end">
            {message ?? amount(task)} · {formatRelativeTime(task.startedAt)}
          </Text>
          {running && (
            <Button
              size="compact-xs"
              variant="default"
              onClick={() => void cancelTask(task.id)}
              data-testid="task-cancel"
            >
              Cancel
            </Button>
          )}
        </Group>
        {task.error && task.state === 'failed' && (
          <Text size="xs" c="red" data-testid="task-error" data-code={task.error.code}>
            {errorTitle(task.error.code)}: {task.error.message}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
