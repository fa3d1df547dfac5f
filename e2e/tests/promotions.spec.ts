import type { Page } from "@playwright/test";
import { emptyCart, expect, passAgeGate, platform, storefront, submitSignIn, test, trpc } from "./support";

type MenuVariant = {
  id: string;
  name: string;
  weightMg: number | null;
  available: number;
  deal: { dealPriceCents: number } | null;
};
type MenuProduct = { name: string; variants: MenuVariant[]; dealNames: string[] };
type MenuPage = { products: MenuProduct[] };

const STORE_ZONE = "America/Denver"; // Mile High Cannabis Co.
const HAPPY_HOUR = "E2E happy hour: 25% off flower";

/** "HH:MM" on the store's clock, `hours` from now (wrapping past midnight). */
function storeClock(hours: number) {
  const at = new Date(Date.now() + hours * 3_600_000);
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: STORE_ZONE,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
}

async function inStock(page: Page, category: string, locationId: string) {
  const menu = await trpc<MenuPage>(page, "storefront.products", { category, locationId, pageSize: 100 });
  for (const product of menu.products) {
    // The lightest stocked size, so the cart stays within the state's daily limit whatever sizes are in stock.
    const variant = product.variants
      .filter((v) => v.available >= 5)
      .sort((a, b) => (a.weightMg ?? 0) - (b.weightMg ?? 0))[0];
    if (variant) return { product, variant };
  }
  throw new Error(`nothing in stock in ${category}`);
}

test("a shopper sees a happy-hour price, adds a bundle, applies a coupon, and the order charges the cart's total", async ({
  page,
  browser,
}) => {
  // A long journey across two people and two surfaces (the manager creates and then edits the deal).
  test.setTimeout(300_000);
  // A manager starts a happy hour that runs now on the store's clock.
  const staffContext = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "198.51.200.41" } });
  const staff = await staffContext.newPage();
  await staff.goto(platform("/dashboard/sign-in"));
  await submitSignIn(staff, "manager@mile-high.test");
  await staff
    .getByRole("navigation", { name: "Dashboard" })
    .getByRole("link", { name: "Promotions" })
    .click();
  await expect(staff.getByRole("heading", { name: "Promotions", level: 1 })).toBeVisible();
  const form = staff.getByRole("region", { name: "New promotion" });
  await form.getByLabel("Name", { exact: true }).fill(HAPPY_HOUR);
  await form.getByRole("textbox", { name: "Percent off" }).fill("20");
  await form.getByRole("group", { name: "Categories" }).getByRole("checkbox", { name: "Flower" }).check();
  await form.getByLabel("Daily from (happy hour)").fill(storeClock(-1));
  await form.getByLabel("Daily until").fill(storeClock(2));
  await form.getByRole("button", { name: "Create promotion" }).click();
  await expect(form.getByRole("status")).toHaveText(`${HAPPY_HOUR} created.`);
  const row = staff.getByTestId("promotion-row").filter({ hasText: HAPPY_HOUR });
  await expect(row).toContainText("Live now");
  // The manager raises it to 25% in the edit form, which opens with the deal's values filled in.
  await row.getByRole("button", { name: `Edit ${HAPPY_HOUR}` }).click();
  const edit = staff.getByRole("region", { name: `Edit ${HAPPY_HOUR}` });
  await expect(
    edit.getByRole("group", { name: "Categories" }).getByRole("checkbox", { name: "Flower" }),
  ).toBeChecked();
  await expect(edit.getByRole("textbox", { name: "Percent off" })).toHaveValue("20");
  await edit.getByRole("textbox", { name: "Percent off" }).fill("25");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByRole("status")).toHaveText(`${HAPPY_HOUR} saved.`);
  await expect(row).toContainText("Live now");
  await staffContext.close();

  // The shopper sees it on the menu, with the price after it.
  await page.goto(storefront("mile-high", "/sign-in"));
  await passAgeGate(page);
  await submitSignIn(page, "shopper@mile-high.test");
  await page.waitForURL((url) => !url.pathname.includes("sign-in"));
  await emptyCart(page);
  const locations = await trpc<Array<{ id: string; name: string }>>(page, "storefront.locations", undefined);
  const rino = locations.find((l) => l.name === "Mile High RiNo")!;
  const flower = await inStock(page, "flower", rino.id);
  expect(flower.product.dealNames).toContain(HAPPY_HOUR);
  await page.goto(storefront("mile-high", "/?category=flower"));
  const card = page.getByTestId("product-card").filter({ hasText: flower.product.name });
  await expect(card.getByText(HAPPY_HOUR)).toBeVisible();
  await expect(card.getByTestId("deal-price")).toBeVisible();

  // Flower at the happy-hour price, plus three pre-rolls for the mix-and-match bundle.
  const preRoll = await inStock(page, "pre-roll", rino.id);
  await trpc(page, "cart.add", { variantId: flower.variant.id, quantity: 1 }, "POST");
  await trpc(page, "cart.add", { variantId: preRoll.variant.id, quantity: 3 }, "POST");
  await page.goto(storefront("mile-high", "/cart"));
  await page.getByRole("radio", { name: /Mile High RiNo/ }).check();
  await expect(page.getByText("Pickup at Mile High RiNo: bring your ID.")).toBeVisible();

  // A code from nowhere is refused with the reason; the store's summer code is accepted.
  const code = page.getByLabel("Coupon code");
  await code.fill("NOT-A-CODE");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText(/NOT-A-CODE is not a coupon code at Mile High/)).toBeVisible();
  await code.fill("summer5");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("Code SUMMER5 applied")).toBeVisible();

  const explanation = page.getByTestId("deals-explanation");
  await expect(explanation).toContainText(`${HAPPY_HOUR} applied`);
  await expect(explanation).toContainText("Summer $5 off applied");
  await expect(page.getByRole("list", { name: "Deals applied" })).toContainText("Pre-roll mix & match");
  const cartTotal = await page.getByTestId("cart-total").innerText();
  const cartDiscount = await page.getByTestId("cart-total-discount").innerText();

  // Checkout shows and charges the same.
  await page.goto(storefront("mile-high", "/checkout"));
  await expect(page.getByTestId("review-total")).toHaveText(cartTotal);
  await page.getByRole("radio", { name: "Cash" }).check();
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("order-total")).toHaveText(cartTotal);
  await expect(page.getByRole("row", { name: /Discount/ })).toContainText(cartDiscount.replace("−", "-"));
});
