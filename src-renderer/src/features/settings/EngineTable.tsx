import { Loader } from '@mantine/core';
import type { EngineEndpoint } from '../../../../src-main/core/engine/types.js';
import { useApp } from '../../store/context.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { SettingsTable } from '../../ui/SettingsTable.js';
import { EngineRow } from './EngineRow.js';

const columns = [
  { label: 'Name', width: 170 },
  { label: 'URL' },
  { label: 'Source', width: 190 },
  { label: 'TLS', width: 120 },
  { label: 'Status', width: 150 },
  { label: 'Actions', width: 130, hidden: true },
];

/** The engines Stevedore knows and how each answers; the URL column takes the width the others leave. */
export function EngineTable({ onRemove }: { onRemove: (endpoint: EngineEndpoint) => void }) {
  const engines = useApp((s) => s.engines);
  const callError = useApp((s) => s.engineCallError);
  const loadEngines = useApp((s) => s.loadEngines);

  if (engines.length === 0 && callError) {
    return <ErrorAlert error={callError} testId="engine-list-error" onRetry={() => void loadEngines()} />;
  }
  return (
    <SettingsTable
      columns={columns}
      empty={
        <>
          <Loader size={12} /> Looking for engines…
        </>
      }
      testId="engine-table"
      count={engines.length}
      minWidth={820}
      verticalSpacing={5}
    >
      {engines.map((endpoint) => (
        <EngineRow key={endpoint.id} endpoint={endpoint} onRemove={onRemove} />
      ))}
    </SettingsTable>
  );
}
