import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, passAgeGate, platform, storefront, test } from "./support";

const SAMPLE = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/catalog-sample.csv");

async function signIn(page: Page, email: string) {
  await page.goto(platform("/dashboard/sign-in"));
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Dashboard" })).toBeVisible();
}

test("an owner imports a CSV with one bad row: the report names it, the good products reach the storefront", async ({
  page,
}) => {
  await signIn(page, "owner@greenleaf.test");
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
  await signIn(page, "budtender@greenleaf.test");
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
  expect(refused.text).toContain("Importing sets prices, which your role cannot change.");
});
