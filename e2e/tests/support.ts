import { test as base, expect, type Page } from "@playwright/test";

/**
 * Every test browses from its own client address. Sign-in is limited to 5 attempts per 15 minutes per IP,
 * and the whole suite would otherwise come from one; the app reads the address from X-Forwarded-For as it
 * does behind Vercel's proxy.
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
