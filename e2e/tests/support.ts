import { test as base, expect, type Page } from "@playwright/test";

/**
 * Every test browses from its own client address. Sign-in is limited to 5 attempts per 15 minutes per IP,
 * and the whole suite would otherwise come from one; the e2e server sets TRUSTED_PROXY_HOPS=1, so the app
 * reads the address from X-Forwarded-For as it would behind one proxy of ours.
 */
export const test = base.extend<{ clientIp: string }>({
  clientIp: [
    async ({ page }, use, testInfo) => {
      let hash = 0;
      for (const ch of testInfo.testId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
      const ip = `198.51.${(hash >>> 8) % 256}.${hash % 256}`;
      await page.setExtraHTTPHeaders({ "x-forwarded-for": ip });
      await use(ip);
    },
    { auto: true },
  ],
});
export { expect };

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const ROOT = `localhost:${PORT}`;
export const storefront = (slug: string, path = "/") => `http://${slug}.${ROOT}${path}`;
export const platform = (path = "/") => `http://${ROOT}${path}`;
export const DEMO_PASSWORD = "cannasaas-demo";

/** Fills and submits the sign-in form on the current page (the dashboard's or a storefront's). */
export async function submitSignIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * Signs a member of staff in to the dashboard: opens `from` (a dashboard page, /dashboard by default), which sends
 * a signed-out visitor to sign-in, signs in, and waits until the dashboard shows. Waiting for the sign-in's own
 * navigation to finish matters: leaving earlier lands on the dashboard home afterwards.
 */
export async function signIn(page: Page, email: string, options: { from?: string; password?: string } = {}) {
  await page.goto(platform(options.from ?? "/dashboard"));
  await expect(page).toHaveURL(/\/dashboard\/sign-in/);
  await submitSignIn(page, email, options.password);
  await page.waitForURL((url) => url.pathname.startsWith("/dashboard") && !url.pathname.includes("sign-in"));
  await expect(page.getByRole("navigation", { name: "Dashboard" })).toBeVisible();
}

/**
 * Calls tRPC from inside the page (same origin, same cookies): Node cannot resolve *.localhost, Chromium can.
 * The page must already be on the host whose API it calls.
 */
export async function trpc<T>(
  page: Page,
  path: string,
  input: unknown,
  method: "GET" | "POST" = "GET",
): Promise<T> {
  const body = JSON.stringify({ json: input });
  const { ok, text } = await page.evaluate(
    async ({ path, body, method }) => {
      const url =
        method === "GET" ? `/api/trpc/${path}?input=${encodeURIComponent(body)}` : `/api/trpc/${path}`;
      const init = method === "GET" ? {} : { method, body, headers: { "content-type": "application/json" } };
      const response = await fetch(url, init);
      return { ok: response.ok, text: await response.text() };
    },
    { path, body, method },
  );
  expect(ok, text).toBe(true);
  return (JSON.parse(text) as { result: { data: { json: T } } }).result.data.json;
}

/**
 * Empties the signed-in shopper's cart. Carts persist per shopper, and a journey that ended at a refusal (say, over
 * the daily limit) leaves its lines behind for the next journey signed in as the same shopper.
 */
export async function emptyCart(page: Page) {
  const cart = await trpc<{ lines: Array<{ variantId: string }> }>(page, "cart.get", undefined);
  for (const line of cart.lines) await trpc(page, "cart.remove", { variantId: line.variantId }, "POST");
}

export async function passAgeGate(page: Page) {
  const gate = page.getByRole("dialog");
  await expect(gate).toBeVisible();
  await gate.getByRole("button", { name: "I am 21 or older" }).click();
  await expect(gate).toBeHidden();
}

export async function productNames(page: Page): Promise<string[]> {
  await expect(page.getByTestId("product-card").first()).toBeVisible();
  return page.getByTestId("product-card").locator("h3").allInnerTexts();
}

/** Finds the newest link in the dev mailbox for an address (emails stay there with no mail server set). */
export async function linkFromMailbox(page: Page, to: string, pathPart: string): Promise<string> {
  await page.goto(platform(`/dev/mailbox?to=${encodeURIComponent(to)}`));
  const link = page.getByTestId("mail").first().locator(`a[href*="${pathPart}"]`);
  await expect(link).toBeVisible();
  return (await link.getAttribute("href"))!;
}

/**
 * Holds the app's scripts back until `release` (a slow phone): the page shows the server's HTML, not yet
 * hydrated. The context's route also holds what the storefront's service worker fetches, which a page route
 * does not see. Stylesheets pass: the HTML's inline scripts wait for them, so holding them holds the page.
 */
export async function holdScripts(page: Page): Promise<{ release: () => void }> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const scripts = (url: URL) =>
    url.pathname.startsWith("/_next/static/chunks/") && url.pathname.endsWith(".js");
  // The route stays for the rest of the test, passing scripts at once after the release.
  await page.context().route(scripts, async (route) => {
    await held;
    await route.continue();
  });
  return { release };
}
