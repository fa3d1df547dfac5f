/**
 * Turns a name into a URL slug: accents dropped, lower case, runs of anything else as one hyphen, at most
 * `maxLength` characters without a trailing hyphen. `fallback` is used when nothing is left (a name of symbols).
 */
export function slugify(text: string, options: { maxLength?: number; fallback?: string } = {}): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, options.maxLength ?? 80)
    .replace(/-+$/g, "");
  return slug || (options.fallback ?? "");
}
