/**
 * A group of checkboxes sharing one form name: what a promotion targets or who it is for. Nothing checked
 * means "no narrowing", which the legend's hint says. Long lists scroll inside the group.
 */
export function ChoiceList({
  legend,
  name,
  options,
  checked,
  hint,
}: {
  legend: string;
  name: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  /** Values checked when the form opens (an edited promotion's). */
  checked: readonly string[];
  hint: string;
}) {
  const hintId = `${name}-hint`;
  return (
    <fieldset aria-describedby={hintId} className="flex min-w-0 flex-col gap-1">
      <legend className="text-sm font-medium text-stone-800">{legend}</legend>
      <p id={hintId} className="text-xs text-stone-600">
        {options.length ? hint : "None set up yet."}
      </p>
      {options.length ? (
        <div className="max-h-48 overflow-y-auto rounded-lg border border-stone-300 bg-white px-3 py-1">
          {options.map((option) => (
            <label key={option.value} className="flex min-h-11 items-center gap-2 text-sm">
              <input
                type="checkbox"
                name={name}
                value={option.value}
                defaultChecked={checked.includes(option.value)}
                className="size-5 shrink-0"
              />
              <span className="min-w-0 break-words">{option.label}</span>
            </label>
          ))}
        </div>
      ) : null}
    </fieldset>
  );
}
