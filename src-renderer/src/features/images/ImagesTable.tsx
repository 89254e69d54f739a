import { type Row, useTable } from '@tanstack/react-table';
import { useDeferredValue, useEffect, useMemo } from 'react';
import { useApp } from '../../store/context.js';
import { ImagesFooter } from './ImagesFooter.js';
import { ImagesTableBody } from './ImagesTableBody.js';
import {
  filtersOnce,
  type ImageTableFeatures,
  imageColumns,
  imageTableFeatures,
  matchesFilter,
} from './image-columns.js';
import { type ImageRow, imageRowsOf } from './image-rows.js';

export type ImageTableRow = Row<ImageTableFeatures, ImageRow>;

const getRowId = (row: ImageRow) => row.key;

/** Owns the table model (rows from the cache, filter and sort from the UI slice); the body draws it. */
export function ImagesTable() {
  const images = useApp((s) => s.images);
  const filter = useApp((s) => s.filter);
  const sorting = useApp((s) => s.sorting);
  const setSorting = useApp((s) => s.setSorting);
  const retainRows = useApp((s) => s.retainRows);

  const data = useMemo(() => imageRowsOf(images), [images]);
  // Typing stays responsive with 100 000 rows: the filter applies once React has a moment.
  const globalFilter = useDeferredValue(filter.trim().toLowerCase());

  const table = useTable(
    {
      features: imageTableFeatures,
      columns: imageColumns,
      data,
      getRowId,
      state: { sorting, globalFilter },
      onSortingChange: setSorting,
      globalFilterFn: matchesFilter,
      getColumnCanGlobalFilter: filtersOnce,
      enableSortingRemoval: false,
    },
    (state) => ({ sorting: state.sorting, globalFilter: state.globalFilter }),
  );

  const rows = table.getRowModel().rows;
  const order = useMemo(() => rows.map((row) => row.id), [rows]);
  useEffect(() => retainRows(order), [order, retainRows]);

  return (
    <>
      <ImagesTableBody table={table} rows={rows} order={order} filtering={globalFilter !== ''} />
      <ImagesFooter data={data} rows={rows} />
    </>
  );
}
