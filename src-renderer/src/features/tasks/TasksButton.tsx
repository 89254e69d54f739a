import { Badge, Button, Loader } from '@mantine/core';
import { useApp } from '../../store/context.js';
import { IconActivity } from '../../ui/icons.js';
import { TasksDrawer } from './TasksDrawer.js';
import { countRunning } from './tasks-slice.js';

/** The header's tasks indicator: how many run now; opens the drawer. */
export function TasksButton() {
  const running = useApp((s) => countRunning(s.tasks));
  const setTasksOpen = useApp((s) => s.setTasksOpen);
  return (
    <>
      <Button
        variant="default"
        data-testid="tasks-button"
        data-running={running}
        aria-label={running > 0 ? `Tasks, ${running} running` : 'Tasks'}
        leftSection={running > 0 ? <Loader size={12} /> : <IconActivity size={14} />}
        rightSection={
          running > 0 ? (
            <Badge size="xs" circle data-testid="tasks-count">
              {running}
            </Badge>
          ) : undefined
        }
        onClick={() => setTasksOpen(true)}
      >
        Tasks
      </Button>
      <TasksDrawer />
    </>
  );
}
