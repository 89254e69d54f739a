import { Loader, Table, Text, VisuallyHidden } from '@mantine/core';
import type { EngineEndpoint } from '../../../../src-main/core/engine/types.js';
import { useApp } from '../../store/context.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { EngineRow } from './EngineRow.js';

/** Fixed widths keep the columns still while statuses arrive; the URL takes what is left. */
const columns = [
  { label: 'Name', width: 170 },
  { label: 'URL' },
  { label: 'Source', width: 190 },
  { label: 'TLS', width: 120 },
  { label: 'Status', width: 150 },
  { label: 'Actions', width: 130, hidden: true },
];

export function EngineTable({ onRemove }: { onRemove: (endpoint: EngineEndpoint) => void }) {
  const engines = useApp((s) => s.engines);
  const callError = useApp((s) => s.engineCallError);
  const loadEngines = useApp((s) => s.loadEngines);

  if (engines.length === 0 && callError) {
    return <ErrorAlert error={callError} testId="engine-list-error" onRetry={() => void loadEngines()} />;
  }
  return (
    <Table.ScrollContainer minWidth={820} type="native">
      <Table
        data-testid="engine-table"
        layout="fixed"
        fz="sm"
        verticalSpacing={5}
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
          {engines.map((endpoint) => (
            <EngineRow key={endpoint.id} endpoint={endpoint} onRemove={onRemove} />
          ))}
          {engines.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns.length}>
                <Text size="xs" c="dimmed" component="div" style={{ display: 'flex', gap: 8 }}>
                  <Loader size={12} /> Looking for engines…
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
