import { expect, passAgeGate, productNames, storefront, test } from "./support";

test("the storefront is installable, and offline shows the saved menu with its age", async ({
  page,
  context,
}) => {
  await page.goto(storefront("greenleaf"));
  await passAgeGate(page);

  // The store's own manifest, linked from the page and served on its host.
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  // Fetched by the browser: only it resolves the store's *.localhost host.
  const manifest: unknown = await page.evaluate(() => fetch("/manifest.webmanifest").then((r) => r.json()));
  expect(manifest).toMatchObject({ name: "Greenleaf Dispensary", start_url: "/", display: "standalone" });

  // The worker registers for the whole storefront.
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(storefront("greenleaf", "/"));

  // A visit under the worker's control saves the menu.
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  const online = await productNames(page);
  expect(online.length).toBeGreaterThan(3);
  await expect
    .poll(() => page.evaluate(async () => Boolean(await caches.match("/__offline/last-menu"))))
    .toBe(true);
  const main = page.getByRole("main");
  await expect(main.getByText("You are offline")).toHaveCount(0);

  await context.setOffline(true);
  try {
    await page.reload();
    await expect(main.getByRole("status").filter({ hasText: "You are offline" })).toContainText(
      /You are offline: this is the menu as of .*\d{1,2}:\d{2}/,
    );
    expect(await productNames(page)).toEqual(online);
  } finally {
    await context.setOffline(false);
  }
});
