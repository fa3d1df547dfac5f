export const FIELD_CLASS = "min-h-11 w-full rounded-lg border border-stone-300 bg-white px-3 text-base";
export const LEGEND_CLASS = "mb-1 text-sm font-semibold";

type Option = { value: string; label: string; count: number };

export function Checkboxes(props: {
  legend: string;
  name: string;
  checked: string[];
  options: Option[];
  scroll?: boolean;
}) {
  if (props.options.length === 0) return null;
  return (
    <fieldset>
      <legend className={LEGEND_CLASS}>{props.legend}</legend>
      <div className={props.scroll ? "max-h-56 overflow-y-auto rounded-lg border border-stone-200 p-2" : ""}>
        {props.options.map((o) => (
          <label key={o.value} className="flex min-h-9 items-center gap-2 text-sm">
            <input
              type="checkbox"
              name={props.name}
              value={o.value}
              defaultChecked={props.checked.includes(o.value)}
              className="h-4 w-4 accent-brand"
            />
            <span className="flex-1">{o.label}</span>
            <span className="text-xs text-stone-500">{o.count}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function Range(props: {
  legend: string;
  names: [string, string];
  values: [string, string];
  step: string;
  hints: string[];
}) {
  const labels = ["Minimum", "Maximum"];
  return (
    <fieldset>
      <legend className={LEGEND_CLASS}>{props.legend}</legend>
      <div className="grid grid-cols-2 gap-2">
        {props.names.map((name, i) => (
          <label key={name} className="text-xs text-stone-600">
            {labels[i]}
            <input
              type="number"
              name={name}
              aria-label={`${labels[i]} ${props.legend}`}
              min="0"
              step={props.step}
              inputMode="decimal"
              defaultValue={props.values[i]}
              placeholder={props.hints[i]}
              className={FIELD_CLASS}
            />
          </label>
        ))}
      </div>
    </fieldset>
  );
}
