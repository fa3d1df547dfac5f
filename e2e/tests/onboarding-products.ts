import type { Page } from "@playwright/test";
import { expect, platform } from "./support";

/**
 * Puts the first product on the new store's menu with a one-row CSV through the catalog import page (built
 * by the catalog work). A missing page fails the test: a flow that cannot be walked is a failure, not a skip.
 */
export async function addFirstProduct(page: Page, name: string, sku: string) {
  const response = await page.goto(platform("/dashboard/catalog/import"));
  expect(response?.status(), "the catalog import page must answer").toBe(200);
  const csv = [
    "sku,product_name,variant_name,category,strain_type,thc_percent,weight_mg,price,status",
    `${sku},${name},3.5 g,flower,hybrid,21.5,3500,35.00,active`,
  ].join("\n");
  await page.getByLabel(/CSV file/).setInputFiles({
    name: "first-products.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${csv}\n`),
  });
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByTestId("import-summary")).toContainText("1 ready to import");
  await page.getByRole("button", { name: "Import 1 valid row" }).click();
  await expect(page.getByText(/Import finished: 1 products created/)).toBeVisible();
}
