import type { Browser, Page } from "@playwright/test";
import {
  emptyCart,
  expect,
  passAgeGate,
  platform,
  signIn,
  storefront,
  submitSignIn,
  test,
  trpc,
} from "./support";

type MenuVariant = { id: string; weightMg: number | null; priceCents: number; available: number };
type MenuPage = { products: Array<{ name: string; variants: MenuVariant[] }> };

/** Greenleaf Mission District and a customer's home about 1.4 km north of it (inside its own ZIP). */
const STORE = { latitude: 37.7626, longitude: -122.4194 };
const HOME = { latitude: 37.7749, longitude: -122.4194 };

async function staffPage(
  browser: Browser,
  email: string,
  ip: string,
  options: Parameters<Browser["newContext"]>[0] = {},
) {
  const context = await browser.newContext({ ...options, extraHTTPHeaders: { "x-forwarded-for": ip } });
  const page = await context.newPage();
  await signIn(page, email, { from: "/dashboard/sign-in" });
  return { context, page };
}

test("a driver advances a delivery and the shopper's order page follows it live", async ({
  page,
  browser,
}) => {
  // Three browsers and a dozen live steps: longer than the default minute on a busy machine.
  test.setTimeout(180_000);
  // The shopper signs in, fills a delivery cart (over the $50 minimum of the store's ZIP) and checks out.
  await page.goto(storefront("greenleaf", "/sign-in?next=%2Fcart"));
  await passAgeGate(page);
  await submitSignIn(page, "shopper@greenleaf.test");
  await expect(page).toHaveURL(/\/cart$/);
  await emptyCart(page);
  const locations = await trpc<Array<{ id: string; name: string }>>(page, "storefront.locations", undefined);
  const mission = locations.find((l) => l.name === "Greenleaf Mission District")!;
  const menu = await trpc<MenuPage>(page, "storefront.products", {
    category: "flower",
    locationId: mission.id,
    pageSize: 100,
  });
  const variant = menu.products
    .flatMap((p) => p.variants)
    .find((v) => v.weightMg === 3_500 && v.available >= 4 && v.priceCents * 3 >= 5_000)!;
  expect(variant).toBeTruthy();
  await trpc(page, "cart.add", { variantId: variant.id, quantity: 3 }, "POST");
  await trpc(
    page,
    "cart.setFulfillment",
    {
      locationId: mission.id,
      fulfillment: "delivery",
      address: { line1: "1 Dolores St", city: "San Francisco", state: "CA", postalCode: "94110", ...HOME },
    },
    "POST",
  );
  await page.goto(storefront("greenleaf", "/checkout"));
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByText(/From Greenleaf Mission District to 1 Dolores St/)).toBeVisible();
  await page.getByRole("radio", { name: "Cash" }).check();
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const orderNumber = (await page.getByRole("heading", { level: 1 }).innerText()).replace("Order #", "");
  await expect(page.getByTestId("order-status")).toHaveText("Received");

  // Staff prepare it, send it out and give it to the driver on the dispatch board.
  const staff = await staffPage(browser, "manager@greenleaf.test", "198.51.210.11");
  await staff.page.goto(platform("/dashboard/orders"));
  const card = staff.page.getByTestId("queue-order").filter({ hasText: `#${orderNumber}` });
  for (const [action, section] of [
    ["Confirm", /^Confirmed/],
    ["Start preparing", /^Preparing/],
    ["Out for delivery", /^Out for delivery/],
  ] as const) {
    await card.getByRole("button", { name: `${action} order #${orderNumber}` }).click();
    await expect(staff.page.getByRole("region", { name: section })).toContainText(`#${orderNumber}`);
  }
  await expect(page.getByTestId("order-status")).toHaveText("Out for delivery");
  await expect(page.getByTestId("delivery-status")).toContainText("Waiting for a driver");

  await staff.page
    .getByRole("navigation", { name: "Dashboard" })
    .getByRole("link", { name: "Deliveries", exact: true })
    .click();
  const waiting = staff.page.getByRole("region", { name: /^Waiting for a driver/ });
  const dispatchCard = waiting.getByTestId("dispatch-delivery").filter({ hasText: `Order #${orderNumber}` });
  await dispatchCard.getByLabel(`Driver for order #${orderNumber}`).selectOption({ label: "Luis Ortega" });
  await dispatchCard.getByRole("button", { name: `Assign order #${orderNumber}` }).click();
  const underWay = staff.page.getByRole("region", { name: /^Under way/ });
  await expect(underWay).toContainText(`Order #${orderNumber}`);
  const manifestUrl = await underWay
    .getByRole("link", { name: `Manifest for order #${orderNumber}` })
    .getAttribute("href");
  await expect(page.getByTestId("delivery-status")).toContainText("Driver assigned");

  // The driver, on a phone with location allowed, sees only their delivery and moves it along.
  const driver = await staffPage(browser, "driver@greenleaf.test", "198.51.210.12", {
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    permissions: ["geolocation"],
    geolocation: { ...STORE, accuracy: 10 },
  });
  await driver.page.goto(platform("/dashboard/driver"));
  const mine = driver.page.getByTestId("driver-delivery").filter({ hasText: `Order #${orderNumber}` });
  await expect(mine).toBeVisible();
  await expect(driver.page.getByTestId("location-sharing")).toContainText("Sharing your location");
  await mine.getByRole("button", { name: `Picked up order #${orderNumber}` }).click();
  await expect(mine.getByTestId("driver-status")).toHaveText("Picked up");

  // The shopper now sees the step, the driver on the map and the distance left.
  await expect(page.getByTestId("delivery-status")).toContainText("Picked up");
  await expect(page.getByTestId("delivery-status")).toContainText("your driver is Luis");
  const tracker = page.getByTestId("delivery-tracker");
  await expect(tracker.getByTestId("driver-marker")).toBeVisible();
  await expect(tracker.getByTestId("delivery-progress")).toContainText("1.4 km to go");

  // The driver drives halfway: the shopper's page moves with them.
  await driver.context.setGeolocation({ latitude: 37.7688, longitude: -122.4194, accuracy: 10 });
  await mine.getByRole("button", { name: `On my way order #${orderNumber}` }).click();
  await expect(page.getByTestId("delivery-status")).toContainText("On the way");
  await expect(tracker.getByTestId("delivery-progress")).toContainText("680 m to go");

  await mine.getByRole("button", { name: `Arriving order #${orderNumber}` }).click();
  await expect(page.getByTestId("delivery-status")).toContainText("Arriving");
  await mine.getByRole("button", { name: `Delivered order #${orderNumber}` }).click();
  await mine
    .getByRole("button", { name: `Confirm delivered: ID checked, paid order #${orderNumber}` })
    .click();
  await expect(driver.page.getByText("No deliveries assigned to you right now.")).toBeVisible();
  await expect(driver.page.getByTestId("location-sharing")).toContainText("Location is not shared");

  // Delivered completes the order.
  await expect(page.getByTestId("order-status")).toHaveText("Completed");

  // The manifest lists what went out, to whom, by whom and when.
  await staff.page.goto(platform(manifestUrl!));
  const manifest = staff.page.getByRole("article");
  await expect(manifest.getByRole("heading", { level: 1 })).toHaveText(
    `Delivery manifest · Order #${orderNumber}`,
  );
  await expect(manifest).toContainText("1 Dolores St");
  await expect(manifest).toContainText("Luis Ortega");
  await expect(manifest).toContainText("Status: Delivered");
  await expect(manifest.getByRole("table")).toContainText(/not allocated|1A4/);
  await expect(manifest.getByRole("definition").filter({ hasText: "—" })).toHaveCount(0);
  await driver.context.close();
  await staff.context.close();
});

test("a driver with nothing assigned shares no location and cannot open the dispatch board", async ({
  browser,
}) => {
  const driver = await staffPage(browser, "driver@mile-high.test", "198.51.210.13", {
    viewport: { width: 390, height: 844 },
    isMobile: true,
  });
  await driver.page.goto(platform("/dashboard/driver"));
  await expect(driver.page.getByRole("heading", { name: "My deliveries" })).toBeVisible();
  await expect(driver.page.getByText("No deliveries assigned to you right now.")).toBeVisible();
  await expect(driver.page.getByTestId("location-sharing")).toContainText("Location is not shared");
  // A driver cannot open the dispatch board.
  await driver.page.goto(platform("/dashboard/deliveries"));
  await expect(driver.page.getByText(/Your role \(driver\) does not allow this/)).toBeVisible();
  await driver.context.close();
});
