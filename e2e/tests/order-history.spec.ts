import { readFile } from "node:fs/promises";
import { expect, signIn, test } from "./support";

/** A calendar day in Greenleaf's time zone, `offset` days from today (the history's dates are store days). */
function storeDay(offset: number) {
  const at = new Date(Date.now() + offset * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles" }).format(at);
}

test("an owner finds last week's refunded order, opens it, and searches the history", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "owner@greenleaf.test");
  await page
    .getByRole("navigation", { name: "Dashboard" })
    .getByRole("link", { name: "Order history" })
    .click();
  await expect(page.getByRole("heading", { name: "Order history", level: 1 })).toBeVisible();

  // Refunded pickup orders paid in cash at the first store, placed last week.
  const filters = page.getByRole("form", { name: "Search and filter orders" });
  await filters.getByRole("checkbox", { name: "Refunded" }).check();
  await filters.getByLabel("Location").selectOption({ label: "Greenleaf Mission District" });
  await filters.getByLabel("Fulfilment").selectOption("pickup");
  await filters.getByLabel("Payment").selectOption("cash");
  await filters.getByLabel("From").fill(storeDay(-7));
  await filters.getByLabel("To (inclusive)").fill(storeDay(-1));
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=refunded/);
  await expect(page).toHaveURL(new RegExp(`from=${storeDay(-7)}&to=${storeDay(-1)}`));

  // The demo's 180 days of history refund a few percent of orders, so last week has some; every row matches.
  const rows = page.getByTestId("history-row");
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    await expect(row).toContainText("Refunded");
    await expect(row).toContainText("Greenleaf Mission District");
    await expect(row).toContainText("Pickup · cash");
  }
  // The filters survive the round trip through the address.
  await expect(filters.getByRole("checkbox", { name: "Refunded" })).toBeChecked();
  await expect(filters.getByRole("checkbox", { name: "Completed" })).not.toBeChecked();

  // The CSV export carries the same filters, so the first order is in it.
  const link = rows.first().getByRole("link");
  const orderNumber = ((await link.textContent()) ?? "").replace("#", "").trim();
  expect(orderNumber).toMatch(/^\d+$/);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download these orders as CSV" }).click(),
  ]);
  const csv = await readFile((await download.path())!, "utf8");
  const csvRows = csv.trim().split(/\r?\n/).slice(1);
  expect(csv).toContain(orderNumber);
  expect(csvRows.every((l) => l.includes(",refunded,"))).toBe(true);
  // One page of the list shows 25; when it holds fewer, the export is exactly those orders.
  if (count < 25) expect(csvRows).toHaveLength(count);

  // Opening the order shows its refund and its history.
  await link.click();
  await expect(page.getByRole("heading", { name: `Order #${orderNumber}`, level: 1 })).toBeVisible();
  await expect(page.getByTestId("staff-order-status")).toHaveText("Refunded");
  const history = page.getByRole("region", { name: "History" });
  await expect(history).toContainText("Refunded");
  const customer = page.locator("dt", { hasText: "Customer" }).locator("xpath=following-sibling::dd[1]");
  const email = ((await customer.textContent()) ?? "").split("·").at(-1)!.trim();
  expect(email).toContain("@");
  const item = page.getByRole("table", { name: "Items and taxes" }).locator("tbody tr th").first();
  const product = ((await item.textContent()) ?? "").split(" (")[0]!.trim();
  expect(product.length).toBeGreaterThan(0);

  // Search by number finds exactly that order; by customer email or product, it is among the refunded ones.
  await page.getByRole("navigation", { name: "Orders" }).getByRole("link", { name: "Order history" }).click();
  const search = page.getByRole("form", { name: "Search and filter orders" });
  await search.getByLabel(/^Search/).fill(orderNumber);
  await search.getByRole("button", { name: "Apply" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`#${orderNumber}`);

  for (const term of [email, product]) {
    await search.getByLabel(/^Search/).fill(term);
    await search.getByRole("checkbox", { name: "Refunded" }).check();
    await search.getByLabel("From").fill(storeDay(-7));
    await search.getByLabel("To (inclusive)").fill(storeDay(-1));
    await search.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/status=refunded/);
    await expect(rows.filter({ hasText: `#${orderNumber}` })).toHaveCount(1);
  }

  // Nothing matches a nonsense search; dates the wrong way round are explained, not a crash.
  await search.getByLabel(/^Search/).fill("no-such-order-zzzz");
  await search.getByRole("button", { name: "Apply" }).click();
  // Scoped to the page's main region: while the page streams in, React keeps a hidden copy of the content
  // outside it for a moment, and an unscoped text match can find both.
  const main = page.getByRole("main");
  await expect(main.getByText("No orders match these filters.")).toBeVisible();
  await page.goto(`/dashboard/orders/history?from=${storeDay(-1)}&to=${storeDay(-7)}`);
  await expect(main.getByRole("alert")).toHaveText("The start date is after the end date.");
});

test("an owner opens the sales report with a chart, its table and the previous-period comparison", async ({
  page,
}) => {
  await signIn(page, "owner@greenleaf.test");
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();
  const summary = page.getByTestId("report-summary");
  await expect(summary).toBeVisible();
  await expect(summary).toContainText("vs previous period");
  // The chart's figures are also a table, and the demo history fills it.
  await expect(page.getByRole("table").first().locator("tbody tr").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Download as CSV" })).toBeVisible();
});
