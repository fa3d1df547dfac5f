/** The menu grid skeleton; only the menu page streams behind it, so other pages can still answer a real 404. */
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="h-40 animate-pulse rounded-xl bg-stone-200" />
      ))}
      <span className="sr-only">Loading the menu…</span>
    </div>
  );
}
