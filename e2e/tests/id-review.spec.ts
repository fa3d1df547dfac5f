import { expect, passAgeGate, platform, signIn, storefront, submitSignIn, test } from "./support";

/** A valid 1x1 PNG, so the reviewer's browser can really decode and show it. */
const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

test("a shopper uploads an ID, a budtender approves it, and the shopper sees it approved", async ({
  page,
}) => {
  const documentNumber = `E2E-${Date.now().toString().slice(-8)}`;

  await page.goto(storefront("mile-high", "/sign-in"));
  await passAgeGate(page);
  await submitSignIn(page, "shopper@mile-high.test");
  await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();

  await page.getByLabel("Document number").fill(documentNumber);
  await page.getByLabel("Issuing state").fill("CO");
  await page.getByLabel("Expiry date").fill("2031-06-30");
  await page
    .getByLabel("Photo or scan")
    .setInputFiles({ name: "id.png", mimeType: "image/png", buffer: TINY_PNG });
  await page.getByRole("button", { name: "Upload document" }).click();
  const mine = page.getByTestId("id-document").filter({ hasText: documentNumber.slice(-4) });
  await expect(mine).toContainText("Waiting for review");

  await signIn(page, "budtender@mile-high.test", { from: "/dashboard/sign-in" });
  await expect(page.getByRole("heading", { name: "Mile High Cannabis Co.", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "ID review" }).click();
  await expect(page.getByRole("heading", { name: "ID review" })).toBeVisible();

  const item = page.getByTestId("id-review-item").filter({ hasText: documentNumber });
  await expect(item.getByRole("img")).toHaveJSProperty("naturalWidth", 1);
  await item.getByRole("button", { name: "Approve" }).click();
  await expect(item).toContainText("approved");
  await expect(item.getByRole("button", { name: "Approve" })).toHaveCount(0);

  await page.goto(storefront("mile-high", "/account"));
  await expect(mine).toContainText("Approved");

  // Fetched by the browser: Node does not resolve *.localhost hosts.
  const exported = await page.evaluate(async (number) => {
    const response = await fetch("/account/export");
    const body = (await response.json()) as {
      user: { email: string };
      identityDocuments: { status: string; documentNumber: string | null }[];
    };
    return {
      disposition: response.headers.get("content-disposition"),
      email: body.user.email,
      uploaded: body.identityDocuments.find((d) => d.documentNumber === number)?.status,
    };
  }, documentNumber);
  expect(exported.disposition).toContain("attachment");
  expect(exported.email).toBe("shopper@mile-high.test");
  expect(exported.uploaded).toBe("approved");
});

test("the ID scan is not served to staff who may not review IDs", async ({ page }) => {
  await signIn(page, "driver@mile-high.test", { from: "/dashboard/sign-in" });
  await expect(page.getByRole("heading", { name: "Mile High Cannabis Co.", level: 1 })).toBeVisible();
  const response = await page.request.get(platform(`/dashboard/id-review/${crypto.randomUUID()}/file`));
  expect(response.status()).toBe(403);
});
