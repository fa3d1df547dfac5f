import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { Skeleton } from "./skeleton";
import { cn } from "./utils";

/**
 * Table primitives with no client code, so server components can render static data with them. For
 * sortable columns use `DataTable` from `@cannasaas/ui/data-table`.
 */

type Align = "left" | "right" | "center";
const alignClass: Record<Align, string> = { left: "text-left", right: "text-right", center: "text-center" };

/** A table in a scrollable white frame; `framed={false}` drops the frame when it already sits in a card. */
export function Table({
  className,
  containerClassName,
  framed = true,
  ...props
}: HTMLAttributes<HTMLTableElement> & { containerClassName?: string; framed?: boolean }) {
  return (
    // Focusable, so a keyboard user can scroll a table wider than a phone's screen (WCAG 2.1.1).
    <div
      tabIndex={0}
      className={cn(
        "overflow-x-auto focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand",
        framed && "rounded-xl border border-stone-200 bg-white shadow-sm",
        containerClassName,
      )}
    >
      <table className={cn("w-full text-left text-sm", className)} {...props} />
    </div>
  );
}

/** The table's name for screen readers; visually hidden unless `visible`. */
export function TableCaption({
  visible = false,
  className,
  ...props
}: HTMLAttributes<HTMLTableCaptionElement> & { visible?: boolean }) {
  return (
    <caption
      className={cn(visible ? "pb-2 text-left font-semibold text-stone-900" : "sr-only", className)}
      {...props}
    />
  );
}

export function TableHeader({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className={cn("bg-stone-50 text-stone-600", className)} {...props} />;
}

export function TableBody({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={cn("[&>tr]:border-t [&>tr]:border-stone-100", className)} {...props} />;
}

export function TableRow(props: HTMLAttributes<HTMLTableRowElement>) {
  return <tr {...props} />;
}

/** A column header (`scope="col"`). */
export function TableHead({
  align = "left",
  className,
  scope = "col",
  ...props
}: Omit<ThHTMLAttributes<HTMLTableCellElement>, "align"> & { align?: Align }) {
  return (
    <th scope={scope} className={cn("px-3 py-2 font-medium", alignClass[align], className)} {...props} />
  );
}

/** The cell that names its row (`<th scope="row">`), read out before each cell of the row. */
export function TableRowHeader({
  align = "left",
  className,
  ...props
}: Omit<ThHTMLAttributes<HTMLTableCellElement>, "align" | "scope"> & { align?: Align }) {
  return <th scope="row" className={cn("px-3 py-2 font-normal", alignClass[align], className)} {...props} />;
}

/** A data cell; `numeric` right-aligns it with tabular figures. */
export function TableCell({
  align,
  numeric = false,
  className,
  ...props
}: Omit<TdHTMLAttributes<HTMLTableCellElement>, "align"> & { align?: Align; numeric?: boolean }) {
  return (
    <td
      className={cn("px-3 py-2", numeric && "text-right tabular-nums", align && alignClass[align], className)}
      {...props}
    />
  );
}

/** One row across every column saying there is nothing to list. */
export function TableEmpty({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-3 py-6 text-center text-stone-600">
        {children}
      </td>
    </tr>
  );
}

/** Placeholder rows while data loads; pair with `aria-busy` on the table. */
export function TableLoadingRows({ columns, rows = 5 }: { columns: number; rows?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, r) => (
        <tr key={r} aria-hidden="true">
          {Array.from({ length: columns }, (_, c) => (
            <td key={c} className="px-3 py-3">
              <Skeleton className="h-4 w-full max-w-40" />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}

/** One column of a `ListTable`: its header and how a row fills its cell. */
export interface ListColumn<Row> {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Right-aligned tabular figures. */
  numeric?: boolean;
  className?: string;
}

/**
 * A plain list of rows under column headers, with a row saying so when there are none. No client code: a
 * server component passes its rows and the cell functions. For sortable columns use `DataTable`.
 */
export function ListTable<Row>({
  columns,
  rows,
  rowKey,
  empty,
  caption,
}: {
  columns: ReadonlyArray<ListColumn<Row>>;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  empty: ReactNode;
  /** A name for screen readers when no heading labels the table. */
  caption?: ReactNode;
}) {
  return (
    <Table>
      {caption ? <TableCaption>{caption}</TableCaption> : null}
      <TableHeader>
        <TableRow>
          {columns.map((column, i) => (
            <TableHead key={i} align={column.numeric ? "right" : "left"} className={column.className}>
              {column.header}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.length ? (
          rows.map((row) => (
            <TableRow key={rowKey(row)}>
              {columns.map((column, i) => (
                <TableCell key={i} numeric={column.numeric} className={column.className}>
                  {column.cell(row)}
                </TableCell>
              ))}
            </TableRow>
          ))
        ) : (
          <TableEmpty colSpan={columns.length}>{empty}</TableEmpty>
        )}
      </TableBody>
    </Table>
  );
}
