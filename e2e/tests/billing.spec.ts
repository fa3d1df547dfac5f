import { expect, platform, signIn, test } from "./support";

test("without Stripe, the owner sees the plan, says so, and a gated page offers the upgrade", async ({
  page,
}) => {
  await signIn(page, "owner@greenleaf.test");
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Billing" }).click();
  await expect(page.getByRole("heading", { name: "Billing", level: 1 })).toBeVisible();
  await expect(page.getByText("Stripe is not configured on this server.")).toBeVisible();
  await expect(page.getByTestId("current-plan")).toHaveText("Professional");
  await expect(page.getByRole("meter", { name: "Locations" })).toHaveAttribute("aria-valuetext", "2 of 5");
  const matrix = page.getByRole("table").first();
  await expect(matrix.getByRole("row", { name: /Custom domain/ })).toBeVisible();
  // Features the product does not deliver yet are not sold.
  await expect(matrix.getByRole("row", { name: /Gift cards|White label|Multiple currencies/ })).toHaveCount(
    0,
  );

  // Custom domain is Enterprise-only: the page shows the upgrade prompt, not the form.
  await page.goto(platform("/dashboard/domain"));
  const prompt = page.getByTestId("upgrade-prompt");
  await expect(prompt).toContainText("Custom domain is part of the Enterprise plan");
  await expect(page.getByRole("textbox", { name: "Custom domain" })).toHaveCount(0);
  await prompt.getByRole("link", { name: "See plans in Billing" }).click();
  await expect(page).toHaveURL(/\/dashboard\/billing$/);

  // On a local run the owner acts as the operator: set Enterprise, and the gate opens at once.
  await page.getByRole("button", { name: "Set plan to Enterprise" }).click();
  await expect(page.getByTestId("current-plan")).toHaveText("Enterprise");
  await page.goto(platform("/dashboard/domain"));
  await expect(page.getByTestId("upgrade-prompt")).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Custom domain" })).toBeVisible();

  await page.goto(platform("/dashboard/billing"));
  await page.getByRole("button", { name: "Set plan to Professional" }).click();
  await expect(page.getByTestId("current-plan")).toHaveText("Professional");
});

test("a budtender sees the plan but cannot change it", async ({ page }) => {
  await signIn(page, "budtender@greenleaf.test");
  await page.goto(platform("/dashboard/billing"));
  await expect(page.getByTestId("current-plan")).toBeVisible();
  await expect(page.getByText("Plans are set by a platform operator")).toBeVisible();
  await expect(page.getByRole("button", { name: /Set plan to/ })).toHaveCount(0);
});

test("the Stripe webhook refuses an unsigned event with a readable 400", async ({ request }) => {
  const response = await request.post(platform("/api/webhooks/stripe"), {
    data: { id: "evt_forged", type: "customer.subscription.updated", data: { object: {} } },
  });
  expect(response.status()).toBe(400);
  expect(await response.json()).toEqual({ error: "Stripe webhooks are not configured on this server." });
});
