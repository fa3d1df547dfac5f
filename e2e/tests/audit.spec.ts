import { expect, platform, signIn, test } from "./support";

test("an owner runs a job, sees the run and their action in the audit trail, which verifies intact", async ({
  page,
}) => {
  await signIn(page, "owner@greenleaf.test");
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Jobs" }).click();
  await expect(page.getByRole("heading", { name: "Scheduled jobs", level: 1 })).toBeVisible();
  const runs = page.getByTestId("run-reservations");
  const before = await runs.count();
  await page.getByRole("button", { name: "Run now reservations" }).click();
  await expect(page.getByText("The reservations job succeeded.")).toBeVisible();
  await expect(runs).toHaveCount(before + 1);
  await expect(runs.first()).toContainText("Run now");
  await expect(runs.first()).toContainText("Succeeded");

  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Audit" }).click();
  await expect(page.getByRole("heading", { name: "Audit trail", level: 1 })).toBeVisible();
  await page.getByLabel("Action starts with").fill("jobs.");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/action=jobs\./);
  const row = page.getByTestId("audit-row").first();
  await expect(row).toContainText("jobs.runNow");
  await expect(row).toContainText("owner@greenleaf.test");
  await row.getByText("Show").click();
  await expect(row).toContainText('"job": "reservations"');

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download CSV" }).click();
  const csv = await (await download).createReadStream();
  let text = "";
  for await (const chunk of csv) text += String(chunk);
  expect(text.split("\r\n")[0]).toContain("seq,created_at,actor_kind");
  expect(text).toContain("jobs.runNow");

  await page.getByRole("link", { name: "Verify integrity" }).click();
  await expect(page.getByRole("heading", { name: "Audit trail integrity" })).toBeVisible();
  await expect(page.getByText(/^Intact: all \d+ records are unaltered/)).toBeVisible();
});

test("a budtender cannot see the audit trail or run jobs", async ({ page }) => {
  await signIn(page, "budtender@greenleaf.test");
  await page.goto(platform("/dashboard/audit"));
  await expect(page.getByText("Your role cannot see the audit trail.")).toBeVisible();
  await page.goto(platform("/dashboard/jobs"));
  await expect(page.getByText("Your role cannot see scheduled jobs.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Run now/ })).toHaveCount(0);
});

test("the queues page shows every queue of the organization and its dead letters", async ({ page }) => {
  await signIn(page, "owner@greenleaf.test");
  await page.goto(platform("/dashboard/jobs"));
  await page.getByRole("link", { name: "queues page" }).click();
  await expect(page.getByRole("heading", { name: "Queues", level: 1 })).toBeVisible();
  const table = page.getByRole("table", { name: "Jobs by queue and state" });
  for (const name of ["Email", "Webhook events", "Webhook deliveries", "METRC reports"]) {
    await expect(table.getByRole("rowheader", { name: new RegExp(`^${name}`) })).toBeVisible();
  }
  await expect(page.getByRole("heading", { name: "Recent dead letters" })).toBeVisible();
});
