export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="flex flex-col gap-4">
      <div className="h-24 animate-pulse rounded-2xl bg-stone-200" />
      <div className="h-40 animate-pulse rounded-2xl bg-stone-200" />
      <span className="sr-only">Loading the dashboard…</span>
    </div>
  );
}
