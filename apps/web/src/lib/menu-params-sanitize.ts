import { MENU_SORTS, STRAIN_TYPES } from "@cannasaas/core";
import { MENU_KINDS } from "@cannasaas/validators";
import { SEARCH_MAX_LENGTH, type MenuParams } from "./menu-params";

export { SEARCH_MAX_LENGTH };
/** Pages past this are past the end of any menu; the API refuses them. */
export const MAX_PAGE = 10_000;

const SLUG = /^[a-z0-9-]{1,100}$/;
// Control characters (NUL included) can never be part of a search; PostgreSQL refuses NUL in text outright.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;
const NUMBER = /^\d+(\.\d+)?$/;

/**
 * Menu URL parameters made safe to query with, and what was changed, in words a shopper understands. Anything
 * a hand-edited or stale link can carry (an unknown sort, a NUL byte, a 5,000-character search, page 10^9) is
 * dropped or clamped here, so the menu always answers with a page and a note instead of an error.
 */
export function sanitizeMenuParams(
  raw: MenuParams,
  rawPage: string | undefined,
): { params: MenuParams; notices: string[] } {
  const notices: string[] = [];
  const params = { ...raw };

  let q = raw.q.replace(CONTROL, "").trim();
  if (q !== raw.q) notices.push("Removed characters a search can't contain.");
  if (q.length > SEARCH_MAX_LENGTH) {
    q = q.slice(0, SEARCH_MAX_LENGTH).trim();
    notices.push(
      `Searches are at most ${SEARCH_MAX_LENGTH} characters; searched for the first ${SEARCH_MAX_LENGTH}.`,
    );
  }
  if (q && !/[\p{L}\p{N}]/u.test(q)) {
    notices.push(`“${q}” has no letters or digits to search for, so the whole menu is shown.`);
    q = "";
  }
  params.q = q;

  if (raw.sort && !(MENU_SORTS as readonly string[]).includes(raw.sort)) {
    notices.push("That sort order is not one we offer; sorted by name instead.");
    params.sort = "";
  }
  if (raw.menu && !(MENU_KINDS as readonly string[]).includes(raw.menu)) {
    notices.push("Showing adult-use prices: that price list does not exist.");
    params.menu = "";
  }
  if (raw.category && !SLUG.test(raw.category)) {
    notices.push("That category does not exist; showing every category.");
    params.category = "";
  }
  params.strain = raw.strain.filter((s) => (STRAIN_TYPES as readonly string[]).includes(s));
  params.brand = raw.brand.filter((b) => SLUG.test(b)).slice(0, 50);
  params.effect = raw.effect.filter((e) => e.length <= 40).slice(0, 20);
  if (
    params.strain.length !== raw.strain.length ||
    params.brand.length !== raw.brand.length ||
    params.effect.length !== raw.effect.length
  ) {
    notices.push("Some filters in the link were not recognised and were left out.");
  }
  let badNumber = false;
  for (const key of ["thcMin", "thcMax", "priceMin", "priceMax"] as const) {
    if (raw[key] && !NUMBER.test(raw[key])) {
      params[key] = "";
      badNumber = true;
    }
  }
  if (badNumber) notices.push("THC and price ranges take plain numbers; the others were left out.");

  const page = rawPage?.trim() ? Number(rawPage) : 1;
  if (!Number.isInteger(page) || page < 1) {
    notices.push("That page number is not one we have; showing the first page.");
    params.page = 1;
  } else if (page > MAX_PAGE) {
    params.page = MAX_PAGE;
  } else {
    params.page = page;
  }
  return { params, notices };
}
