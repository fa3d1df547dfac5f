import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { locations, organizations, type EmailPayload } from "@cannasaas/db/schema";
import { renderMarketingEmail } from "@cannasaas/integrations/mail/marketing-template";
import { DomainError } from "../errors";
import { trackingUrl } from "./links";
import { fillMergeFields, type MergeValues } from "./merge";

/** What every email of a store needs: its name, branding, time zone, age rule and physical address. */
export type MarketingStore = Awaited<ReturnType<typeof loadMarketingStore>>;

export async function loadMarketingStore(db: DbOrTx, organizationId: string) {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw new DomainError("NOT_FOUND", "Unknown organization.");
  const [place] = await db
    .select()
    .from(locations)
    .where(eq(locations.organizationId, organizationId))
    .orderBy(asc(locations.createdAt))
    .limit(1);
  return {
    id: org.id,
    name: org.name,
    slug: org.slug,
    plan: org.plan,
    timeZone: org.timeZone,
    branding: org.branding,
    compliance: org.compliance,
    postalAddress: place ? `${place.addressLine1}, ${place.city}, ${place.state} ${place.postalCode}` : null,
  };
}

export type ComposeInput = {
  store: MarketingStore;
  campaign: { subject: string; body: string; couponCode: string | null };
  values: MergeValues;
  to: string;
  storefrontOrigin: string;
  /** Tracking: the message's id, the endpoints' base URL and the signing key. Absent for previews. */
  tracking: { messageId: string; baseUrl: string; key: string } | null;
  /** Where "Unsubscribe" leads when there is no tracking (previews): the store's account page. */
  fallbackUnsubscribeUrl?: string;
};

const URL_IN_TEXT = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g;

/** The email for one recipient: merged, links tracked and signed, unsubscribe headers per RFC 8058. */
export async function composeMarketingEmail(input: ComposeInput): Promise<EmailPayload> {
  const { store, tracking } = input;
  if (!store.postalAddress) {
    throw new DomainError(
      "BAD_REQUEST",
      "Add a location first: marketing email must carry the store's address.",
    );
  }
  const track = (url: string) =>
    tracking
      ? trackingUrl(tracking.baseUrl, { kind: "click", messageId: tracking.messageId, url }, tracking.key)
      : url;
  const paragraphs = fillMergeFields(input.campaign.body, input.values)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const runs: Array<string | { href: string; label: string }> = [];
      let last = 0;
      for (const m of p.matchAll(URL_IN_TEXT)) {
        if (m.index > last) runs.push(p.slice(last, m.index));
        runs.push({ href: track(m[0]), label: m[0] });
        last = m.index + m[0].length;
      }
      if (last < p.length) runs.push(p.slice(last));
      return runs;
    });
  const unsubscribeUrl = tracking
    ? trackingUrl(tracking.baseUrl, { kind: "unsubscribe", messageId: tracking.messageId }, tracking.key)
    : (input.fallbackUnsubscribeUrl ?? `${input.storefrontOrigin}/account`);
  const { html, text } = await renderMarketingEmail({
    storeName: store.name,
    branding: store.branding,
    paragraphs,
    coupon: input.campaign.couponCode ? { code: input.campaign.couponCode } : null,
    cta: { href: track(`${input.storefrontOrigin}/`), label: `Shop ${store.name}` },
    unsubscribeUrl,
    openPixelUrl: tracking
      ? trackingUrl(tracking.baseUrl, { kind: "open", messageId: tracking.messageId }, tracking.key)
      : null,
    postalAddress: store.postalAddress,
  });
  return {
    to: input.to,
    subject: fillMergeFields(input.campaign.subject, input.values),
    text,
    html,
    headers: {
      "List-Unsubscribe": `<${unsubscribeUrl}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}
