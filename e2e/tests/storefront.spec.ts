import { expect, passAgeGate, productNames, storefront, test } from "./support";

test("a shopper passes the age gate and sees only that dispensary's menu", async ({ page }) => {
  await page.goto(storefront("greenleaf"));
  await passAgeGate(page);
  await expect(page.getByRole("link", { name: "Greenleaf Dispensary" })).toBeVisible();
  const greenleaf = await productNames(page);
  expect(greenleaf.length).toBeGreaterThan(10);

  await page.reload();
  await expect(page.getByRole("dialog")).toBeHidden(); // the answer is remembered

  await page.goto(storefront("mile-high"));
  await passAgeGate(page); // asked again: each storefront is its own site
  await expect(page.getByRole("link", { name: "Mile High Cannabis Co." })).toBeVisible();
  await expect(page.getByText("Greenleaf Dispensary")).toHaveCount(0);
  const mileHigh = await productNames(page);
  expect(mileHigh.filter((name) => greenleaf.includes(name))).toEqual([]);
});

test("categories filter the menu and pages move through it", async ({ page }) => {
  await page.goto(storefront("greenleaf"));
  await passAgeGate(page);
  const nav = page.getByRole("navigation", { name: "Categories" });
  await nav.getByRole("link", { name: /Edibles/ }).click();
  await expect(page).toHaveURL(/category=edible/);
  await expect(page.getByTestId("product-card").first()).toContainText("Edibles");
  await page.goto(storefront("greenleaf"));
  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Next" }).click();
  await expect(page.getByText(/Page 2 of/)).toBeVisible();
});

test("a shopper under 21 leaves at the age gate", async ({ page }) => {
  await page.goto(storefront("mile-high"));
  await page.getByRole("button", { name: "I am under 21" }).click();
  await expect(page.getByRole("dialog")).toContainText("Sorry, you can't enter");
});

for (const [name, url] of [
  ["an unknown subdomain", storefront("no-such-store")],
  ["a storefront that has not launched", storefront("dormant")],
  ["a reserved subdomain", storefront("api")],
  ["the dashboard on a tenant host", storefront("greenleaf", "/dashboard")],
] as const) {
  test(`${name} gets a real 404 page`, async ({ page }) => {
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/Nothing here|No dispensary here/);
  });
}
