import { expect, linkFromMailbox, platform, signIn, test } from "./support";

test("an owner invites a budtender, who joins with a new account and cannot manage the team", async ({
  page,
}) => {
  const email = `budtender-${Date.now()}@example.test`;

  await signIn(page, "owner@greenleaf.test", { from: "/dashboard/sign-in" });
  await expect(page.getByRole("heading", { name: "Greenleaf Dispensary", level: 1 })).toBeVisible();

  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Team" }).click();
  await expect(page.getByRole("heading", { name: "Team", level: 1 })).toBeVisible();
  // The roles table is the RBAC matrix: a budtender cannot change prices.
  const roles = page.getByRole("table");
  const prices = roles.getByRole("row", { name: /Change prices/ });
  await expect(prices.locator("td").nth(3).getByLabel("not allowed")).toBeVisible();

  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Budtender" });
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${email}`)).toBeVisible();
  await expect(page.getByRole("region", { name: /Pending invitations/ })).toContainText(email);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/dashboard\/sign-in/);

  const link = await linkFromMailbox(page, email, "/invite/");
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Join Greenleaf Dispensary" })).toBeVisible();
  await page.getByLabel("Your name").fill("Bea Budtender");
  await page.getByLabel("Choose a password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create my account and join" }).click();

  await expect(page.getByRole("heading", { name: "Greenleaf Dispensary", level: 1 })).toBeVisible();
  await expect(page.getByText(`${email} · Budtender`)).toBeVisible();

  await page.goto(platform("/dashboard/team"));
  await expect(page.getByRole("heading", { name: "Team", level: 1 })).toBeVisible();
  await expect(page.getByText("Only owners and admins can invite people or change roles.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Remove" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: /Pending invitations/ })).toHaveCount(0);
  await expect(page.getByRole("region", { name: /Members/ })).toContainText("owner@greenleaf.test");

  // The link worked once.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This invitation has been used" })).toBeVisible();
});
