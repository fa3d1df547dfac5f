export type SortDirection = "ascending" | "descending";
export type SortValue = string | number | null | undefined;
export interface SortState {
  column: string;
  direction: SortDirection;
}

const collator = new Intl.Collator("en-US", { numeric: true, sensitivity: "base" });

/** Compares two cell values; empty values always sort last, whichever the direction. */
export function compareSortValues(a: SortValue, b: SortValue, direction: SortDirection): number {
  const aEmpty = a === null || a === undefined || a === "";
  const bEmpty = b === null || b === undefined || b === "";
  if (aEmpty || bEmpty) return aEmpty === bEmpty ? 0 : aEmpty ? 1 : -1;
  const order =
    typeof a === "number" && typeof b === "number" ? a - b : collator.compare(String(a), String(b));
  return direction === "ascending" ? order : -order;
}

/** A new array sorted by one column (stable: equal values keep their original order). */
export function sortRows<Row>(
  rows: readonly Row[],
  value: (row: Row) => SortValue,
  direction: SortDirection,
): Row[] {
  return [...rows].sort((a, b) => compareSortValues(value(a), value(b), direction));
}

/** The next state after activating a column header: a new column starts ascending, the same one flips. */
export function nextSort(current: SortState | null, column: string): SortState {
  if (current?.column === column) {
    return { column, direction: current.direction === "ascending" ? "descending" : "ascending" };
  }
  return { column, direction: "ascending" };
}
