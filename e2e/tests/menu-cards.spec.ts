import type { Locator } from "@playwright/test";
import { expect, passAgeGate, storefront, submitSignIn, test } from "./support";

const PHONE = { width: 390, height: 844 };

/** Whether two elements' boxes overlap on screen. */
async function overlap(a: Locator, b: Locator) {
  const [x, y] = [(await a.boundingBox())!, (await b.boundingBox())!];
  return x.x < y.x + y.width && y.x < x.x + x.width && x.y < y.y + y.height && y.y < x.y + x.height;
}

test("on a phone the first products are on the first screen and a card adds to the cart in one tap", async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await page.goto(storefront("greenleaf", "/"));
  await passAgeGate(page);

  const first = page.getByTestId("product-card").first();
  await expect(first).toBeVisible();
  expect((await first.boundingBox())!.y).toBeLessThan(PHONE.height);
  // Every card shows a picture: the product's photo or its category's placeholder.
  const cards = await page.getByTestId("product-card").count();
  const pictured = await page
    .getByTestId("product-card")
    .filter({ has: page.locator("img, [data-testid=image-placeholder]") })
    .count();
  expect(pictured).toBe(cards);

  // A fresh visitor's cart is empty: no bar yet.
  await expect(page.getByTestId("phone-cart-bar")).toHaveCount(0);
  const card = page
    .getByTestId("product-card")
    .filter({ has: page.getByTestId("quick-add") })
    .first();
  const name = (await card.locator("h3").innerText()).trim();
  await card.getByRole("button", { name: new RegExp(`^Add ${name}.* to cart$`) }).click();
  await expect(card.getByText("Added to cart")).toBeVisible();
  await expect(page).toHaveURL(storefront("greenleaf", "/")); // the tap added; it did not open the product

  const bar = page.getByTestId("phone-cart-bar");
  await expect(bar).toBeVisible();
  await expect(bar).toContainText("1 item");
  await expect(page.getByRole("link", { name: /^Cart\s*1 item$/ })).toBeVisible();
  // The bar is pinned to the bottom of the screen, and the assistant's button moves clear of it.
  const box = (await bar.boundingBox())!;
  expect(Math.round(box.y + box.height)).toBe(PHONE.height);
  expect(await overlap(bar, page.getByRole("button", { name: "Ask about the menu" }))).toBe(false);

  await bar.getByRole("link").click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByText(name).first()).toBeVisible();
});

test("on a phone the product page keeps its add-to-cart bar on screen; on a desktop nothing is pinned", async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await page.goto(storefront("greenleaf", "/"));
  await passAgeGate(page);
  const href = await page.getByTestId("product-card").first().getByRole("link").first().getAttribute("href");
  await page.goto(storefront("greenleaf", href!));
  await page.mouse.wheel(0, 5_000); // down to the reviews
  const bar = page.getByTestId("add-to-cart-bar");
  await expect(bar.getByRole("button", { name: /Add to cart|Sold out/ })).toBeInViewport();
  const box = (await bar.boundingBox())!;
  expect(Math.round(box.y + box.height)).toBe(PHONE.height);

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(storefront("greenleaf", href!));
  expect(await bar.evaluate((e) => getComputedStyle(e).position)).toBe("static");

  // Desktop menu: quick add works, and no phone bar appears.
  await page.goto(storefront("greenleaf", "/"));
  await page.getByTestId("quick-add").first().click();
  await expect(page.getByRole("link", { name: /^Cart\s*1 item$/ })).toBeVisible();
  await expect(page.getByTestId("phone-cart-bar")).toBeHidden();
});

test("a guest's menu shows no hearts and asks nothing about saved products; a shopper signs in to the menu, saves from a card and signs out to the menu", async ({
  page,
}) => {
  const asked: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("wishlist.ids")) asked.push(request.url());
  });
  await page.goto(storefront("greenleaf", "/"));
  await passAgeGate(page);
  await expect(page.getByTestId("product-card").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(asked).toEqual([]);
  await expect(page.getByRole("button", { name: /^Save / })).toHaveCount(0);

  // Signing in with the menu as the way back lands on this store's menu, signed in.
  await page.goto(storefront("greenleaf", "/sign-in?next=%2F"));
  await submitSignIn(page, "shopper@greenleaf.test");
  await expect(page.getByRole("link", { name: "My account" })).toBeVisible();
  await expect(page).toHaveURL(storefront("greenleaf", "/"));
  const card = page.getByTestId("product-card").first();
  const name = (await card.locator("h3").innerText()).trim();
  const heart = card.getByRole("button", { name: new RegExp(`^(Save|Remove) ${escapeRegExp(name)}`) });
  await expect(heart).toBeVisible();
  expect(asked.length).toBeGreaterThan(0);
  // Whatever the shopper's list held before, the heart turns it over and a reload shows the server's answer.
  const wasSaved = (await heart.getAttribute("aria-pressed")) === "true";
  await heart.click();
  await expect(heart).toHaveAttribute("aria-pressed", String(!wasSaved));
  await page.reload();
  await expect(heart).toHaveAttribute("aria-pressed", String(!wasSaved));
  await heart.click();
  await expect(heart).toHaveAttribute("aria-pressed", String(wasSaved));

  // Signing out lands on this store's menu too (both once showed the platform's landing page at its address).
  await page.goto(storefront("greenleaf", "/account"));
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(storefront("greenleaf", "/"));
  await expect(page.getByTestId("product-grid")).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
