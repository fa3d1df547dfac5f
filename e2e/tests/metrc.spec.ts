import { expect, platform, signIn, test } from "./support";

test("an owner stores a location's METRC user key without ever seeing it again", async ({ page }) => {
  await signIn(page, "owner@mile-high.test");
  await page.getByRole("link", { name: "METRC" }).click();
  await expect(page.getByRole("heading", { name: "METRC", level: 1 })).toBeVisible();
  await expect(page.getByText("METRC is not configured on this server")).toBeVisible();
  const form = page.getByRole("form", { name: "METRC credentials for Mile High RiNo" });
  await expect(form.getByLabel("Facility license number")).toHaveValue("402R-00804");
  const key = "e2e-user-key-0000-9f8e";
  await form.getByLabel(/^(New )?user key$/i).fill(key);
  await form.getByRole("button", { name: "Save credentials" }).click();
  await expect(form.getByText("Saved. The key ending in …9f8e is stored encrypted.")).toBeVisible();
  await expect(form.getByText(/User key set on .*, ends with …9f8e/)).toBeVisible();
  await expect(form.getByLabel("New user key")).toHaveValue("");
  expect(await page.content()).not.toContain(key);

  // Without a vendor key on this server, testing the connection is a clear refusal, not a silent success.
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form.getByRole("alert")).toContainText("METRC not configured for Mile High RiNo");
});

test("a budtender cannot open the METRC page; a plan without METRC says which plan has it", async ({
  page,
}) => {
  await signIn(page, "budtender@mile-high.test");
  await page.goto(platform("/dashboard/compliance/metrc"));
  await expect(page.getByText("Your role (budtender) does not allow this.")).toBeVisible();
  await page.context().clearCookies();
  await signIn(page, "owner@greenleaf.test");
  await page.goto(platform("/dashboard/compliance/metrc"));
  await expect(page.getByText(/^METRC.* needs the Enterprise plan\. Upgrade in Billing/)).toBeVisible();
});

test("the metrc cron jobs run with the cron secret", async ({ request }) => {
  const headers = { authorization: "Bearer e2e-cron-secret-e2e-cron-secret" };
  expect((await request.get(platform("/api/cron/metrc-sync"))).status()).toBe(401);
  const sync = await request.get(platform("/api/cron/metrc-sync"), { headers });
  expect(sync.status()).toBe(200);
  expect(await sync.json()).toMatchObject({ job: "metrc-sync", outcome: "succeeded" });
  const reconcile = await request.get(platform("/api/cron/metrc-reconcile"), { headers });
  expect(reconcile.status()).toBe(200);
  expect(await reconcile.json()).toMatchObject({ job: "metrc-reconcile", outcome: "succeeded" });
});
