import { expect, platform, signIn, test } from "./support";

test("an owner changes a location's lead time and delivery zones after onboarding", async ({ page }) => {
  await signIn(page, "owner@greenleaf.test");
  await page.goto(platform("/dashboard/locations"));
  await expect(page.getByRole("heading", { level: 1, name: "Locations" })).toBeVisible();
  const section = page.getByTestId("location-settings").first();
  // Radius zones work from the coordinates shown here.
  await expect(section.getByTestId("coordinates")).toContainText("On the map at");

  const lead = section.getByLabel("Pickup lead time (minutes)");
  const before = await lead.inputValue();
  await lead.fill("45");
  const zones = await section.getByTestId("zone").count();
  await section.getByRole("button", { name: "Add a zone" }).click();
  const zone = section.getByTestId("zone").nth(zones);
  await zone.getByLabel("Zone name").fill("Downtown ZIPs");
  await zone.getByLabel("ZIP codes").fill("not-a-zip");
  await section.getByRole("button", { name: /^Save / }).click();
  // The server's zod message names the problem; nothing was saved.
  await expect(section.getByText("Enter a 5-digit ZIP code.").first()).toBeVisible();

  await zone.getByLabel("ZIP codes").fill("94103, 94105");
  await zone.getByLabel("Delivery fee ($)").fill("4.99");
  await section.getByRole("button", { name: /^Save / }).click();
  await expect(section.getByText("Saved.")).toBeVisible();

  await page.reload();
  const again = page.getByTestId("location-settings").first();
  await expect(again.getByLabel("Pickup lead time (minutes)")).toHaveValue("45");
  const saved = again.getByTestId("zone").nth(zones);
  await expect(saved.getByLabel("Zone name")).toHaveValue("Downtown ZIPs");
  await expect(saved.getByLabel("ZIP codes")).toHaveValue("94103, 94105");
  await expect(saved.getByLabel("Delivery fee ($)")).toHaveValue("4.99");

  // Put the demo store back as it was for the other journeys.
  await again.getByLabel("Pickup lead time (minutes)").fill(before);
  await saved.getByRole("button", { name: "Remove zone" }).click();
  await again.getByRole("button", { name: /^Save / }).click();
  await expect(again.getByText("Saved.")).toBeVisible();
});

test("a budtender is not offered location settings", async ({ page }) => {
  await signIn(page, "budtender@greenleaf.test");
  await expect(
    page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Locations" }),
  ).toHaveCount(0);
  await page.goto(platform("/dashboard/locations"));
  await expect(page.getByText("Your role (budtender) cannot change locations.")).toBeVisible();
});
