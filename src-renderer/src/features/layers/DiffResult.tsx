import { Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { ChangedPath, DirectoryChange } from '../../../../src-main/core/layers/diff.js';
import type { FileEntry } from '../../../../src-main/core/layers/types.js';
import type { ImageDiffView } from '../../../../src-main/core/layers/views.js';
import { formatBytes, formatCount } from '../../lib/format.js';
import tableClasses from '../../ui/VirtualTable.module.css';
import { formatDelta, formatMode } from './layer-words.js';
import { type PathColumn, PathList } from './PathList.js';
import listClasses from './PathLists.module.css';

type Kind = 'added' | 'removed' | 'changed' | 'folders';

const pathCell = (path: string) => (
  <span className={`${tableClasses.text} ${tableClasses.mono}`} title={`/${path}`}>
    /{path}
  </span>
);
const sizeOf = (entry: FileEntry) => (entry.type === 'file' ? formatBytes(entry.size) : entry.type);

const ENTRY_COLUMNS: PathColumn<FileEntry>[] = [
  { heading: 'Path', width: 'minmax(0, 1fr)', cell: (entry) => pathCell(entry.path) },
  { heading: 'Size', width: '84px', align: 'end', cell: sizeOf },
  {
    heading: 'Mode',
    width: '96px',
    cell: (entry) => <span className={tableClasses.mono}>{formatMode(entry.type, entry.mode)}</span>,
  },
];

const CHANGED_COLUMNS: PathColumn<ChangedPath>[] = [
  { heading: 'Path', width: 'minmax(0, 1fr)', cell: (change) => pathCell(change.path) },
  {
    heading: 'What',
    width: '110px',
    cell: (change) => <span className={tableClasses.dim}>{change.fields.join(', ')}</span>,
  },
  { heading: 'Before', width: '80px', align: 'end', cell: (change) => sizeOf(change.before) },
  { heading: 'After', width: '80px', align: 'end', cell: (change) => sizeOf(change.after) },
];

/** A bar each way from the middle: growth to the right (red), shrinking to the left (teal). */
function DeltaBar({ delta, max }: { delta: number; max: number }) {
  const width = max > 0 ? `${Math.max(1, (Math.abs(delta) / max) * 100)}%` : '0%';
  return (
    <div
      className={listClasses.deltaBar}
      style={{ width: '100%' }}
      data-testid="diff-dir-bar"
      data-delta={delta}
    >
      <div className={listClasses.deltaHalf}>
        {delta < 0 && <div className={listClasses.deltaShrink} style={{ width }} />}
      </div>
      <div className={listClasses.deltaAxis} />
      <div className={listClasses.deltaHalf}>
        {delta > 0 && <div className={listClasses.deltaGrow} style={{ width }} />}
      </div>
    </div>
  );
}

function folderColumns(max: number): PathColumn<DirectoryChange>[] {
  return [
    { heading: 'Folder', width: 'minmax(0, 1fr)', cell: (change) => pathCell(change.path) },
    {
      heading: 'Change',
      width: 'minmax(120px, 0.8fr)',
      cell: (change) => <DeltaBar delta={change.delta} max={max} />,
    },
    {
      heading: 'Bytes',
      width: '90px',
      align: 'end',
      cell: (change) => formatDelta(change.delta, formatBytes),
    },
    { heading: 'After', width: '80px', align: 'end', cell: (change) => formatBytes(change.after) },
  ];
}

/**
 * What a comparison found: counts and the size change, then one list at a time (added, removed,
 * changed, and folders by how much they grew or shrank, with a bar each).
 */
export function DiffResult({ diff }: { diff: ImageDiffView }) {
  const [kind, setKind] = useState<Kind>(() =>
    diff.counts.added > 0
      ? 'added'
      : diff.counts.removed > 0
        ? 'removed'
        : diff.counts.changed > 0
          ? 'changed'
          : 'folders',
  );
  const folders = useMemo(
    () =>
      [...diff.directories].sort(
        (a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.path.localeCompare(b.path),
      ),
    [diff.directories],
  );
  const maxDelta = folders.reduce((max, change) => Math.max(max, Math.abs(change.delta)), 0);
  const delta = diff.sizeAfter - diff.sizeBefore;
  const label = (name: string, count: number) => `${name} ${count.toLocaleString('en')}`;

  return (
    <Stack
      gap={6}
      style={{ flex: 1, minHeight: 0 }}
      data-testid="diff-result"
      data-added={diff.counts.added}
      data-removed={diff.counts.removed}
      data-changed={diff.counts.changed}
    >
      <Group gap="md" wrap="nowrap">
        <SegmentedControl
          size="xs"
          value={kind}
          onChange={(value) => setKind(value as Kind)}
          data-testid="diff-kind"
          data={[
            { value: 'added', label: label('Added', diff.counts.added) },
            { value: 'removed', label: label('Removed', diff.counts.removed) },
            { value: 'changed', label: label('Changed', diff.counts.changed) },
            { value: 'folders', label: label('Folders', diff.directories.length) },
          ]}
        />
        <Text fz="xs" c="dimmed" data-testid="diff-size" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatBytes(diff.sizeBefore)} → {formatBytes(diff.sizeAfter)} ({formatDelta(delta, formatBytes)})
        </Text>
        {diff.truncated && (
          <Text fz="xs" c="yellow.7">
            Lists stop at {formatCount(20000, 'path')}; the counts are whole.
          </Text>
        )}
      </Group>
      {kind === 'added' && (
        <PathList
          items={diff.added}
          columns={ENTRY_COLUMNS}
          rowKey={(e) => e.path}
          rowProps={(e) => ({ 'data-testid': 'diff-row', 'data-kind': 'added', 'data-path': e.path })}
          empty="Nothing was added."
          testId="diff-added"
        />
      )}
      {kind === 'removed' && (
        <PathList
          items={diff.removed}
          columns={ENTRY_COLUMNS}
          rowKey={(e) => e.path}
          rowProps={(e) => ({ 'data-testid': 'diff-row', 'data-kind': 'removed', 'data-path': e.path })}
          empty="Nothing was removed."
          testId="diff-removed"
        />
      )}
      {kind === 'changed' && (
        <PathList
          items={diff.changed}
          columns={CHANGED_COLUMNS}
          rowKey={(c) => c.path}
          rowProps={(c) => ({ 'data-testid': 'diff-row', 'data-kind': 'changed', 'data-path': c.path })}
          empty="No path changed."
          testId="diff-changed"
        />
      )}
      {kind === 'folders' && (
        <PathList
          items={folders}
          columns={folderColumns(maxDelta)}
          rowKey={(c) => c.path}
          rowProps={(c) => ({ 'data-testid': 'diff-folder', 'data-path': c.path })}
          empty="No folder changed size."
          testId="diff-folders"
        />
      )}
    </Stack>
  );
}
