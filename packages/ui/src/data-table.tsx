"use client";
import { useMemo, useState, type ReactNode } from "react";
import { nextSort, sortRows, type SortState, type SortValue } from "./data-table-sort";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableEmpty,
  TableHead,
  TableHeader,
  TableLoadingRows,
  TableRowHeader,
} from "./table";
import { cn } from "./utils";

export type { SortDirection, SortState, SortValue } from "./data-table-sort";

export interface DataTableColumn {
  id: string;
  header: ReactNode;
  /** Headers with `sortable` become buttons and carry `aria-sort` while sorted. */
  sortable?: boolean;
  align?: "left" | "right" | "center";
  /** Right-aligned tabular figures. */
  numeric?: boolean;
  /** Classes for the column's header and cells, e.g. `hidden md:table-cell`. */
  className?: string;
  /** This column's cells name their rows (`<th scope="row">`). */
  rowHeader?: boolean;
}

export interface DataTableRow {
  key: string;
  /** Rendered cells by column id; they may be server-rendered elements. */
  cells: Record<string, ReactNode>;
  /** Values to sort by, by column id; when missing, a string or number cell sorts by itself. */
  sort?: Record<string, SortValue>;
  /** Extra attributes for the `<tr>`, e.g. `{ "data-testid": "catalog-row" }`. */
  attributes?: Record<`data-${string}`, string>;
}

/**
 * A table with client-side sorting. Props are plain data and elements, so a server component can render it
 * with rows it fetched. Sorting is by clicking (or Enter/Space on) a sortable header; the sorted header
 * carries `aria-sort`, so screen readers announce the order.
 */
export function DataTable({
  caption,
  columns,
  rows,
  initialSort = null,
  empty = "Nothing to show yet.",
  loading = false,
  loadingRows = 5,
  framed,
  className,
}: {
  caption: ReactNode;
  columns: DataTableColumn[];
  rows: DataTableRow[];
  initialSort?: SortState | null;
  empty?: ReactNode;
  loading?: boolean;
  loadingRows?: number;
  framed?: boolean;
  className?: string;
}) {
  const [sort, setSort] = useState<SortState | null>(initialSort);
  const sorted = useMemo(() => {
    if (!sort) return rows;
    return sortRows(
      rows,
      (row) => {
        if (row.sort && sort.column in row.sort) return row.sort[sort.column];
        const cell = row.cells[sort.column];
        return typeof cell === "string" || typeof cell === "number" ? cell : null;
      },
      sort.direction,
    );
  }, [rows, sort]);

  return (
    <Table framed={framed} className={className} aria-busy={loading || undefined}>
      <TableCaption>
        {caption}
        {loading ? ", loading" : null}
      </TableCaption>
      <TableHeader>
        <tr>
          {columns.map((column) => {
            const direction = sort?.column === column.id ? sort.direction : undefined;
            const align = column.align ?? (column.numeric ? "right" : "left");
            return (
              <TableHead key={column.id} align={align} aria-sort={direction} className={column.className}>
                {column.sortable ? (
                  <button
                    type="button"
                    onClick={() => setSort((current) => nextSort(current, column.id))}
                    className={cn(
                      "-mx-1 inline-flex min-h-8 items-center gap-1 rounded px-1 font-medium hover:text-stone-950",
                      "focus-visible:outline-2 focus-visible:outline-brand",
                      align === "right" && "flex-row-reverse",
                    )}
                  >
                    {column.header}
                    <SortIcon direction={direction} />
                  </button>
                ) : (
                  column.header
                )}
              </TableHead>
            );
          })}
        </tr>
      </TableHeader>
      <TableBody>
        {loading ? (
          <TableLoadingRows columns={columns.length} rows={loadingRows} />
        ) : sorted.length === 0 ? (
          <TableEmpty colSpan={columns.length}>{empty}</TableEmpty>
        ) : (
          sorted.map((row) => (
            <tr key={row.key} {...row.attributes}>
              {columns.map((column) => {
                const Cell = column.rowHeader ? TableRowHeader : TableCell;
                return (
                  <Cell
                    key={column.id}
                    align={column.align ?? (column.numeric ? "right" : undefined)}
                    className={cn(column.numeric && "tabular-nums", column.className)}
                  >
                    {row.cells[column.id]}
                  </Cell>
                );
              })}
            </tr>
          ))
        )}
      </TableBody>
    </Table>
  );
}

function SortIcon({ direction }: { direction: "ascending" | "descending" | undefined }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 12 12"
      className={cn("size-3", direction ? "text-stone-900" : "text-stone-400")}
      fill="currentColor"
    >
      {direction !== "descending" ? <path d="M6 2 9.5 5.5h-7z" /> : null}
      {direction !== "ascending" ? <path d="M6 10 2.5 6.5h7z" /> : null}
    </svg>
  );
}
