import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { expect, passAgeGate, platform, signIn, storefront, test, trpc } from "./support";

const SAMPLE = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/catalog-sample.csv");

test("an owner imports a CSV with one bad row: the report names it, the good products reach the storefront", async ({
  page,
}) => {
  await signIn(page, "owner@greenleaf.test", { from: "/dashboard/sign-in" });
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Catalog" }).click();
  await page.getByRole("link", { name: "Import CSV" }).click();
  await expect(page).toHaveURL(/\/dashboard\/catalog\/import$/);

  await page.getByLabel(/CSV file/).setInputFiles(SAMPLE);
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText(
    "4 rows read: 3 ready to import, 1 with errors (not imported).",
  );
  const errors = page.getByTestId("import-errors");
  await expect(errors).toContainText("5");
  await expect(errors).toContainText("price");
  await expect(errors).toContainText('Price must be dollars like 12.50; got "twelve".');
  await expect(page.getByRole("link", { name: "Download error report" })).toHaveAttribute(
    "download",
    "catalog-sample-errors.csv",
  );

  await page.getByRole("button", { name: "Import 3 valid rows" }).click();
  await expect(page.getByText(/Import finished: 2 products created, 0 updated/)).toBeVisible();
  const progress = page.getByRole("progressbar", { name: "Imported 3 of 3 rows" });
  await expect(progress).toHaveAttribute("aria-valuenow", "3");

  await page.goto(storefront("greenleaf", "/?q=Catalog%20E2E"));
  await passAgeGate(page);
  const cards = page.getByTestId("product-card");
  await expect(cards.filter({ hasText: "Catalog E2E Lemon Tart" })).toBeVisible();
  await expect(cards.filter({ hasText: "Catalog E2E Mango Gummies" })).toBeVisible();
  await expect(cards.filter({ hasText: "Broken Row" })).toHaveCount(0);
});

test("a budtender edits a product's description but cannot change its prices", async ({ page }) => {
  await signIn(page, "budtender@greenleaf.test", { from: "/dashboard/sign-in" });
  await page.goto(platform("/dashboard/catalog"));
  await expect(page.getByRole("link", { name: "Import CSV" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "New product" })).toHaveCount(0);
  await page.getByTestId("catalog-row").first().getByRole("link").click();

  await expect(
    page.getByText("Your role cannot change prices or add variants. Ask a manager."),
  ).toBeVisible();
  await expect(page.getByLabel("Variant 1 Price", { exact: true })).toBeDisabled();
  await expect(page.getByLabel("Variant 1 Medical price")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Add variant" })).toHaveCount(0);

  await page.getByLabel("Description").fill("Staff pick: smooth and earthy.");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved. The storefront shows the change now.")).toBeVisible();
  // The page refreshes with the saved product; the confirmation and the text both stay.
  await page.waitForLoadState("networkidle");
  await expect(page.getByText("Saved. The storefront shows the change now.")).toBeVisible();
  await expect(page.getByLabel("Description")).toHaveValue("Staff pick: smooth and earthy.");

  // Bypassing the page does not help: importing sets prices, and the server refuses it for this role.
  const refused = await page.evaluate(async () => {
    const response = await fetch("/api/trpc/catalog.imports.create", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { fileName: "prices.csv", csv: "sku" } }),
    });
    return { status: response.status, text: await response.text() };
  });
  expect(refused.status).toBe(403);
  expect(refused.text).toContain(
    "Importing sets prices, weights and categories, which your role cannot change.",
  );
});

/** Saves the product form, waits for the server's answer and the page's refresh, and returns what was sent. */
async function save(page: Page) {
  const sent = page.waitForRequest((r) => r.url().includes("catalog.products.update"));
  const answered = page.waitForResponse((r) => r.url().includes("catalog.products.update"));
  await page.getByRole("button", { name: "Save changes" }).click();
  expect((await answered).ok()).toBe(true);
  await page.waitForLoadState("networkidle");
  return (await sent).postData() ?? "";
}

test("an owner creates a product, fixing what the form refuses, then adds a variant and saves twice", async ({
  page,
}) => {
  const sku = `E2E-${Date.now()}`;
  await signIn(page, "owner@greenleaf.test");
  await page.goto(platform("/dashboard/catalog/new"));
  await page.getByLabel("Name", { exact: true }).fill("Form Check Kush");
  await page.getByLabel("THC %").fill("lots");
  await page.getByLabel("Variant 1 SKU").fill(sku);
  await page.getByLabel("Variant 1 Name").fill("3.5 g");
  await page.getByLabel("Variant 1 Price", { exact: true }).fill("12.345");
  await page.getByRole("button", { name: "Create product" }).click();
  // Refused in the browser, each problem under its field.
  await expect(page.getByText("THC must be a percent from 0 to 100, like 21.5.")).toBeVisible();
  await expect(page.getByText("Enter the price in dollars, like 12.50.")).toBeVisible();

  await page.getByLabel("THC %").fill("21.5");
  await page.getByLabel("Variant 1 Price", { exact: true }).fill("35");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page).toHaveURL(/\/dashboard\/catalog\/[0-9a-f-]{36}$/);
  await expect(page.getByLabel("Variant 1 Price", { exact: true })).toHaveValue("35.00");

  await page.getByRole("button", { name: "Add variant" }).click();
  await page.getByLabel("Variant 2 SKU").fill(`${sku}-7`);
  await page.getByLabel("Variant 2 Name").fill("7 g");
  await page.getByLabel("Variant 2 Price", { exact: true }).fill("60");
  await save(page);
  await expect(page.getByText("Saved. The storefront shows the change now.")).toBeVisible();
  // The second save updates the variant the first one added (by its id) rather than adding it again, which
  // would give it a new id and lose what is tied to the old one.
  await page.getByLabel("Variant 2 Price", { exact: true }).fill("58");
  expect(await save(page)).toMatch(new RegExp(`"id":"[0-9a-f-]{36}","sku":"${sku}-7"`));
  await expect(page.getByText("Saved. The storefront shows the change now.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("variant-row")).toHaveCount(2);
  await expect(page.getByLabel("Variant 2 Price", { exact: true })).toHaveValue("58.00");
});

test("an owner publishes generated copy: the product form shows the new description and saves it", async ({
  page,
}) => {
  await signIn(page, "owner@greenleaf.test", { from: "/dashboard/sign-in" });
  await page.goto(platform("/dashboard/catalog"));
  await page.getByTestId("catalog-row").first().getByRole("link").click();
  const form = page.locator("form");
  await expect(form.getByLabel("Description", { exact: true })).toBeVisible();

  const copy = page.getByRole("region", { name: "Product copy" });
  await copy.getByRole("button", { name: "Generate copy" }).click();
  const text = `Published copy ${Date.now()}: bright citrus, calm evenings.`;
  await copy.getByLabel("Description", { exact: true }).fill(text);
  await copy.getByRole("button", { name: "Accept and publish" }).click();
  await expect(copy.getByText(/^Published/)).toBeVisible();
  // Without this the form kept the old text, and its next save would have undone the copy.
  await expect(form.getByLabel("Description", { exact: true })).toHaveValue(text);

  await form.getByLabel("Strain name").fill("Published Copy Kush");
  await save(page);
  await expect(page.getByText("Saved. The storefront shows the change now.")).toBeVisible();
  await expect(form.getByLabel("Description", { exact: true })).toHaveValue(text);
  await page.reload();
  await expect(form.getByLabel("Description", { exact: true })).toHaveValue(text);
  await expect(form.getByLabel("Strain name")).toHaveValue("Published Copy Kush");
});
