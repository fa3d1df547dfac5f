/** The location select of the inventory filter forms (submitted with the form; no script needed). */
export function LocationFilter({
  locations,
  value,
  allowAll = false,
}: {
  locations: Array<{ id: string; name: string }>;
  value: string;
  allowAll?: boolean;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="inventory-location" className="text-sm font-medium">
        Location
      </label>
      <select
        id="inventory-location"
        name="location"
        defaultValue={value}
        className="min-h-11 rounded-lg border border-stone-300 bg-white px-3"
      >
        {allowAll ? <option value="">All locations</option> : null}
        {locations.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The search box of the inventory filter forms, submitted as `q`. */
export function SearchFilter({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div className="flex min-w-48 flex-1 flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name="q"
        type="search"
        defaultValue={value}
        maxLength={100}
        className="min-h-11 rounded-lg border border-stone-300 bg-white px-3"
      />
    </div>
  );
}
