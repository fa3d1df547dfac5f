import Link from "next/link";

/** Previous / next links that keep the other search parameters. */
export function Pager({
  path,
  params,
  page,
  hasMore,
}: {
  path: string;
  params: Record<string, string>;
  page: number;
  hasMore: boolean;
}) {
  if (page === 1 && !hasMore) return null;
  const href = (p: number) => `${path}?${new URLSearchParams({ ...params, page: String(p) }).toString()}`;
  const link =
    "inline-flex min-h-11 items-center rounded-lg border border-stone-300 bg-white px-4 text-sm font-medium hover:bg-stone-50";
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-2">
      {page > 1 ? (
        <Link href={href(page - 1)} className={link} rel="prev">
          Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-stone-600">Page {page}</span>
      {hasMore ? (
        <Link href={href(page + 1)} className={link} rel="next">
          Next
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
