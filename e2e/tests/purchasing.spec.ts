import { expect, signIn, test } from "./support";

test("an owner turns a reorder suggestion into a received purchase order", async ({ page }) => {
  // A long journey (suggest, draft, send, two deliveries) through pages that each forecast or lock rows.
  test.setTimeout(180_000);
  await signIn(page, "owner@greenleaf.test", { from: "/dashboard/sign-in" });
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Purchasing" }).click();
  await expect(page.getByRole("heading", { name: "Purchasing", level: 1 })).toBeVisible();

  // The demo's sales history is at the first location; ask for it explicitly at 95% service.
  await page.getByLabel("Location").selectOption({ label: "Greenleaf Mission District" });
  await page.getByLabel("Service level").selectOption({ label: "95%" });
  await page.getByRole("button", { name: "Show" }).click();
  const rows = page.getByTestId("suggestion-row");
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toContainText("reorder point");

  // Keep only the first suggestion, and order 12 of it.
  const count = await rows.count();
  for (let i = 1; i < count; i++) await rows.nth(i).getByRole("checkbox").uncheck();
  const first = rows.first();
  const units = first.getByRole("spinbutton");
  await units.fill("12");
  await page.getByRole("button", { name: "Draft purchase orders" }).click();

  await expect(page.getByRole("heading", { name: /^PO-\d+$/ })).toBeVisible();
  await expect(page.getByTestId("purchase-order-status")).toHaveText("Draft");
  const line = page.getByTestId("purchase-order-line");
  await expect(line).toHaveCount(1);
  await expect(line.getByRole("spinbutton")).toHaveValue("12");

  await page.getByRole("button", { name: /^Send to / }).click();
  await expect(page.getByTestId("purchase-order-status")).toHaveText("Sent");

  // A first delivery of 5 units, then more than is left is refused, then the rest.
  const delivery = page.getByRole("form", { name: "Receive a delivery" });
  const stamp = Date.now().toString().slice(-10);
  await delivery.getByLabel("Units received").fill("5");
  await delivery.getByLabel("METRC package label").fill(`1A4FF01000000220${stamp.slice(0, 8)}`);
  await delivery.getByLabel("Expiry date (optional)").fill("2030-06-30");
  await delivery.getByRole("button", { name: "Receive into stock" }).click();
  await expect(page.getByTestId("purchase-order-status")).toHaveText("Partly received");
  await expect(page.getByTestId("receipt-row")).toHaveCount(1);

  await delivery.getByLabel("Units received").fill("8");
  await delivery.getByLabel("METRC package label").fill(`1A4FF01000000221${stamp.slice(0, 8)}`);
  await delivery.getByRole("button", { name: "Receive into stock" }).click();
  await expect(delivery.getByText("Only 7 of")).toBeVisible();

  await delivery.getByLabel("Units received").fill("7");
  await delivery.getByRole("button", { name: "Receive into stock" }).click();
  await expect(page.getByTestId("purchase-order-status")).toHaveText("Received");
  await expect(page.getByTestId("receipt-row")).toHaveCount(2);
  await expect(page.getByTestId("purchase-order-line")).toContainText("12");

  // The order is in the history, received.
  await page.getByRole("link", { name: "All purchase orders" }).click();
  await expect(page.getByTestId("purchase-order-row").first()).toContainText("Received");
});
