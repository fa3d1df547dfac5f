import { expect, passAgeGate, platform, signIn, storefront, test, trpc } from "./support";

test("a manager receives stock into a lot and the storefront shows it at once", async ({ page }) => {
  await signIn(page, "manager@greenleaf.test", { from: "/dashboard/sign-in" });
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Inventory" }).click();
  await expect(page.getByRole("heading", { name: "Inventory", level: 1 })).toBeVisible();

  const locationName = (await page.getByLabel("Location").locator("option:checked").innerText()).trim();
  const row = page
    .getByTestId("inventory-row")
    .filter({ has: page.getByRole("link", { name: "View in store" }) })
    .first();
  const variantName = (await row.getAttribute("data-variant-name"))!;
  const before = Number(await row.getByTestId("available").innerText());
  const storeLink = (await row.getByRole("link", { name: "View in store" }).getAttribute("href"))!;

  await row.getByRole("button", { name: /Move stock/ }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("What happened")).toHaveValue("receive");
  await dialog.getByLabel("Units").fill("7");
  await dialog.getByLabel("Into a METRC package (lot)").check();
  await dialog.getByLabel("Package label").fill("bad label");
  await dialog.getByRole("button", { name: "Receive stock" }).click();
  await expect(dialog.getByText(/package label is 16 to 24 letters and digits/)).toBeVisible();

  const label = `1A4E2E${Date.now().toString().slice(-13).padStart(13, "0")}00000`.slice(0, 24);
  await dialog.getByLabel("Package label").fill(label);
  await dialog.getByLabel("Expiry date (optional)").fill("2030-06-30");
  await dialog.getByRole("button", { name: "Receive stock" }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId("available")).toHaveText(String(before + 7));

  await page.getByRole("link", { name: "Lots", exact: true }).click();
  await page.getByLabel("Package label or product").fill(label);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${label}`));
  await expect(page.getByTestId("lot-row").filter({ hasText: label })).toContainText("7 / 7");
  await page.getByRole("link", { name: "History", exact: true }).click();
  await expect(page.getByTestId("movement-row").first()).toContainText(label);
  await expect(page.getByTestId("movement-row").first()).toContainText("+7");

  await page.goto(storeLink);
  await passAgeGate(page);
  const place = page
    .getByTestId("stock-by-location")
    .getByRole("listitem")
    .filter({
      has: page.getByRole("heading", { name: locationName }),
    });
  const stock = place.locator("div.contents").filter({ has: page.locator("dt", { hasText: variantName }) });
  await expect(stock.locator("dd")).toHaveText(`${before + 7} in stock`);
});

test("a viewer sees stock but cannot move it, in the page or through the API", async ({ page }) => {
  await signIn(page, "viewer@greenleaf.test", { from: "/dashboard/sign-in" });
  await page.goto(platform("/dashboard/inventory"));
  await expect(page.getByRole("main").getByText("Your role can see stock but not change it.")).toBeVisible();
  await expect(page.getByTestId("inventory-row").first()).toBeVisible();
  await expect(page.getByRole("button", { name: /Move stock/ })).toHaveCount(0);

  const response = await page.request.post(platform("/api/trpc/inventory.adjust"), {
    data: {
      json: {
        locationId: crypto.randomUUID(),
        variantId: crypto.randomUUID(),
        delta: 5,
        reason: "sneaky",
      },
    },
  });
  expect(response.status()).toBe(403);
  expect(JSON.stringify(await response.json())).toContain("does not allow this");
});

test("the dashboard home shows today's sales, orders by status, low stock and the sales chart", async ({
  page,
}) => {
  await signIn(page, "owner@greenleaf.test", { from: "/dashboard/sign-in" });
  await expect(page.getByTestId("today-stats")).toContainText("Sales today");
  await expect(page.getByTestId("today-stats")).toContainText("Average order value");
  await expect(page.getByRole("heading", { name: "Sales, last 14 days" })).toBeVisible();
  await expect(page.getByTestId("sales-chart")).toHaveAttribute("aria-label", /Completed sales per day/);
  await expect(page.getByRole("heading", { name: /^Low stock \(\d+\+?\)$/ })).toBeVisible();
  await page.getByRole("link", { name: "30 days" }).click();
  await expect(page.getByRole("heading", { name: "Sales, last 30 days" })).toBeVisible();
  await expect(page.getByTestId("sales-chart").locator("rect")).toHaveCount(30);
});
