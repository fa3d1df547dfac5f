import type { Page, Response } from "@playwright/test";
import postgres from "postgres";
import { expect, passAgeGate, submitSignIn, test } from "./support";

/**
 * The storefront page cache, against the second e2e server: the same build on PostgreSQL (the cache hears of
 * changes through LISTEN/NOTIFY, so it is on only there), seeded with the demo data.
 */
const PORT = Number(process.env.E2E_PAGE_CACHE_PORT ?? 3101);
const store = (slug: string, path = "/") => `http://${slug}.localhost:${PORT}${path}`;
const db = () =>
  postgres(
    `${(process.env.E2E_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres").replace(/\/[^/]*$/, "")}/cannasaas_e2e_${PORT}`,
    { max: 1, onnotice: () => {} },
  );

const cacheOf = (response: Response | null) => response?.headers()["x-page-cache"];

/**
 * Reloads until the page comes from the cache, and returns that load. A render is served only within the
 * minute it was made in, and any change to the store's data (a background job's included) outdates it, so now
 * and then a load is a fresh render; three tries are plenty.
 */
async function reloadFromCache(page: Page) {
  for (let attempt = 1; ; attempt++) {
    const response = await page.reload();
    if (cacheOf(response) === "hit" || attempt === 3) {
      expect(cacheOf(response)).toBe("hit");
      return response;
    }
  }
}
const nonceOf = (response: Response | null) =>
  /'nonce-([^']+)'/.exec(response?.headers()["content-security-policy"] ?? "")?.[1];

/** Blocked scripts and styles show up as console errors naming the policy. */
function cspViolations(page: Page) {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) {
      violations.push(message.text());
    }
  });
  return violations;
}

test("a guest's menu comes from the cache with a nonce of its own each time, and its scripts run", async ({
  page,
}) => {
  const violations = cspViolations(page);
  await page.goto(store("greenleaf", "/?sort=name"));
  const second = await reloadFromCache(page);
  const third = await reloadFromCache(page);
  expect(nonceOf(second)).toBeTruthy();
  expect(nonceOf(second)).not.toBe(nonceOf(third));
  // Answered by server.ts before Next: gzipped once when stored, the nonce spliced in per response, with its
  // length known up front (Next streams its pages in chunks). The browser unpacks it and runs it below.
  const served = await third!.allHeaders();
  expect(served["content-encoding"]).toBe("gzip");
  expect(Number(served["content-length"])).toBeGreaterThan(1000);
  // The page's scripts carry this response's nonce, so they ran: the age gate opens and answers, and a card
  // adds to the cart.
  expect(
    await page
      .locator("script[src]")
      .first()
      .evaluate((s: HTMLScriptElement) => s.nonce),
  ).toBe(nonceOf(third));
  await passAgeGate(page);
  await page.getByTestId("quick-add").first().click();
  await expect(page.getByRole("link", { name: /^Cart\s*1 item$/ })).toBeVisible();
  expect(violations).toEqual([]);
});

test("from a cached menu the router still fetches its payloads from Next: categories, Back and prefetches work", async ({
  page,
  context,
}) => {
  await context.addCookies([{ name: "age_ok", value: "1", url: store("greenleaf") }]);
  // The router's payload fetches look like page loads to the proxy (Next strips their RSC header and `_rsc`):
  // answered with a cached page's HTML instead, they would hang or fall back to full page loads.
  const payloadsFromCache: string[] = [];
  page.on("response", (response) => {
    const request = response.request();
    if (request.resourceType() !== "document" && cacheOf(response)) payloadsFromCache.push(response.url());
  });
  await page.goto(store("greenleaf"));
  await reloadFromCache(page);
  await page.waitForLoadState("networkidle"); // prefetches done
  const documents: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "document") documents.push(request.url());
  });
  await page
    .getByRole("navigation", { name: "Categories" })
    .getByRole("link", { name: /^Flower/ })
    .click();
  await expect(page).toHaveURL(/category=flower/);
  await expect(page.getByTestId("product-card").first()).toBeVisible();
  await page.goBack();
  await expect(page).not.toHaveURL(/category=/);
  await expect(page.getByTestId("product-card").first()).toBeVisible();
  expect(documents).toEqual([]); // both moves were the router's, not page loads
  expect(payloadsFromCache).toEqual([]);
});

test("a stock change, however it is written, shows on the next load of a cached menu", async ({
  page,
  context,
}) => {
  await context.addCookies([{ name: "age_ok", value: "1", url: store("greenleaf") }]);
  await page.goto(store("greenleaf", "/?sort=name"));
  await reloadFromCache(page);
  const card = page.getByTestId("product-card").first();
  const name = (await card.locator("h3").innerText()).trim();

  const sql = db();
  try {
    // Written straight to the rows, as a stock count or METRC sync would: no application code involved.
    await sql`
      update inventory_levels set on_hand = 4321, reserved = 0
      where id = (
        select l.id from inventory_levels l
        join product_variants v on v.id = l.variant_id
        join products p on p.id = v.product_id
        join organizations o on o.id = p.organization_id
        where o.slug = 'greenleaf' and p.name = ${name}
        order by l.id limit 1
      )`;
  } finally {
    await sql.end();
  }
  await expect(async () => {
    const response = await page.reload();
    expect(cacheOf(response)).toBe("miss");
  }).toPass({ timeout: 5_000 });
  await expect(page.getByTestId("product-card").first()).toContainText(/in stock/);
  const shown = await page.getByTestId("product-card").first().innerText();
  expect(Number(/(\d+) in stock/.exec(shown)?.[1])).toBeGreaterThanOrEqual(4321);
});

test("the age gate's answer, the store and a signed-in shopper each get their own page", async ({
  page,
  context,
}) => {
  await page.goto(store("greenleaf"));
  await reloadFromCache(page);
  await expect(page.getByRole("dialog")).toBeVisible();

  await context.addCookies([{ name: "age_ok", value: "1", url: store("greenleaf") }]);
  await page.goto(store("greenleaf"));
  await expect(page.getByTestId("product-card").first()).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // Another store on the same server: its own name, never Greenleaf's cached page. (Past its age gate too:
  // the gate's dialog hides the header from the accessibility tree once its code has loaded.)
  await context.addCookies([{ name: "age_ok", value: "1", url: store("mile-high") }]);
  await page.goto(store("mile-high"));
  await reloadFromCache(page);
  await expect(page.getByRole("banner")).toContainText("Mile High Cannabis Co.");
  await expect(page.getByRole("banner")).not.toContainText("Greenleaf");

  // Signed in, the shopper's pages are rendered for them, never from the cache.
  await page.goto(store("greenleaf", "/sign-in?next=%2F"));
  await submitSignIn(page, "shopper@greenleaf.test");
  await expect(page.getByRole("link", { name: "My account" })).toBeVisible();
  const signedIn = await page.reload();
  expect(cacheOf(signedIn)).toBeUndefined();
  await expect(page.getByRole("link", { name: "My account" })).toBeVisible();
});
