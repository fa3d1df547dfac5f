import type { FilterOption } from "./menu-filters";

/** Short component classes (globals.css): the filter form repeats them for every field and option. */
export const FIELD_CLASS = "menu-field";
export const LEGEND_CLASS = "menu-legend";

export function Checkboxes(props: {
  legend: string;
  name: string;
  checked: string[];
  options: FilterOption[];
  scroll?: boolean;
}) {
  if (props.options.length === 0) return null;
  return (
    <fieldset>
      <legend className={LEGEND_CLASS}>{props.legend}</legend>
      <div className={props.scroll ? "menu-scroll" : undefined}>
        {props.options.map((o) => (
          // .menu-option styles the box, the label and the count (its last span).
          <label key={o.value} className="menu-option">
            <input
              type="checkbox"
              name={props.name}
              value={o.value}
              defaultChecked={props.checked.includes(o.value)}
            />
            <span>{o.label ?? o.value}</span>
            <span>{o.count}</span>
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
