import type { Page } from "@playwright/test";
import { expect, passAgeGate, platform, productNames, storefront, test } from "./support";

const GREENLEAF_LOCATIONS = ["Greenleaf Mission District", "Greenleaf Oakland Uptown"];

test("a shopper searches, filters and opens a product with sizes and stock per location", async ({
  page,
}) => {
  await page.goto(storefront("greenleaf"));
  await passAgeGate(page);
  const search = page.getByRole("search", { name: "Search and filter the menu" });
  await search.getByLabel("Search the menu").fill("kush");
  await search.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/[?&]q=kush/);
  const kush = await productNames(page);
  expect(kush.length).toBeGreaterThan(3);

  // Each choice applies at once; there is no Apply button to press with JavaScript on. The search above may
  // have been a plain form post (the menu works without JavaScript), so wait until the filters run in the page.
  await expect(search.getByRole("button", { name: "Apply filters" })).toBeHidden();
  await search.getByLabel("Category").selectOption("flower");
  await expect(page).toHaveURL(/category=flower/);
  await search.getByRole("checkbox", { name: /Indica/ }).check();
  await expect(page).toHaveURL(/strain=indica/);
  await expect(page).toHaveURL(/category=flower/);
  await expect(search.getByRole("button", { name: "Apply filters" })).toBeHidden();
  await expect(page.getByLabel("Search the menu")).toHaveValue("kush"); // filters and search stay in the URL
  expect(await productNames(page)).toEqual(["Kaveman Kush"]);
  const card = page.getByTestId("product-card");
  await expect(card).toContainText("Flower");
  await expect(card).toContainText("Indica");

  // Mile High sells other Kush indica flowers; none of them appear here.
  await page.goto(storefront("mile-high", "/?q=kush&category=flower&strain=indica"));
  await passAgeGate(page);
  const mileHigh = await productNames(page);
  expect(mileHigh.length).toBeGreaterThan(1);
  expect(mileHigh).not.toContain("Kaveman Kush");

  await page.goto(storefront("greenleaf", "/?q=kush&category=flower&strain=indica"));
  await page.getByRole("link", { name: "Kaveman Kush" }).click();
  await expect(page).toHaveURL(/\/p\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kaveman Kush");
  const variants = page.getByTestId("variants");
  await expect(variants.getByRole("row")).toHaveCount(6); // header + 1, 3.5, 7, 14 and 28 g
  await expect(variants).toContainText("3.5 g");
  await expect(variants.getByRole("columnheader", { name: "Medical price" })).toBeVisible();
  const stock = page.getByTestId("stock-by-location");
  for (const name of GREENLEAF_LOCATIONS) await expect(stock.getByRole("heading", { name })).toBeVisible();
  await expect(stock.getByText(/Open now|Closed now/)).toHaveCount(2);
  await expect(stock).not.toContainText("Mile High");
});

test("the location picker scopes the stock shown and remembers the choice", async ({ page }) => {
  await page.goto(storefront("greenleaf", "/?q=kaveman"));
  await passAgeGate(page);
  const picker = page.getByTestId("location-picker");
  await picker.getByText("Change").click();
  await picker.getByRole("radio", { name: /Greenleaf Oakland Uptown/ }).check();
  await picker.getByRole("button", { name: "Use this location" }).click();
  await expect(page).toHaveURL(/\?q=kaveman$/);
  await expect(picker).toContainText("Stock shown for Greenleaf Oakland Uptown");
  await expect(page.getByText(/stock at Greenleaf Oakland Uptown/)).toBeVisible();

  await page.getByRole("link", { name: "Kaveman Kush" }).click();
  await expect(
    page.getByTestId("variants").getByRole("columnheader", { name: /In stock at Greenleaf Oakland Uptown/ }),
  ).toBeVisible();
});

/** Fetches through the browser: Chromium resolves *.localhost, Node's resolver (the request fixture) does not. */
async function fetchText(page: Page, url: string) {
  const response = await page.goto(url);
  return {
    status: response?.status(),
    type: response?.headers()["content-type"] ?? "",
    text: (await response?.text()) ?? "",
  };
}

test("a product of another dispensary is a 404 on this one", async ({ page }) => {
  const sitemap = (await fetchText(page, storefront("mile-high", "/sitemap.xml"))).text;
  const mileHighPath = /<loc>http:\/\/mile-high\.[^/]+(\/p\/[a-z0-9-]+)<\/loc>/.exec(sitemap)![1]!;
  expect((await page.goto(storefront("mile-high", mileHighPath)))?.status()).toBe(200);

  const response = await page.goto(storefront("greenleaf", mileHighPath));
  expect(response?.status()).toBe(404);
  await passAgeGate(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We couldn’t find that product");
});

test("each storefront's sitemap lists its own products only", async ({ page }) => {
  const greenleaf = await fetchText(page, storefront("greenleaf", "/sitemap.xml"));
  expect(greenleaf.status).toBe(200);
  expect(greenleaf.type).toContain("xml");
  const locs = [...greenleaf.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
  expect(locs[0]).toBe(storefront("greenleaf", "/"));
  expect(locs.length).toBeGreaterThan(300);
  expect(locs.slice(1).every((loc) => loc.startsWith(storefront("greenleaf", "/p/")))).toBe(true);
  expect(greenleaf.text).not.toContain("mile-high");

  const mileHigh = (await fetchText(page, storefront("mile-high", "/sitemap.xml"))).text;
  const mileHighSlugs = [...mileHigh.matchAll(/\/p\/([a-z0-9-]+)</g)].map((m) => m[1]!);
  expect(mileHighSlugs.length).toBeGreaterThan(300);
  const greenleafSlugs = new Set(locs.map((loc) => loc.split("/p/")[1]));
  expect(mileHighSlugs.filter((slug) => greenleafSlugs.has(slug))).toEqual([]);

  for (const slug of ["dormant", "no-such-store"]) {
    expect((await fetchText(page, storefront(slug, "/sitemap.xml"))).status).toBe(404);
  }
});

test("robots.txt answers on a storefront and on the platform", async ({ page }) => {
  const store = await fetchText(page, storefront("greenleaf", "/robots.txt"));
  expect(store.status).toBe(200);
  expect(store.text).toContain("Disallow: /account");
  expect(store.text).toContain("Disallow: /api/");
  expect(store.text).toContain(`Sitemap: ${storefront("greenleaf", "/sitemap.xml")}`);

  const root = await fetchText(page, platform("/robots.txt"));
  expect(root.status).toBe(200);
  expect(root.text).toContain("Disallow: /dashboard");
  expect(root.text).not.toContain("Sitemap:");

  expect((await fetchText(page, storefront("dormant", "/robots.txt"))).status).toBe(404);
});
