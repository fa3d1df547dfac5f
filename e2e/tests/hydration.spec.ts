import type { Page } from "@playwright/test";
import { expect, passAgeGate, platform, signIn, storefront, submitSignIn, test } from "./support";

/**
 * React reports a page whose server HTML and first client render differ (a hydration mismatch) on the console:
 * in a production build as minified errors #418, #423 and #425. Such a page re-renders from scratch in the
 * browser, dropping what the shopper typed or ticked, so none may have one.
 */
const HYDRATION = /hydrat|#418|#423|#425/i;

function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && HYDRATION.test(message.text())) problems.push(message.text());
  });
  page.on("pageerror", (error) => {
    if (HYDRATION.test(error.message)) problems.push(error.message);
  });
  return problems;
}

/** Opens each page, waits until it is idle (hydrated, effects run), and returns the hydration errors seen. */
async function visit(page: Page, urls: string[], problems: string[]) {
  const found: Record<string, string[]> = {};
  for (const url of urls) {
    problems.length = 0;
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    if (problems.length) found[url] = [...problems];
  }
  return found;
}

test("storefront pages hydrate without a mismatch, signed out and signed in", async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  await page.goto(storefront("greenleaf"));
  await passAgeGate(page);
  const productPath = await page
    .getByTestId("product-card")
    .first()
    .getByRole("link")
    .first()
    .getAttribute("href");
  expect(productPath).toBeTruthy();

  const signedOut = await visit(
    page,
    ["/", "/?category=flower&sort=price_asc", productPath!, "/cart", "/sign-in", "/sign-up"].map((p) =>
      storefront("greenleaf", p),
    ),
    problems,
  );
  expect(signedOut).toEqual({});

  await page.goto(storefront("greenleaf", "/sign-in"));
  await submitSignIn(page, "shopper@greenleaf.test");
  await page.waitForURL((url) => !url.pathname.includes("sign-in"));
  const signedIn = await visit(
    page,
    ["/", "/account", "/orders", "/cart", "/checkout"].map((p) => storefront("greenleaf", p)),
    problems,
  );
  expect(signedIn).toEqual({});
});

test("dashboard pages hydrate without a mismatch", async ({ page }) => {
  test.setTimeout(240_000);
  const problems = watchConsole(page);
  await signIn(page, "owner@greenleaf.test", { from: "/dashboard/sign-in" });
  const found = await visit(
    page,
    [
      "/dashboard",
      "/dashboard/orders",
      "/dashboard/orders/history",
      "/dashboard/reports",
      "/dashboard/insights",
      "/dashboard/catalog",
      "/dashboard/inventory",
      "/dashboard/purchasing",
      "/dashboard/promotions",
      "/dashboard/customers",
      "/dashboard/marketing",
      "/dashboard/loyalty",
      "/dashboard/locations",
      "/dashboard/audit",
      "/dashboard/jobs",
    ].map((p) => platform(p)),
    problems,
  );
  expect(found).toEqual({});
});
