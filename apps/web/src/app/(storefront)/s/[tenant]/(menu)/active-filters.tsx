import Link from "next/link";
import { STRAIN_TYPE_LABELS } from "@cannasaas/validators/labels";
import { menuHref, type MenuParams } from "~/lib/menu-params";
import { CLEARED } from "./cleared";

type Chip = { label: string; href: string };

/** One chip per chosen filter, each a link to the same menu without it. */
export function filterChips(
  query: MenuParams,
  names: { categories: { slug: string; name: string }[]; brands: { slug: string; name: string }[] },
): Chip[] {
  const href = (changes: Partial<MenuParams>) => menuHref(query, changes);
  const chips: Chip[] = [];
  if (query.category) {
    const name = names.categories.find((c) => c.slug === query.category)?.name ?? query.category;
    chips.push({ label: name, href: href({ category: "" }) });
  }
  for (const s of query.strain) {
    const label = STRAIN_TYPE_LABELS[s as keyof typeof STRAIN_TYPE_LABELS] ?? s;
    chips.push({ label, href: href({ strain: query.strain.filter((x) => x !== s) }) });
  }
  for (const e of query.effect)
    chips.push({ label: e, href: href({ effect: query.effect.filter((x) => x !== e) }) });
  for (const b of query.brand) {
    const label = names.brands.find((x) => x.slug === b)?.name ?? b;
    chips.push({ label, href: href({ brand: query.brand.filter((x) => x !== b) }) });
  }
  const range = (min: string, max: string, unit: (v: string) => string) =>
    min && max ? `${unit(min)}–${unit(max)}` : min ? `from ${unit(min)}` : `up to ${unit(max)}`;
  if (query.thcMin || query.thcMax) {
    chips.push({
      label: `THC ${range(query.thcMin, query.thcMax, (v) => `${v}%`)}`,
      href: href({ thcMin: "", thcMax: "" }),
    });
  }
  if (query.priceMin || query.priceMax) {
    chips.push({
      label: `Price ${range(query.priceMin, query.priceMax, (v) => `$${v}`)}`,
      href: href({ priceMin: "", priceMax: "" }),
    });
  }
  return chips;
}

/** The chosen filters as removable chips above the results, with "Clear all" when there are several. */
export function ActiveFilters({ query, chips }: { query: MenuParams; chips: Chip[] }) {
  if (chips.length === 0) return null;
  return (
    <ul aria-label="Chosen filters" className="flex flex-wrap items-center gap-2">
      {chips.map((chip) => (
        <li key={chip.href}>
          <Link
            href={chip.href}
            scroll={false}
            aria-label={`Remove filter: ${chip.label}`}
            className="inline-flex min-h-9 items-center gap-1 rounded-full bg-stone-800 px-3 text-sm text-white"
          >
            {chip.label} <span aria-hidden="true">✕</span>
          </Link>
        </li>
      ))}
      {chips.length > 1 ? (
        <li>
          <Link
            href={menuHref(query, CLEARED)}
            scroll={false}
            className="min-h-9 px-2 text-sm font-semibold underline"
          >
            Clear all
          </Link>
        </li>
      ) : null}
    </ul>
  );
}
