import { ActionIcon, Group, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { IconTrash } from '../../../ui/icons.js';

/** A row's buttons, right-aligned, ending with Remove (which asks first; see ConfirmRemoveDialog). */
export function RowActions({
  removeLabel,
  onRemove,
  testId,
  children,
}: {
  removeLabel: string;
  onRemove?: () => void;
  testId: string;
  children?: ReactNode;
}) {
  return (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      {children}
      {onRemove && (
        <Tooltip label={removeLabel}>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            aria-label={removeLabel}
            onClick={onRemove}
            data-testid={testId}
          >
            <IconTrash size={14} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}
