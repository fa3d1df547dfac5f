/** A horizontal bar per step, sized against the first; the numbers are printed, so nothing hides in colour. */
export function ResultsFunnel({ steps }: { steps: { label: string; value: number }[] }) {
  const top = Math.max(1, steps[0]?.value ?? 0);
  return (
    <ol className="mt-3 flex flex-col gap-2">
      {steps.map((s) => {
        const share = Math.round((s.value / top) * 100);
        return (
          <li key={s.label} className="grid grid-cols-[7rem_1fr_5rem] items-center gap-2 text-sm">
            <span>{s.label}</span>
            <span className="h-4 rounded bg-stone-100" aria-hidden>
              <span className="block h-4 rounded bg-brand" style={{ width: `${share}%` }} />
            </span>
            <span className="text-right tabular-nums">
              {s.value.toLocaleString("en-US")} ({share}%)
            </span>
          </li>
        );
      })}
    </ol>
  );
}
