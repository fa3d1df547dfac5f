import { expect, platform, signIn, test } from "./support";

test("an owner adds a category with its limit kind and changes it; a budtender sees the kind but cannot change it", async ({
  page,
  browser,
}) => {
  const name = `Beverages ${Date.now().toString(36)}`;
  await signIn(page, "owner@greenleaf.test");
  await page.goto(platform("/dashboard/catalog"));
  await page.getByRole("link", { name: "Categories" }).click();
  await expect(page.getByRole("heading", { name: "Categories", level: 1 })).toBeVisible();

  const form = page.getByRole("form", { name: "New category" });
  await form.getByLabel("Category name").fill(name);
  await form.getByLabel("How purchase limits count it").selectOption("edible_liquid");
  await form.getByRole("button", { name: "Add category" }).click();

  const row = page.getByTestId("category-row").filter({ hasText: name });
  const kind = row.getByLabel(`How limits count ${name}`);
  await expect(kind).toHaveValue("edible_liquid");
  await kind.selectOption("edible_solid");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("status")).toHaveText("Saved");
  await page.reload();
  await expect(page.getByTestId("category-row").filter({ hasText: name }).getByRole("combobox")).toHaveValue(
    "edible_solid",
  );

  // A budtender may add products but not change how limits count them.
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "198.51.200.57" } });
  const budtender = await context.newPage();
  await signIn(budtender, "budtender@greenleaf.test");
  await budtender.goto(platform("/dashboard/catalog/categories"));
  const seen = budtender.getByTestId("category-row").filter({ hasText: name });
  await expect(seen).toContainText("Solid edibles");
  await expect(seen.getByRole("combobox")).toHaveCount(0);
  await context.close();
});
