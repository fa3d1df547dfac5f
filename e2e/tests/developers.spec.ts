import { expect, platform, signIn, test } from "./support";

test("an owner creates a read-only API key, sees it once, and it reads products but cannot write", async ({
  page,
  request,
}) => {
  await signIn(page, "owner@greenleaf.test", { from: "/dashboard/developers" });
  await page.goto(platform("/dashboard/developers"));
  await expect(page.getByRole("heading", { name: "Developers", level: 1 })).toBeVisible();

  await page.getByLabel("Key name").fill("E2E menu sync");
  const readProducts = page.getByRole("checkbox", { name: /products:read/ });
  await expect(readProducts).toBeChecked();
  await expect(page.getByRole("checkbox", { name: /orders:write/ })).not.toBeChecked();
  await page.getByRole("button", { name: "Create API key" }).click();

  const dialog = page.getByRole("dialog", { name: "Copy your API key now" });
  await expect(dialog).toBeVisible();
  const key = (await dialog.getByTestId("new-api-key").innerText()).trim();
  expect(key).toMatch(/^cs_live_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
  await dialog.getByRole("button", { name: "I have copied it" }).click();
  await expect(dialog).toBeHidden();

  // Shown once: after a reload only the prefix is on the page.
  await page.reload();
  const row = page.getByTestId("api-key-row").filter({ hasText: "E2E menu sync" });
  await expect(row).toContainText(key.slice(0, 16));
  expect(await page.content()).not.toContain(key);

  const auth = { authorization: `Bearer ${key}` };
  const products = await request.get(platform("/api/v1/products?limit=5"), { headers: auth });
  expect(products.status()).toBe(200);
  expect(products.headers()["x-ratelimit-limit"]).toBe("100");
  expect(products.headers()["x-ratelimit-remaining"]).toBe("99");
  const body = (await products.json()) as { data: Array<{ name: string; variants: unknown[] }> };
  expect(body.data.length).toBe(5);
  expect(body.data[0]!.variants.length).toBeGreaterThan(0);

  const order = await request.post(platform("/api/v1/orders"), {
    headers: auth,
    data: { customerId: crypto.randomUUID(), locationId: crypto.randomUUID(), items: [] },
  });
  expect(order.status()).toBe(403);
  expect(await order.json()).toMatchObject({
    error: { code: "insufficient_scope", details: { requiredScope: "orders:write" } },
  });

  const anonymous = await request.get(platform("/api/v1/products"));
  expect(anonymous.status()).toBe(401);

  await page.reload();
  await expect(row.getByTestId("api-key-count")).toHaveText("2");

  // Revoking it stops it at once.
  await row.getByRole("button", { name: /Revoke/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toContainText("Revoked");
  expect((await request.get(platform("/api/v1/products"), { headers: auth })).status()).toBe(401);
});

test("the API reference and the OpenAPI document are served without a key", async ({ page, request }) => {
  const doc = await request.get(platform("/api/v1/openapi.json"));
  expect(doc.status()).toBe(200);
  const json = (await doc.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(json.openapi).toBe("3.1.0");
  expect(Object.keys(json.paths)).toContain("/products/{id}");
  await page.goto(platform("/docs/api"));
  await expect(page.getByRole("heading", { name: "CannaSaaS API reference", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: /GET \/api\/v1\/products$/ })).toBeVisible();
  await expect(page.getByText("X-CannaSaaS-Signature").first()).toBeVisible();
});
