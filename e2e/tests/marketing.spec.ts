import {
  emptyCart,
  expect,
  passAgeGate,
  platform,
  signIn,
  storefront,
  submitSignIn,
  test,
  trpc,
} from "./support";

type MenuVariant = { id: string; priceCents: number; available: number };
type MenuPage = { products: Array<{ name: string; variants: MenuVariant[] }> };

const SHOPPER = "shopper@greenleaf.test"; // agreed to marketing email in the demo data

test("an owner sends a campaign with a coupon to a segment; the shopper clicks, orders with it, and the report counts the order", async ({
  page,
  browser,
}) => {
  // Two people, three surfaces (dashboard, dev mailbox, storefront) and a job run.
  test.setTimeout(300_000);
  const stamp = Date.now().toString().slice(-6);
  const segmentName = `E2E email consent ${stamp}`;
  const campaignName = `E2E weekend ${stamp}`;
  const subject = `Weekend at Greenleaf ${stamp}`;

  // The owner builds a segment: everyone who agreed to marketing email. The count shows while editing.
  await signIn(page, "owner@greenleaf.test");
  await page.goto(platform("/dashboard/marketing/segments/new"));
  await page.getByLabel("Segment name").fill(segmentName);
  await page
    .getByRole("group", { name: "Group 1, condition 1" })
    .getByLabel("Field")
    .selectOption({ label: "Email consent" });
  await expect(page.getByRole("status").filter({ hasText: "customers match" })).toBeVisible();
  await page.getByRole("button", { name: "Save segment" }).click();
  await expect(page).toHaveURL(/\/dashboard\/marketing$/);

  // A campaign to it with the store's summer coupon, sendable at any hour so the run below sends it now.
  await page.goto(platform("/dashboard/marketing/campaigns/new"));
  await page.getByLabel("Campaign name (only staff see it)").fill(campaignName);
  await page.getByLabel("Send to segment").selectOption({ label: segmentName });
  await page.getByLabel("Subject", { exact: true }).fill(subject);
  await page.getByLabel(/^Message/).fill("Hi {{first_name}}, your weekend deal is here.");
  await page.getByLabel("Coupon code (optional)").selectOption("SUMMER5");
  await page.getByLabel(/^Send from/).fill("00:00");
  await page.getByLabel("Until").fill("23:59");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: campaignName })).toBeVisible();
  const campaignUrl = page.url();
  await page.getByRole("button", { name: "Send now" }).click();
  await expect(page.getByRole("main").getByText("scheduled", { exact: true })).toBeVisible();

  // The marketing job starts the campaign, writes its messages and sends them.
  await page.goto(platform("/dashboard/jobs"));
  await page.getByRole("button", { name: "Run now marketing" }).click();
  await expect(page.getByText("The marketing job succeeded.")).toBeVisible();

  // The shopper finds it in the mailbox, with the coupon, and follows its tracked link to the store.
  const shopperContext = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "198.51.201.17" },
  });
  const shopper = await shopperContext.newPage();
  await shopper.goto(storefront("greenleaf", "/sign-in"));
  await passAgeGate(shopper);
  await submitSignIn(shopper, SHOPPER);
  await shopper.waitForURL((url) => !url.pathname.includes("sign-in"));
  await shopper.goto(platform(`/dev/mailbox?to=${encodeURIComponent(SHOPPER)}`));
  const email = shopper.getByTestId("mail").filter({ hasText: subject });
  await expect(email).toContainText("SUMMER5");
  const click = email.locator('a[href*="/api/marketing/click"]').first();
  await shopper.goto((await click.getAttribute("href"))!);
  await expect(shopper).toHaveURL(/^http:\/\/greenleaf\.localhost:\d+\//);

  // An order of $40 or more (the coupon's minimum) with the coupon.
  await emptyCart(shopper);
  const locations = await trpc<Array<{ id: string; name: string }>>(
    shopper,
    "storefront.locations",
    undefined,
  );
  const location = locations[0]!;
  const menu = await trpc<MenuPage>(shopper, "storefront.products", {
    locationId: location.id,
    pageSize: 100,
  });
  const variant = menu.products
    .flatMap((p) => p.variants)
    .find((v) => v.available >= 2 && v.priceCents >= 4_000 && v.priceCents <= 8_000)!;
  expect(variant, "a variant between $40 and $80 in stock").toBeTruthy();
  await trpc(shopper, "cart.add", { variantId: variant.id, quantity: 1 }, "POST");
  await shopper.goto(storefront("greenleaf", "/cart"));
  await shopper.getByRole("radio", { name: new RegExp(location.name) }).check();
  await shopper.getByLabel("Coupon code").fill("SUMMER5");
  await shopper.getByRole("button", { name: "Apply" }).click();
  await expect(shopper.getByText("Code SUMMER5 applied")).toBeVisible();
  await shopper.goto(storefront("greenleaf", "/checkout"));
  await shopper.getByRole("radio", { name: "Cash" }).check();
  await shopper.getByRole("button", { name: "Place order" }).click();
  await expect(shopper).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  await shopperContext.close();

  // The campaign's report counts the click and the order it brought.
  await page.goto(campaignUrl);
  const figure = (label: string) => page.locator("dl > div").filter({ hasText: label }).locator("dd");
  await expect(figure("Clicked")).toHaveText("1");
  await expect(figure("Orders (7 days after a click)")).toHaveText("1");
});
