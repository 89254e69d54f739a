import { Table, type TableProps } from '@mantine/core';

/** The small fixed-layout table detail views list things in (history steps, layers). */
export function CompactTable(props: TableProps) {
  return (
    <Table fz="xs" verticalSpacing={3} horizontalSpacing={6} layout="fixed" highlightOnHover {...props} />
  );
}
