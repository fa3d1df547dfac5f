import { and, ilike, or, sql, type SQL } from "drizzle-orm";
import { brands, products } from "@cannasaas/db/schema";

/**
 * How alike a search word and the closest run of words in a product's name, strain or brand must be
 * (pg_trgm's word_similarity, 0..1). At 0.5 "blu" finds "Blue" (0.75) and "dreem" finds "Dream" (0.5), while
 * "cake" does not find "Calm" (0.4).
 */
export const FUZZY_WORD_SIMILARITY = 0.5;
/** Shorter words carry too few trigrams to compare; they must appear as typed. */
const FUZZY_MIN_WORD = 3;

/** Escapes LIKE wildcards so user text matches literally (backslash is PostgreSQL's default LIKE escape). */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export const tsQuery = (q: string) => sql`websearch_to_tsquery('english', ${q})`;

/** What a shopper recognises a product by: its name, strain and brand, as one lower-case text. */
export const productWords = sql`lower(${products.name} || ' ' || coalesce(${products.strainName}, '') || ' ' || coalesce(${brands.name}, ''))`;

/** The search's words, or none when it uses web-search syntax ("quotes", -exclusions, or), which is exact. */
export function fuzzyWords(q: string): string[] {
  if (/["]|(^|\s)-\S|\sor\s/i.test(q)) return [];
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.some((w) => w.length >= FUZZY_MIN_WORD) ? words : [];
}

/**
 * Every word of the search close to a word of the product (long words by trigram similarity, short ones as
 * typed); undefined when the search has nothing to compare loosely.
 */
export function fuzzyCondition(q: string): SQL | undefined {
  const words = fuzzyWords(q);
  if (words.length === 0) return undefined;
  return and(
    ...words.map((w) =>
      w.length >= FUZZY_MIN_WORD
        ? sql`word_similarity(${w}, ${productWords}) >= ${FUZZY_WORD_SIMILARITY}`
        : sql`${productWords} like ${`%${escapeLike(w)}%`}`,
    ),
  );
}

/** Full-text match, brand name as typed, or every word close enough: the menu's search condition. */
export function searchCondition(q: string): SQL | undefined {
  return or(
    sql`${products.search} @@ ${tsQuery(q)}`,
    ilike(brands.name, `%${escapeLike(q)}%`),
    fuzzyCondition(q),
  );
}

/**
 * Relevance: full-text rank, a little for a brand-name match, and how closely the search resembles the name
 * (so "blu dream" ranks Blue Dream above Dream Queen).
 */
export function searchRank(q: string): SQL {
  return sql`ts_rank(${products.search}, ${tsQuery(q)})
    + case when ${ilike(brands.name, `%${escapeLike(q)}%`)} then 0.05 else 0 end
    + word_similarity(${q.toLowerCase()}, ${productWords}) * 0.1`;
}
