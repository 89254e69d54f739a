import { Table, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';

export interface SettingsColumn {
  label: string;
  width?: number;
  /** A column of buttons: its heading is for screen readers only. */
  hidden?: boolean;
}

/** The small bordered table each trust list uses, with a line of text when it is empty. */
export function SettingsTable({
  columns,
  empty,
  testId,
  children,
  count,
}: {
  columns: readonly SettingsColumn[];
  empty: ReactNode;
  testId: string;
  count: number;
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer minWidth={640} type="native">
      <Table
        data-testid={testId}
        data-count={count}
        layout="fixed"
        fz="sm"
        verticalSpacing={4}
        horizontalSpacing="sm"
        highlightOnHover
        withTableBorder
      >
        <Table.Thead>
          <Table.Tr>
            {columns.map(({ label, width, hidden }) => (
              <Table.Th key={label} w={width} fz="xs" c="dimmed" fw={600}>
                {hidden ? <VisuallyHidden>{label}</VisuallyHidden> : label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {children}
          {count === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns.length}>
                <Text fz="xs" c="dimmed">
                  {empty}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
