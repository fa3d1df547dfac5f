import { readFile } from "node:fs/promises";
import { expect, platform, signIn, test } from "./support";

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
  // Each suggestion links to that product's daily forecast at this location.
  await expect(rows.first().getByRole("link", { name: /^Daily forecast/ })).toHaveAttribute(
    "href",
    /^\/dashboard\/purchasing\/forecast\?location=[0-9a-f-]{36}&variant=[0-9a-f-]{36}$/,
  );

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

  // The draft downloads as a PDF named after the order.
  const poNumber = ((await page.getByRole("heading", { name: /^PO-\d+$/ }).textContent()) ?? "").trim();
  const [pdf] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: `Download ${poNumber} as PDF` }).click(),
  ]);
  expect(pdf.suggestedFilename()).toBe(`${poNumber}.pdf`);
  const bytes = await readFile((await pdf.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");

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

  // The supplier's email carries the same PDF.
  await page.goto(platform("/dev/mailbox"));
  const email = page.getByTestId("mail").filter({ hasText: `${poNumber} from` });
  await expect(email.getByRole("link", { name: `${poNumber}.pdf` })).toBeVisible();
});

test("an owner adds a supplier, sets its terms and manages the products it sells", async ({ page }) => {
  test.setTimeout(120_000);
  const name = `Hilltop Farms ${Date.now().toString().slice(-6)}`;
  await signIn(page, "owner@greenleaf.test");
  await page.goto("/dashboard/purchasing/suppliers");
  const add = page.getByRole("form", { name: "Add a supplier" });
  await add.getByLabel("Name").fill(name);
  await add.getByLabel("Order email (optional)").fill("orders@hilltop.example");
  await add.getByRole("button", { name: "Add supplier" }).click();
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name, level: 2, exact: true })).toBeVisible();
  await expect(page.getByText(`${name} sells none of your products yet.`)).toBeVisible();

  // Lead time and minimum order are the supplier's own terms.
  const details = page.getByRole("form", { name: "Supplier details" });
  await details.getByLabel("Lead time in days (optional)").fill("6");
  await details.getByLabel("Minimum order in $ (optional)").fill("250");
  await details.getByRole("button", { name: "Save supplier" }).click();
  await expect(details.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await expect(details.getByLabel("Lead time in days (optional)")).toHaveValue("6");
  await expect(details.getByLabel("Minimum order in $ (optional)")).toHaveValue("250.00");

  // Find a product by SKU prefix and add it at $7.25 a unit in packs of 10.
  await page.getByLabel("Product name or SKU").fill("GL-");
  await page.getByRole("button", { name: "Find products" }).click();
  const choice = page.getByTestId("supplier-item-choice").first();
  await expect(choice).toBeVisible();
  await choice.getByLabel(/^Cost per unit of /).fill("7.25");
  await choice.getByLabel(/^Units per pack of /).fill("10");
  await choice.getByRole("button", { name: /^Add / }).click();
  const item = page.getByTestId("supplier-item");
  await expect(item).toHaveCount(1);
  await expect(item.getByLabel(/^Cost per unit of /)).toHaveValue("7.25");
  await expect(item.getByLabel(/^Units per pack of /)).toHaveValue("10");

  // A bad cost is explained; a good one is saved; then the product is removed again.
  await item.getByLabel(/^Cost per unit of /).fill("");
  await item.getByRole("button", { name: /^Save / }).click();
  await expect(item.getByRole("alert")).toHaveText("Enter the cost per unit in dollars.");
  await item.getByLabel(/^Cost per unit of /).fill("6.5");
  await Promise.all([
    page.waitForResponse((r) => r.url().includes("purchasing.setSupplierItem") && r.ok()),
    item.getByRole("button", { name: /^Save / }).click(),
  ]);
  await page.reload();
  await expect(page.getByTestId("supplier-item").getByLabel(/^Cost per unit of /)).toHaveValue("6.50");
  await page
    .getByTestId("supplier-item")
    .getByRole("button", { name: /^Remove / })
    .click();
  await expect(page.getByTestId("supplier-item")).toHaveCount(0);
  await expect(page.getByText(`${name} sells none of your products yet.`)).toBeVisible();
});

test("an owner reads a product's daily demand forecast with its interval, up to 8 weeks ahead", async ({
  page,
}) => {
  await signIn(page, "owner@greenleaf.test");
  await page.goto("/dashboard/purchasing");
  // Through the section's tab: the reorder suggestions may all have been ordered by an earlier journey (the
  // link from a suggestion to its forecast is checked there).
  const tab = page
    .getByRole("navigation", { name: "Purchasing" })
    .getByRole("link", { name: "Demand forecast" });
  await tab.click();
  await expect(tab).toHaveAttribute("aria-current", "page");
  const form = page.getByRole("form", { name: "Forecast demand for" });
  await form.getByLabel("Location").selectOption({ label: "Greenleaf Mission District" });
  await expect(form.getByLabel("Product")).toHaveValue(/.+/);
  await form.getByLabel("Weeks ahead").selectOption("8");
  await form.getByRole("button", { name: "Forecast" }).click();
  await expect(page).toHaveURL(/weeks=8/);
  await expect(page.getByTestId("forecast-summary")).toContainText("in the next 8 weeks");
  await expect(page.getByTestId("forecast-chart")).toBeVisible();
  const rows = page.getByTestId("forecast-row");
  await expect(rows).toHaveCount(56);
  // Each day's low and high bracket its forecast, and no figure is NaN.
  for (const i of [0, 27, 55]) {
    const cells = (await rows.nth(i).locator("td").allTextContents()).map(Number);
    expect(cells.every((n) => Number.isFinite(n))).toBe(true);
    const [mean, low, high] = cells as [number, number, number];
    expect(low).toBeLessThanOrEqual(mean);
    expect(high).toBeGreaterThanOrEqual(mean);
  }
});
