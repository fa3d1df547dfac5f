import type { Page } from "@playwright/test";
import { expect, passAgeGate, signIn, storefront, submitSignIn, test, trpc } from "./support";

type MenuVariant = { id: string; name: string; weightMg: number | null; available: number };
type MenuPage = { products: Array<{ name: string; variants: MenuVariant[] }> };

/** A flower variant in stock at a location, optionally of an exact weight. */
async function findFlower(page: Page, locationName: string, weightMg?: number) {
  const locations = await trpc<Array<{ id: string; name: string }>>(page, "storefront.locations", undefined);
  const location = locations.find((l) => l.name === locationName)!;
  const menu = await trpc<MenuPage>(page, "storefront.products", {
    category: "flower",
    locationId: location.id,
    pageSize: 100,
  });
  for (const product of menu.products) {
    const variant = product.variants.find((v) => v.available >= 3 && (!weightMg || v.weightMg === weightMg));
    if (variant) return { product: product.name, variant };
  }
  throw new Error(`no flower in stock at ${locationName}`);
}

async function addToCart(page: Page, variantId: string, quantity: number) {
  await trpc(page, "cart.add", { variantId, quantity }, "POST");
}

async function pickUpAt(page: Page, locationName: string) {
  await page.reload();
  await page.getByRole("radio", { name: new RegExp(locationName) }).check();
  await expect(page.getByText(`Pickup at ${locationName}: bring your ID.`)).toBeVisible();
}

test("a shopper orders for pickup and watches staff move the order to ready, live", async ({
  page,
  browser,
}) => {
  await page.goto(storefront("greenleaf", "/cart"));
  await passAgeGate(page);
  await expect(page.getByText("Your cart is empty.")).toBeVisible();
  const { product, variant } = await findFlower(page, "Greenleaf Mission District", 3_500);
  await addToCart(page, variant.id, 1);
  await page.reload();
  await expect(
    page.getByText("Taxes and any delivery fee are calculated once you pick a location."),
  ).toBeVisible();

  await pickUpAt(page, "Greenleaf Mission District");
  await expect(page.getByRole("link", { name: /Cart\W*1 item/ })).toBeVisible();
  // With a location chosen the cart shows the taxes and total checkout will charge.
  await expect(page.getByTestId("cart-total")).toHaveText(/^\$[\d,]+\.\d\d$/);
  await expect(page.getByRole("list", { name: "Items in your cart" })).toContainText(product);
  await page.getByRole("button", { name: `Increase quantity of ${product} (${variant.name})` }).click();
  await expect(page.getByRole("link", { name: /Cart\W*2 items/ })).toBeVisible();

  await page.getByRole("link", { name: "Sign in to check out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fcheckout/);
  await submitSignIn(page, "shopper@greenleaf.test");
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByText("Greenleaf Mission District, 2150 Mission St")).toBeVisible();
  await expect(page.getByRole("region", { name: "Your order" })).toContainText(`2 × ${product}`);
  await page.getByRole("radio", { name: "Cash" }).check();
  await page.getByRole("button", { name: "Place order" }).click();

  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const heading = await page.getByRole("heading", { level: 1 }).innerText();
  const orderNumber = heading.replace("Order #", "");
  await expect(page.getByTestId("order-status")).toHaveText("Received");
  await expect(page.getByText("Updates live.")).toBeVisible();

  const staffContext = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "198.51.200.7" } });
  const staff = await staffContext.newPage();
  await signIn(staff, "manager@greenleaf.test", { from: "/dashboard/sign-in" });
  await staff.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Orders" }).click();
  const card = staff.getByTestId("queue-order").filter({ hasText: `#${orderNumber}` });
  await expect(staff.getByRole("region", { name: /^New/ })).toContainText(`#${orderNumber}`);
  for (const [action, section] of [
    ["Confirm", /^Confirmed/],
    ["Start preparing", /^Preparing/],
    ["Mark ready", /^Ready/],
  ] as const) {
    await card.getByRole("button", { name: `${action} order #${orderNumber}` }).click();
    await expect(staff.getByRole("region", { name: section })).toContainText(`#${orderNumber}`);
  }
  await staffContext.close();

  await expect(page.getByTestId("order-status")).toHaveText("Ready for pickup");
  await expect(page.getByRole("list", { name: "Status history" })).toContainText("Being prepared");
  await expect(page.getByRole("button", { name: "Cancel order" })).toHaveCount(0);
});

test("a shopper over the daily limit is told the limit at checkout", async ({ page }) => {
  await page.goto(storefront("mile-high", "/cart"));
  await passAgeGate(page);
  const { variant } = await findFlower(page, "Mile High RiNo", 28_000);
  await addToCart(page, variant.id, 2);
  await pickUpAt(page, "Mile High RiNo");

  await page.getByRole("link", { name: "Sign in to check out" }).click();
  await submitSignIn(page, "shopper@mile-high.test");
  await expect(page).toHaveURL(/\/checkout$/);
  await page.getByRole("button", { name: "Place order" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "over the limit" });
  await expect(refusal).toContainText(/Colorado allows .*flower.* per day/);
  // 56 g in the cart, plus whatever earlier journeys bought today as the same shopper.
  const counted =
    /Your cart(?: plus today's earlier purchases)? comes? to the equivalent of ([\d.]+) g of flower, ([\d.]+) g over the limit/;
  await expect(refusal).toContainText(counted);
  const [, total, excess] = counted.exec((await refusal.textContent()) ?? "")!;
  expect(Number(total)).toBeGreaterThanOrEqual(56);
  // Each figure is rounded to 0.1 g, so their difference is the 28.35 g limit within 0.1 g.
  expect(Math.abs(Number(total) - Number(excess) - 28.35)).toBeLessThanOrEqual(0.1);
  await expect(page).toHaveURL(/\/checkout$/);
});

test("a shopper adds a product to the cart from its page", async ({ page }) => {
  await page.goto(storefront("mile-high", "/?q=kush"));
  await passAgeGate(page);
  const first = page.getByTestId("product-card").first();
  const name = await first.locator("h3").innerText();
  await first.getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText(/^Added 1 ×/)).toBeVisible();
  await expect(page.getByRole("link", { name: /Cart\W*1 item/ })).toBeVisible();
  await page.getByRole("link", { name: "View cart" }).click();
  await expect(page.getByRole("list", { name: "Items in your cart" })).toContainText(name);
});
