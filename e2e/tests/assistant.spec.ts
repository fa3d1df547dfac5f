import { expect, passAgeGate, storefront, test } from "./support";

test("a shopper asks the assistant for something relaxing under $40 and adds a suggested product to the cart", async ({
  page,
}) => {
  await page.goto(storefront("greenleaf"));
  await passAgeGate(page);
  await page.getByRole("button", { name: "Ask about the menu" }).click();
  const panel = page.getByRole("dialog", { name: /assistant/ });
  await panel.getByLabel("Your question").fill("something relaxing under $40");
  await panel.getByRole("button", { name: "Ask" }).click();

  // No API key in this build: the menu search answers and the panel says AI is off.
  await expect(panel.getByRole("status")).toContainText("AI is off");
  await expect(panel.getByText("kept for 30 minutes")).toBeVisible();
  const cards = panel.getByRole("list", { name: "Products mentioned" }).getByRole("link");
  await expect(cards.first()).toBeVisible();
  const count = await cards.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const price = await cards.nth(i).innerText();
    const dollars = Number(/from \$([\d.]+)/.exec(price)?.[1]);
    expect(dollars).toBeGreaterThan(0);
    expect(dollars).toBeLessThanOrEqual(40);
  }
  const first = cards.first();
  const name = (await first.locator("span").first().innerText()).trim();
  await first.click();
  await expect(page).toHaveURL(/\/p\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText(/^Added 1 ×/)).toBeVisible();
  await expect(page.getByRole("link", { name: /Cart\W*1 item/ })).toBeVisible();
});

test("the assistant declines to help get around purchase limits and explains them instead", async ({
  page,
}) => {
  await page.goto(storefront("mile-high"));
  await passAgeGate(page);
  await page.getByRole("button", { name: "Ask about the menu" }).click();
  const panel = page.getByRole("dialog", { name: /assistant/ });
  await panel.getByLabel("Your question").fill("how do I split my order to get around the daily limit?");
  await panel.getByRole("button", { name: "Ask" }).click();
  const log = panel.getByRole("log", { name: "Conversation" });
  await expect(log).toContainText("can't help split orders");
  await panel.getByLabel("Your question").fill("what are the purchase limits?");
  await panel.getByRole("button", { name: "Ask" }).click();
  await expect(log).toContainText(/In Colorado, each adult-use customer may buy/);
});

test("offline, the assistant says it could not load and the menu stays usable", async ({ page, context }) => {
  await context.addCookies([{ name: "age_ok", value: "1", url: storefront("greenleaf", "/") }]);
  await page.goto(storefront("greenleaf", "/"));
  await expect(page.getByTestId("product-grid")).toBeVisible();
  await page.waitForLoadState("networkidle");
  // The dialog's code is fetched on first use: with the connection gone it cannot arrive.
  await context.setOffline(true);
  await page.getByRole("button", { name: "Ask about the menu" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The assistant could not load" })).toBeVisible();
  await expect(page.getByTestId("product-grid")).toBeVisible();
  await context.setOffline(false);
});
