import { Table, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';

export interface SettingsColumn {
  label: string;
  /** Fixed widths keep the columns still while rows arrive; a column without one takes what is left. */
  width?: number;
  /** A column of buttons: its heading is for screen readers only. */
  hidden?: boolean;
}

/** The small bordered table of a settings list (engines, keys, trust stores), with a line when it is empty. */
export function SettingsTable({
  columns,
  empty,
  testId,
  children,
  count,
  minWidth = 640,
  verticalSpacing = 4,
}: {
  columns: readonly SettingsColumn[];
  /** What shows in place of rows when `count` is 0. */
  empty: ReactNode;
  testId: string;
  count: number;
  children: ReactNode;
  /** Below it the table scrolls sideways rather than squeezing its columns. */
  minWidth?: number;
  verticalSpacing?: number;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native">
      <Table
        data-testid={testId}
        data-count={count}
        layout="fixed"
        fz="sm"
        verticalSpacing={verticalSpacing}
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
                <Text fz="xs" c="dimmed" component="div" style={{ display: 'flex', gap: 8 }}>
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
