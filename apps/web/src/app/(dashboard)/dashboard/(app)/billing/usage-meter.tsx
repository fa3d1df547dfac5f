/** How much of a plan limit is used; an accessible meter, or plain text when the plan has no limit. */
export function UsageMeter({ label, used, limit }: { label: string; used: number; limit: number | null }) {
  if (limit === null) {
    return (
      <div className="flex flex-col gap-1">
        <p className="text-sm font-medium">{label}</p>
        <p className="text-sm text-stone-700">{used} used · unlimited on this plan</p>
      </div>
    );
  }
  const ratio = Math.min(1, used / Math.max(1, limit));
  const over = used > limit;
  const id = `usage-${label.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <div className="flex flex-col gap-1">
      <p id={id} className="text-sm font-medium">
        {label}
      </p>
      <div
        role="meter"
        aria-labelledby={id}
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={Math.min(used, limit)}
        aria-valuetext={`${used} of ${limit}`}
        className="h-2 w-full overflow-hidden rounded-full bg-stone-200"
      >
        <div
          className={over ? "h-full bg-red-600" : ratio >= 0.8 ? "h-full bg-amber-500" : "h-full bg-brand"}
          style={{ width: `${ratio * 100}%` }}
        />
      </div>
      <p className={over ? "text-sm text-red-700" : "text-sm text-stone-700"}>
        {used} of {limit}
        {over ? " — over this plan's limit: nothing is removed, but you cannot add more." : ""}
      </p>
    </div>
  );
}
