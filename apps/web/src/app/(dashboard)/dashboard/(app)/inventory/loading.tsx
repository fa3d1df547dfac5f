export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="flex flex-col gap-3">
      <div className="h-11 w-full max-w-md animate-pulse rounded-lg bg-stone-200" />
      <div className="h-64 animate-pulse rounded-xl bg-stone-200" />
      <span className="sr-only">Loading inventory…</span>
    </div>
  );
}
