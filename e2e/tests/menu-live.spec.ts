import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, holdScripts, passAgeGate, productNames, storefront, test } from "./support";

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

for (const viewport of [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 900 },
]) {
  test(`search forgives typos and suggests as you type; filters apply at once with chips and Back (${viewport.name})`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.goto(storefront("greenleaf"));
    await passAgeGate(page);

    // Suggestions: an ARIA combobox whose options open the product.
    const box = page.getByRole("combobox", { name: "Search the menu" });
    await box.fill("kavemen");
    const listbox = page.getByRole("listbox", { name: "Suggested products" });
    const option = listbox.getByRole("option", {
      name: /Kaveman Kush/,
    });
    await expect(option).toBeVisible();
    await expect(box).toHaveAttribute("aria-expanded", "true");
    expect(await seriousViolations(page)).toEqual([]);
    await box.press("ArrowDown");
    await expect(listbox.getByRole("option", { selected: true })).toHaveCount(1);
    await box.press("Escape");
    await expect(box).toHaveAttribute("aria-expanded", "false");

    // A misspelt search still finds the product.
    await box.fill("kavemen kush");
    await box.press("Enter");
    await expect(page).toHaveURL(/[?&]q=kavemen\+kush/);
    expect(await productNames(page)).toContain("Kaveman Kush");

    // A filter applies as soon as it is ticked and shows as a removable chip.
    await page.goto(storefront("greenleaf", "/?category=flower"));
    const search = page.getByRole("search", { name: "Search and filter the menu" });
    if (viewport.name === "phone") await search.locator("summary").click();
    await search.getByRole("checkbox", { name: /Indica/ }).check();
    await expect(page).toHaveURL(/strain=indica/);
    await expect(page).toHaveURL(/category=flower/); // the chosen category is kept
    const chips = page.getByRole("list", { name: "Chosen filters" });
    await expect(chips.getByRole("link", { name: "Remove filter: Indica" })).toBeVisible();
    await expect(chips.getByRole("link", { name: /Remove filter: Flower/ })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // Back undoes the filter, and the checkbox follows the URL.
    await page.goBack();
    await expect(page).not.toHaveURL(/strain=indica/);
    await expect(search.getByRole("checkbox", { name: /Indica/ })).not.toBeChecked();
    await page.goForward();
    await expect(page).toHaveURL(/strain=indica/);
    await expect(search.getByRole("checkbox", { name: /Indica/ })).toBeChecked();

    // Removing a chip drops that filter only.
    await chips.getByRole("link", { name: "Remove filter: Indica" }).click();
    await expect(page).not.toHaveURL(/strain=indica/);
    await expect(page).toHaveURL(/category=flower/);
  });
}

test("a filter ticked before the page's scripts have run still applies once they do", async ({ page }) => {
  await page.goto(storefront("greenleaf"));
  await passAgeGate(page);

  // Hold the page's scripts back, so the box is ticked in the server's HTML before hydration (a slow phone).
  const scripts = await holdScripts(page);
  await page.goto(storefront("greenleaf", "/?category=flower"), { waitUntil: "domcontentloaded" });
  const filters = page.getByRole("search", { name: "Search and filter the menu" });
  const indica = filters.getByRole("checkbox", { name: /Indica/ });
  // Not hydrated yet: the live filters mark the form once their scripts run.
  await expect(filters).not.toHaveAttribute("data-live", "true");
  await indica.check();
  scripts.release();

  await expect(page).toHaveURL(/strain=indica/);
  await expect(page).toHaveURL(/category=flower/);
  await expect(indica).toBeChecked();
  await expect(
    page.getByRole("list", { name: "Chosen filters" }).getByRole("link", { name: "Remove filter: Indica" }),
  ).toBeVisible();
});
