import { Drawer, Stack, Text } from '@mantine/core';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../store/context.js';
import { TaskItem } from './TaskItem.js';
import { tasksInOrder } from './tasks-slice.js';

export function TasksDrawer() {
  const opened = useApp((s) => s.tasksOpen);
  const setTasksOpen = useApp((s) => s.setTasksOpen);
  const tasks = useApp(useShallow((s) => tasksInOrder(s.tasks)));
  return (
    <Drawer
      opened={opened}
      onClose={() => setTasksOpen(false)}
      position="right"
      size={400}
      title="Tasks"
      attributes={{ content: { 'data-testid': 'tasks-drawer' } }}
    >
      {tasks.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="tasks-empty">
          Nothing has run yet. Pushes, pulls, copies, removals and prunes show their progress here.
        </Text>
      ) : (
        <Stack gap="xs">
          {tasks.map((task) => (
            <TaskItem key={task.id} task={task} />
          ))}
        </Stack>
      )}
    </Drawer>
  );
}
