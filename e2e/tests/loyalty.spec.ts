import type { Page } from "@playwright/test";
import { expect, passAgeGate, signIn, storefront, submitSignIn, test, trpc } from "./support";

type MenuPage = {
  products: Array<{
    id: string;
    slug: string;
    name: string;
    variants: Array<{ id: string; available: number }>;
  }>;
};
type Summary = {
  balance: number;
  yearPoints: number;
  progress: { next: { name: string } | null; pointsToNext: number; percent: number };
};

/** A flower product in stock that the signed-in shopper has not reviewed yet. */
async function unreviewedFlower(page: Page) {
  const locations = await trpc<Array<{ id: string; name: string }>>(page, "storefront.locations", undefined);
  const location = locations.find((l) => l.name === "Greenleaf Mission District")!;
  const menu = await trpc<MenuPage>(page, "storefront.products", {
    category: "flower",
    locationId: location.id,
    pageSize: 100,
  });
  for (const product of menu.products) {
    const variant = product.variants.find((v) => v.available >= 2);
    if (!variant) continue;
    const mine = await trpc<{ review: unknown }>(page, "reviews.mine", { productId: product.id });
    if (!mine.review) return { product, variant };
  }
  throw new Error("no unreviewed flower in stock");
}

test("a shopper spends points at checkout, earns on completion, and reviews what they bought", async ({
  page,
  browser,
}) => {
  // One long journey across two people and two surfaces.
  test.setTimeout(300_000);
  const staffContext = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "198.51.201.9" } });
  const staff = await staffContext.newPage();
  await signIn(staff, "manager@greenleaf.test", { from: "/dashboard/sign-in" });
  await staff.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Loyalty" }).click();
  await staff.getByLabel("Search customers").fill("shopper@greenleaf.test");
  await staff.getByRole("button", { name: "Search" }).click();
  await staff.getByRole("link", { name: "Alex Carter" }).click();
  // A manager's adjustment with its reason, so the shopper can afford the $5 reward.
  await staff.getByLabel("Points (negative to remove)").fill("600");
  await staff.getByLabel("Reason").fill("Welcome back gift");
  await staff.getByRole("button", { name: "Adjust points" }).click();
  await expect(staff.getByRole("status")).toContainText("Saved. New balance:");
  await expect(staff.getByRole("table")).toContainText("Welcome back gift");

  await page.goto(storefront("greenleaf", "/sign-in"));
  await passAgeGate(page);
  await submitSignIn(page, "shopper@greenleaf.test");
  await expect(page).toHaveURL(/\/account$/);
  const before = await trpc<Summary>(page, "loyalty.summary", undefined);
  expect(before.balance).toBeGreaterThanOrEqual(600);
  const { product, variant } = await unreviewedFlower(page);
  await trpc(page, "cart.add", { variantId: variant.id, quantity: 2 }, "POST");
  await page.goto(storefront("greenleaf", "/cart"));
  await page.getByRole("radio", { name: /Greenleaf Mission District/ }).check();
  await page.getByRole("radio", { name: "Pickup in store" }).check();
  await expect(page.getByText("Pickup at Greenleaf Mission District: bring your ID.")).toBeVisible();
  await page.getByRole("link", { name: "Check out" }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  // The choice is saved on the server first; the radio follows once the cart comes back with the reward.
  // The reward adds exactly $5 to whatever the store's live deals already take off (the demo's 4-7 pm happy
  // hour on flower is live at those hours on the store's clock).
  await expect(page.getByTestId("review-total")).toBeVisible();
  const discount = page.getByTestId("review-total-discount");
  const discountCents = async () =>
    (await discount.count()) ? Number((await discount.innerText()).replace(/[^\d]/g, "")) : 0;
  const dealsOnly = await discountCents();
  const reward = page.getByRole("radio", { name: /\$5 off your order/ });
  await reward.click();
  await expect(reward).toBeChecked();
  await expect.poll(discountCents).toBe(dealsOnly + 500);
  await page.getByRole("radio", { name: "Cash" }).check();
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const orderNumber = (await page.getByRole("heading", { level: 1 }).innerText()).replace("Order #", "");
  const spent = await trpc<Summary>(page, "loyalty.summary", undefined);
  expect(spent.balance).toBe(before.balance - 500);

  await staff.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Orders" }).click();
  const card = staff.getByTestId("queue-order").filter({ hasText: `#${orderNumber}` });
  for (const [action, next] of [
    ["Confirm", "Start preparing"],
    ["Start preparing", "Mark ready"],
    ["Mark ready", "Complete"],
  ] as const) {
    await card.getByRole("button", { name: `${action} order #${orderNumber}` }).click();
    await expect(card.getByRole("button", { name: `${next} order #${orderNumber}` })).toBeVisible();
  }
  await card.getByRole("button", { name: `Complete order #${orderNumber}` }).click();
  await expect(card).toHaveCount(0);

  await page.goto(storefront("greenleaf", "/account"));
  const balance = Number((await page.getByTestId("points-balance").innerText()).replace(/[^\d]/g, ""));
  expect(balance).toBeGreaterThan(spent.balance);
  // The tier progress moved: the order's points count towards the rolling year, and the page says so.
  const after = await trpc<Summary>(page, "loyalty.summary", undefined);
  expect(after.yearPoints - before.yearPoints).toBe(balance - spent.balance);
  const progress = page.getByTestId("tier-progress");
  if (after.progress.next) {
    await expect(progress).toContainText(`(${after.yearPoints.toLocaleString("en-US")} earned so far)`);
    await expect(
      page.getByRole("progressbar", { name: `Progress to ${after.progress.next.name}` }),
    ).toHaveAttribute("aria-valuenow", String(after.progress.percent));
    // Closer to the same next tier, or past it (the next one is a higher tier now).
    if (after.progress.next.name === before.progress.next?.name)
      expect(after.progress.pointsToNext).toBeLessThan(before.progress.pointsToNext);
  } else {
    await expect(progress).toHaveText("You are in our top tier. Thank you!");
  }
  const history = page.getByRole("list", { name: "Points history" });
  await expect(history).toContainText(`Spent · $5 off your order on order #${orderNumber}`);
  await expect(history).toContainText(`Earned · Order #${orderNumber}`);

  // Now a verified purchaser of the product: the review waits for the store, then shows on the product page.
  await page.goto(storefront("greenleaf", `/p/${product.slug}`));
  await page.getByLabel("Rating").selectOption("4");
  await page.getByLabel("Your review").fill("Lovely citrus aroma and a calm, easy evening.");
  await page.getByRole("button", { name: "Submit review" }).click();
  await expect(page.getByText("your review is waiting for the store's approval")).toBeVisible();

  await staff.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Reviews" }).click();
  const item = staff.getByTestId("review-item").filter({ hasText: "Lovely citrus aroma" });
  await item.getByRole("button", { name: "Approve" }).click();
  await expect(item).toHaveCount(0);
  await staffContext.close();

  await page.reload();
  await expect(page.getByRole("list", { name: `Reviews of ${product.name}` })).toContainText(
    "Lovely citrus aroma and a calm, easy evening.",
  );
  await expect(page.getByTestId("rating-summary")).toBeVisible();
  await expect(page.getByText("Your review is published.")).toBeVisible();
});
