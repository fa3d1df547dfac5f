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
