import { Badge, Button, Group, Paper, Progress, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import type { TaskSnapshot } from '../../../../src-main/core/tasks/types.js';
import { formatBytes, formatRelativeTime, formatSpeed } from '../../lib/format.js';
import { useApp } from '../../store/context.js';
import { errorTitle } from '../../ui/error-title.js';
import { IconChevronDown } from '../../ui/icons.js';
import { registryErrorTitle } from '../registries/registry-errors.js';
import { taskPercent, taskStateColor } from './part-progress.js';
import { TaskParts } from './TaskParts.js';
import { TransferOutcomeLine } from './TransferOutcomeLine.js';
import { transferKind, transferOutcome } from './task-result.js';
import { averageSpeed } from './transfer-speed.js';

function amount(task: TaskSnapshot): string {
  const { current, total, unit } = task.progress;
  const show = unit === 'bytes' ? formatBytes : (n: number) => n.toLocaleString('en');
  return total ? `${show(current)} / ${show(total)}` : show(current);
}

function partNoun(task: TaskSnapshot, count: number): string {
  const kind = transferKind(task.procedure);
  const noun = kind === 'copy' ? 'blob' : kind ? 'layer' : 'item';
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * One task: title, state, a progress bar (striped while the total is unknown), Cancel while it
 * runs; its parts behind a toggle; and, for a finished transfer, what it wrote.
 */
export function TaskItem({ task }: { task: TaskSnapshot }) {
  const cancelTask = useApp((s) => s.cancelTask);
  const speeds = useApp((s) => s.taskSpeeds[task.id]);
  const [showParts, setShowParts] = useState(false);
  const { total, message } = task.progress;
  const parts = task.progress.parts ?? [];
  const running = task.state === 'running';
  const speed = formatSpeed(running ? speeds?.overall.speed : averageSpeed(task));
  const outcome = transferOutcome(task);
  // A transfer's errors are mostly the registry's (UNAUTHORIZED, DENIED…): name them as such.
  const titleOf = transferKind(task.procedure) ? registryErrorTitle : errorTitle;
  const summary = [message ?? amount(task), speed, formatRelativeTime(task.startedAt)].filter(Boolean);

  return (
    <Paper withBorder p="xs" data-testid="task-item" data-task-id={task.id} data-state={task.state}>
      <Stack gap={6}>
        <Group gap="xs" wrap="nowrap" justify="space-between">
          <Text size="sm" fw={500} truncate="end" title={task.title}>
            {task.title}
          </Text>
          <Badge size="xs" variant="light" color={taskStateColor[task.state]} style={{ flexShrink: 0 }}>
            {task.state}
          </Badge>
        </Group>
        <Progress
          size="sm"
          value={running && !total ? 100 : taskPercent(task)}
          color={taskStateColor[task.state]}
          striped={running && !total}
          animated={running && !total}
          aria-label={`${task.title} progress`}
        />
        <Group gap="xs" wrap="nowrap" justify="space-between">
          <Text size="xs" c="dimmed" truncate="end">
            {summary.join(' · ')}
          </Text>
          <Group gap={6} wrap="nowrap">
            {parts.length > 0 && (
              <UnstyledButton
                fz="xs"
                c="dimmed"
                aria-expanded={showParts}
                onClick={() => setShowParts((shown) => !shown)}
                data-testid="task-parts-toggle"
                style={{ display: 'flex', alignItems: 'center', gap: 2, whiteSpace: 'nowrap' }}
              >
                {partNoun(task, parts.length)}
                <IconChevronDown
                  size={12}
                  style={{
                    transform: showParts ? 'rotate(180deg)' : undefined,
                    transition: 'transform 150ms',
                  }}
                />
              </UnstyledButton>
            )}
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
        </Group>
        {/* Rendered only while open: a removal of thousands of images has a part for each. */}
        {showParts && parts.length > 0 && (
          <TaskParts parts={parts} unit={task.progress.unit} speeds={speeds} />
        )}
        {outcome && <TransferOutcomeLine outcome={outcome} />}
        {task.error && task.state === 'failed' && (
          <Text size="xs" c="red" data-testid="task-error" data-code={task.error.code}>
            {titleOf(task.error.code)}: {task.error.message}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
