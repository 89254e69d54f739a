import { Table, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { IconPlus } from '../../../ui/icons.js';
import { type SettingsColumn, SettingsTable } from '../../../ui/SettingsTable.js';
import { PemImportDialog, type PemImportDialogProps } from './PemImportDialog.js';
import type { PendingRemoval } from './pending-removal.js';
import { RowActions } from './RowActions.js';
import { SettingsBlock, SettingsBlockButton } from './SettingsBlock.js';

/** What a named PEM entry is called and what it is for: a public key, a trust store… */
export interface NamedPemKind {
  title: string;
  hint: string;
  addLabel: string;
  /** The table's line when it has no entry. */
  empty: string;
  /** The columns between Name and the actions. */
  columns: readonly SettingsColumn[];
  /** Names the parts for tests: `<testId>s` (the table), `-add`, `-row`, `-remove`, and the dialog's. */
  testId: string;
  /** The import dialog's words. */
  dialog: Pick<PemImportDialogProps, 'title' | 'intro' | 'textLabel' | 'placeholder' | 'accept'>;
  removeTitle: (name: string) => string;
  /** What stops verifying once an entry is gone. */
  removeBody: string;
}

/**
 * A settings list of named PEM material (public keys, Notation trust stores): a table of entries,
 * each removable after a confirmation, and an import dialog to add one by paste or file.
 */
export function NamedPemBlock<T extends { name: string }>({
  kind,
  entries,
  cells,
  rowData,
  add,
  remove,
  onRemove,
}: {
  kind: NamedPemKind;
  entries: readonly T[];
  /** The cells between Name and the actions, one per column of `kind.columns`. */
  cells: (entry: T) => ReactNode;
  /** More `data-*` attributes of an entry's row, for tests. */
  rowData?: (entry: T) => Record<`data-${string}`, string>;
  add: (name: string, pem: string) => Promise<unknown>;
  remove: (name: string) => Promise<unknown>;
  onRemove: (pending: PendingRemoval) => void;
}) {
  const [adding, setAdding] = useState(false);
  const { testId } = kind;
  return (
    <SettingsBlock
      title={kind.title}
      hint={kind.hint}
      action={
        <SettingsBlockButton Icon={IconPlus} onClick={() => setAdding(true)} testId={`${testId}-add`}>
          {kind.addLabel}
        </SettingsBlockButton>
      }
    >
      <SettingsTable
        columns={[
          { label: 'Name', width: 180 },
          ...kind.columns,
          { label: 'Actions', width: 60, hidden: true },
        ]}
        empty={kind.empty}
        testId={`${testId}s`}
        count={entries.length}
      >
        {entries.map((entry) => (
          <Table.Tr
            key={entry.name}
            data-testid={`${testId}-row`}
            data-name={entry.name}
            {...rowData?.(entry)}
          >
            <Table.Td>
              <Text fz="sm" truncate title={entry.name}>
                {entry.name}
              </Text>
            </Table.Td>
            {cells(entry)}
            <Table.Td>
              <RowActions
                removeLabel={`Remove ${entry.name}`}
                testId={`${testId}-remove`}
                onRemove={() =>
                  onRemove({
                    title: kind.removeTitle(entry.name),
                    body: kind.removeBody,
                    remove: () => remove(entry.name),
                    testId: `${testId}-remove`,
                  })
                }
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </SettingsTable>
      {adding && (
        <PemImportDialog
          {...kind.dialog}
          confirmLabel="Add"
          testId={testId}
          save={add}
          onClose={() => setAdding(false)}
        />
      )}
    </SettingsBlock>
  );
}
