import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, passAgeGate, platform, signIn, storefront, submitSignIn, test, trpc } from "./support";

type MenuPage = {
  products: Array<{
    name: string;
    variants: Array<{ id: string; name: string; weightMg: number | null; available: number }>;
  }>;
};

/** Serious and critical axe-core findings on the current page, as readable lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** A cart with one small flower at the store's first location, chosen for pickup. */
async function cartAt(page: Page, slug: string, locationName: string) {
  const locations = await trpc<Array<{ id: string; name: string }>>(page, "storefront.locations", undefined);
  const location = locations.find((l) => l.name === locationName)!;
  const menu = await trpc<MenuPage>(page, "storefront.products", {
    category: "flower",
    locationId: location.id,
    pageSize: 100,
  });
  const product = menu.products.find((p) =>
    p.variants.some((v) => v.available >= 3 && (v.weightMg ?? 0) <= 3_500),
  )!;
  const variant = product.variants.find((v) => v.available >= 3 && (v.weightMg ?? 0) <= 3_500)!;
  await trpc(page, "cart.add", { variantId: variant.id, quantity: 1 }, "POST");
  await trpc(page, "cart.setFulfillment", { locationId: location.id, fulfillment: "pickup" }, "POST");
  return { product: product.name, variant };
}

for (const viewport of [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 900 },
]) {
  test(`the cart meters the state's limits and checkout picks a pickup time, with the ready time on the order (${viewport.name})`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.goto(storefront("greenleaf", "/cart"));
    await passAgeGate(page);
    await cartAt(page, "greenleaf", "Greenleaf Mission District");
    await page.reload();

    // The meter names the rule in plain words with its citation; age and ID wait for sign-in.
    const readiness = page.getByRole("region", { name: "Purchase limits, age and ID" });
    await expect(readiness.getByTestId("limit-gauge").first()).toContainText(
      /California allows .* per day\./,
    );
    await expect(readiness).toContainText("Source: 4 CCR § 15409(a)");
    await expect(readiness).toContainText("Age and ID are checked once you sign in");
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("link", { name: "Sign in to check out" }).click();
    await submitSignIn(page, "shopper@greenleaf.test");
    await expect(page).toHaveURL(/\/checkout$/);
    // The earliest offered time is chosen for the shopper; the list is on the store's clock.
    const time = page.getByLabel("Pickup time");
    await expect(time).toHaveValue(/^\d{4}-\d\d-\d\dT/);
    const chosen = await time.locator("option:checked").innerText();
    await expect(page.getByRole("region", { name: "Purchase limits, age and ID" })).toContainText(
      "Age and ID: ready to order.",
    );
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Place order" }).click();
    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("expected-time")).toContainText(`Expected ready for pickup:`);
    await expect(page.getByTestId("expected-time")).toContainText(chosen);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test("checkout refuses, saying what changed, when the cart changed after the review", async ({ page }) => {
  await page.goto(storefront("mile-high", "/cart"));
  await passAgeGate(page);
  const { product, variant } = await cartAt(page, "mile-high", "Mile High RiNo");
  await page.reload();
  await page.getByRole("link", { name: "Sign in to check out" }).click();
  await submitSignIn(page, "shopper@mile-high.test");
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByRole("region", { name: "Your order" })).toContainText(`1 × ${product}`);
  await expect(page.getByLabel("Pickup time")).toHaveValue(/T/);

  // Another window changes the quantity after this review was shown.
  await trpc(page, "cart.update", { variantId: variant.id, quantity: 2 }, "POST");
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Your cart changed" })).toContainText(
    `Your cart changed: ${product} (${variant.name}) is now 2. Review your order and place it again.`,
  );
  await expect(page).toHaveURL(/\/checkout$/);
  // The review now shows what would be charged; placing again succeeds.
  await expect(page.getByRole("region", { name: "Your order" })).toContainText(`2 × ${product}`);
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
});

test("staff confirming an order sends the shopper one branded status email, in the dev mailbox", async ({
  page,
  browser,
}) => {
  await page.goto(storefront("greenleaf", "/cart"));
  await passAgeGate(page);
  await cartAt(page, "greenleaf", "Greenleaf Mission District");
  await page.reload();
  await page.getByRole("link", { name: "Sign in to check out" }).click();
  await submitSignIn(page, "shopper@greenleaf.test");
  await expect(page.getByLabel("Pickup time")).toHaveValue(/T/);
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const orderNumber = (await page.getByRole("heading", { level: 1 }).innerText()).replace("Order #", "");

  const staffContext = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "198.51.200.9" } });
  const staff = await staffContext.newPage();
  await signIn(staff, "manager@greenleaf.test", { from: "/dashboard/sign-in" });
  await staff.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Orders" }).click();
  const card = staff.getByTestId("queue-order").filter({ hasText: `#${orderNumber}` });
  await expect(card.getByTestId("queue-order-time")).toContainText(/^Ready by /);
  await card.getByRole("button", { name: `Confirm order #${orderNumber}` }).click();
  await expect(staff.getByRole("region", { name: /^Confirmed/ })).toContainText(`#${orderNumber}`);
  await staffContext.close();

  await page.goto(platform(`/dev/mailbox?to=${encodeURIComponent("shopper@greenleaf.test")}`));
  const confirmed = page.getByTestId("mail").filter({ hasText: `Order #${orderNumber} is confirmed` });
  await expect(confirmed).toHaveCount(1);
  await expect(confirmed).toContainText("Greenleaf Dispensary");
});
