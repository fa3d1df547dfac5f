import { LoadingState, Skeleton } from "@cannasaas/ui/skeleton";
import { Table, TableBody, TableHeader, TableLoadingRows } from "@cannasaas/ui/table";

/**
 * The outline of a dashboard list page while its data loads: a heading, a row of filters, then a table
 * (or cards) of placeholder rows, so the layout does not jump when the page arrives.
 */
export function PageSkeleton({
  label,
  kind = "table",
  columns = 5,
  rows = 8,
}: {
  label: string;
  kind?: "table" | "cards";
  columns?: number;
  rows?: number;
}) {
  return (
    <LoadingState label={`Loading ${label}…`}>
      <Skeleton className="h-8 w-48" />
      <Skeleton className="h-11 w-full max-w-xl" />
      {kind === "table" ? (
        <Table aria-hidden="true">
          <TableHeader>
            <tr>
              {Array.from({ length: columns }, (_, i) => (
                <th key={i} className="px-3 py-3">
                  <Skeleton className="h-3 w-20 bg-stone-300" />
                </th>
              ))}
            </tr>
          </TableHeader>
          <TableBody>
            <TableLoadingRows columns={columns} rows={rows} />
          </TableBody>
        </Table>
      ) : (
        <div className="grid gap-3 md:grid-cols-2" aria-hidden="true">
          {Array.from({ length: Math.min(rows, 6) }, (_, i) => (
            <Skeleton key={i} className="h-36 rounded-xl" />
          ))}
        </div>
      )}
    </LoadingState>
  );
}
