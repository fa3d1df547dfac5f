import { expect, passAgeGate, platform, signIn, storefront, test } from "./support";

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

test("an owner closes a location for a day, and shoppers see the day and the reason", async ({ page }) => {
  await signIn(page, "owner@greenleaf.test");
  await page.goto(platform("/dashboard/locations"));
  const section = page.getByTestId("location-settings").first();
  const name = (await section.getByLabel("Location name").inputValue()).trim();
  const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const existing = await section.getByTestId("closed-day").count();
  await section.getByRole("button", { name: "Add a closed day" }).click();
  const closure = section.getByTestId("closed-day").nth(existing);
  await closure.getByLabel("Closed on").fill(day);
  await section.getByRole("button", { name: /^Save / }).click();
  // A closed day needs its reason.
  await expect(closure.getByText("Say why, e.g. Thanksgiving.")).toBeVisible();
  await closure.getByLabel("Reason shoppers see").fill("Staff training");
  await section.getByRole("button", { name: /^Save / }).click();
  await expect(section.getByText("Saved.")).toBeVisible();

  await page.goto(storefront("greenleaf", "/"));
  await passAgeGate(page);
  const picker = page.getByTestId("location-picker");
  await picker.locator("summary").click();
  const shown = new Date(`${day}T12:00:00Z`).toLocaleDateString("en-US", {
    weekday: "short",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
  await expect(
    picker.locator("label").filter({ hasText: name }).getByText(`Closed ${shown} (Staff training)`),
  ).toBeVisible();

  // Put the demo store back as it was for the other journeys.
  await page.goto(platform("/dashboard/locations"));
  const again = page.getByTestId("location-settings").first();
  await again.getByTestId("closed-day").nth(existing).getByRole("button", { name: "Remove day" }).click();
  await again.getByRole("button", { name: /^Save / }).click();
  await expect(again.getByText("Saved.")).toBeVisible();
});
