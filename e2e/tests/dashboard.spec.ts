import { expect, platform, signIn, test } from "./support";

test("an owner signs in and sees the organization, its locations and team", async ({ page }) => {
  await signIn(page, "owner@greenleaf.test");
  await expect(page.getByRole("heading", { name: "Greenleaf Dispensary", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Locations (2)" })).toBeVisible();
  // Within the locations section: the home's low-stock list names locations too.
  await expect(
    page.getByRole("region", { name: "Locations (2)" }).getByText("Greenleaf Mission District"),
  ).toBeVisible();
  const team = page.getByRole("table");
  await expect(team).toContainText("owner@greenleaf.test");
  await expect(team).toContainText("Budtender");
  await expect(team).not.toContainText("mile-high.test");
});

test("a manager of two dispensaries switches between them", async ({ page }) => {
  await signIn(page, "multi@cannasaas.test");
  const switcher = page.getByLabel("Organization");
  await expect(switcher).toBeVisible();
  const first = await page.getByRole("heading", { level: 1 }).innerText();
  const other = first.includes("Greenleaf") ? "Mile High Cannabis Co." : "Greenleaf Dispensary";
  await switcher.selectOption({ label: other });
  await expect(page.getByRole("heading", { name: other, level: 1 })).toBeVisible();
});

test("health endpoints answer", async ({ request }) => {
  expect((await request.get(platform("/api/health/live"))).status()).toBe(200);
  const ready = await request.get(platform("/api/health/ready"));
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({
    status: "ok",
    checks: { database: { status: "ok" }, cache: { status: "ok" } },
  });
});

test("cron jobs refuse a missing or wrong secret", async ({ request }) => {
  expect((await request.get(platform("/api/cron/outbox"))).status()).toBe(401);
  const wrong = await request.get(platform("/api/cron/outbox"), {
    headers: { authorization: "Bearer nope" },
  });
  expect(wrong.status()).toBe(401);
  const ok = await request.get(platform("/api/cron/outbox"), {
    headers: { authorization: "Bearer e2e-cron-secret-e2e-cron-secret" },
  });
  expect(ok.status()).toBe(200);
});
