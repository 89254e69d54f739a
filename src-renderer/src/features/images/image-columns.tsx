/**
 * The images table's model: features and columns, at module scope so they stay stable
 * (TanStack rebuilds its row models when either changes).
 */
import {
  columnFilteringFeature,
  createColumnHelper,
  createFilteredRowModel,
  createSortedRowModel,
  type FilterFn,
  globalFilteringFeature,
  metaHelper,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table';
import { formatBytes, formatExactTime, formatRelativeTime } from '../../lib/format.js';
import { NONE } from '../../lib/image-ref.js';
import { CopyValue } from '../../ui/CopyValue.js';
import tableClasses from '../../ui/VirtualTable.module.css';
import { ImageTrustCell } from './ImageTrustCell.js';
import type { ImageRow } from './image-rows.js';

interface ImageColumnMeta {
  /** A CSS grid track: the header and every row share one template. */
  width: string;
  align?: 'end';
}

type SortField = 'key' | 'repository' | 'tag' | 'id' | 'created' | 'size';

/** Which ImageRow field each column sorts by. */
const sortField: Record<string, SortField> = {
  repository: 'repository',
  tag: 'tag',
  id: 'id',
  created: 'created',
  size: 'size',
};

/**
 * Compares the row fields directly: 100 000 rows must sort in a blink, and TanStack's generic
 * `getValue` path and per-compare lower-casing cost seconds there. Plain ordering is right here:
 * repository names are lower-case by the reference grammar, and tags compare as the engine spells them.
 */
function compareField(a: { original: ImageRow }, b: { original: ImageRow }, columnId: string): number {
  const field = sortField[columnId] ?? 'key';
  const x = a.original[field];
  const y = b.original[field];
  return x === y ? 0 : x > y ? 1 : -1;
}

export const imageTableFeatures = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  globalFilteringFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
  sortFns: { field: compareField },
  columnMeta: metaHelper<ImageColumnMeta>(),
});

export type ImageTableFeatures = typeof imageTableFeatures;

/**
 * The filter box matches repository, tag and id at once: the row carries them as one lower-case
 * haystack, so the check runs once per row (see `filtersOnce`) and not once per column.
 */
export const matchesFilter: FilterFn<ImageTableFeatures, ImageRow> = (row, _columnId, needle: string) =>
  row.original.haystack.includes(needle);

export const filtersOnce = (column: { id: string }) => column.id === 'repository';

function TextCell({ value }: { value: string }) {
  return (
    <span
      className={value === NONE ? `${tableClasses.text} ${tableClasses.dim}` : tableClasses.text}
      title={value}
    >
      {value}
    </span>
  );
}

/** No row value is ever undefined: skipping TanStack's undefined check halves the work of a sort. */
const sortByField = { sortFn: 'field', sortUndefined: false } as const;

const helper = createColumnHelper<ImageTableFeatures, ImageRow>();

export const imageColumns = helper.columns([
  helper.accessor('repository', {
    header: 'Repository',
    ...sortByField,
    meta: { width: 'minmax(180px, 3fr)' },
    cell: (info) => <TextCell value={info.getValue()} />,
  }),
  helper.accessor('tag', {
    header: 'Tag',
    ...sortByField,
    meta: { width: 'minmax(90px, 1.2fr)' },
    cell: (info) => <TextCell value={info.getValue()} />,
  }),
  helper.accessor('shortId', {
    id: 'id',
    header: 'Image ID',
    ...sortByField,
    meta: { width: '150px' },
    cell: (info) => (
      <>
        <span className={tableClasses.mono} title={info.row.original.id}>
          {info.getValue()}
        </span>
        <span className={tableClasses.copy}>
          <CopyValue value={info.row.original.id} label="Copy full image ID" />
        </span>
      </>
    ),
  }),
  helper.accessor('created', {
    header: 'Created',
    ...sortByField,
    sortDescFirst: true,
    meta: { width: '130px' },
    cell: (info) => (
      <span className={tableClasses.text} title={formatExactTime(info.getValue())}>
        {formatRelativeTime(info.getValue())}
      </span>
    ),
  }),
  helper.accessor('size', {
    header: 'Size',
    ...sortByField,
    sortDescFirst: true,
    meta: { width: '90px', align: 'end' },
    cell: (info) => (
      <span title={`${info.getValue().toLocaleString('en')} bytes`}>{formatBytes(info.getValue())}</span>
    ),
  }),
  helper.display({
    id: 'trust',
    header: 'Trust',
    meta: { width: '84px' },
    // Only images a registry has a digest for: a never-pushed image shows nothing.
    cell: (info) => <ImageTrustCell row={info.row.original} />,
  }),
]);

export const gridTemplate = imageColumns.map((column) => column.meta?.width ?? '1fr').join(' ');
