import type { Page } from "@playwright/test";
import { expect, linkFromMailbox, passAgeGate, platform, storefront, submitSignIn, test } from "./support";
import { addFirstProduct } from "./onboarding-products";

const stepHeading = (page: Page, name: string) =>
  expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();

test("an owner opens a dispensary, completes the setup wizard, launches, and the storefront shows the product", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const n = Date.now().toString(36);
  const slug = `sunrise-${n}`;
  const productName = `Sunrise Kush ${n}`;

  // Sign-up on the platform landing page.
  await page.goto(platform("/"));
  const signUp = page.getByRole("region", { name: "Open your dispensary" });
  await signUp.getByLabel("Your name").fill("Sam Sunrise");
  await signUp.getByLabel("Work email").fill(`sam-${n}@example.test`);
  await signUp.getByLabel("Password").fill("a-long-enough-password");
  await signUp.getByLabel("Dispensary name").fill(`Sunrise ${n}`);
  await signUp.getByLabel("Storefront address").fill("dashboard");
  await signUp.getByLabel("State you are licensed in").selectOption({ label: "California" });
  await signUp.getByRole("button", { name: "Open your dispensary" }).click();
  await expect(signUp.getByText('"dashboard" is reserved').first()).toBeVisible();
  await signUp.getByLabel("Password").fill("a-long-enough-password");
  await signUp.getByLabel("Storefront address").fill(slug);
  await signUp.getByRole("button", { name: "Open your dispensary" }).click();

  // The owner confirms the email (the answer is the same for an email that already has an account), then signs in.
  await expect(signUp.getByText("Check your email")).toBeVisible();
  const email = `sam-${n}@example.test`;
  await page.goto(await linkFromMailbox(page, email, "/verify-email"));
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page.getByText("Your email is confirmed")).toBeVisible();
  await page.goto(platform("/dashboard"));
  await expect(page).toHaveURL(/\/dashboard\/sign-in/);
  await submitSignIn(page, email, "a-long-enough-password");

  await expect(page).toHaveURL(/\/dashboard\/onboarding/);
  await expect(page.getByRole("heading", { name: `Set up Sunrise ${n}`, level: 1 })).toBeVisible();
  await stepHeading(page, "Business info");
  // Not public before launch.
  const probe = await page.context().newPage();
  expect((await probe.goto(storefront(slug)))?.status()).toBe(404);
  await probe.close();

  await page.getByLabel("Legal business name").fill(`Sunrise ${n} LLC`);
  await page.getByLabel("License number").fill("C10-0000123-LIC");
  await page.getByLabel("License type").selectOption({ label: "Adult-use retail" });
  await page.getByLabel("Time zone").selectOption({ label: "Pacific" });
  await page.getByRole("button", { name: "Save and continue" }).click();
  await stepHeading(page, "Branding");

  // Leaving and coming back resumes where the owner was.
  await page.goto(platform("/dashboard"));
  await expect(page).toHaveURL(/\/dashboard\/onboarding/);
  await stepHeading(page, "Branding");

  await page.getByLabel("Primary colour (buttons, header)").fill("#ffff00");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "contrast" }).first()).toBeVisible();
  await page.getByLabel("Primary colour (buttons, header)").fill("#14532d");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await stepHeading(page, "Locations");

  await page.getByLabel("Location name").fill("Sunrise Downtown");
  await page.getByLabel("Street address").fill("100 Main St");
  await page.getByLabel("City").fill("Oakland");
  await page.getByLabel("ZIP code").fill("94607");
  await page.getByRole("button", { name: "Add location" }).click();
  await expect(page.getByText("Sunrise Downtown")).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
  await stepHeading(page, "Payments");

  await page.getByLabel(/Debit card/).uncheck();
  await page.getByRole("button", { name: "Save and continue" }).click();
  await stepHeading(page, "First products");
  await expect(page.getByTestId("product-count")).toContainText("menu is empty");

  await addFirstProduct(page, productName, `SR-${n}-35`);

  await page.goto(platform("/dashboard/onboarding?step=products"));
  await expect(page.getByTestId("product-count")).toContainText("1 active product");
  await page.getByRole("button", { name: "Continue" }).click();
  await stepHeading(page, "Staff invites");
  await page.getByRole("button", { name: "Skip for now" }).click();
  await stepHeading(page, "Compliance");
  await expect(page.getByRole("region", { name: /Purchase limits \(California\)/ })).toContainText("28.5 g");
  await page.getByLabel(/Require an approved ID/).uncheck();
  await page.getByRole("button", { name: "Save and continue" }).click();
  await stepHeading(page, "Review and launch");

  await page.getByRole("button", { name: "Launch my storefront" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your storefront is live at" })).toBeVisible();

  await page.goto(storefront(slug));
  await passAgeGate(page);
  await expect(page.getByText(productName).first()).toBeVisible();
});
