import { createElement as h, type ReactNode } from "react";
import {
  Body,
  Button,
  Container,
  Head,
  Hr,
  Html,
  Img,
  Link,
  Preview,
  Section,
  Text,
} from "@react-email/components";
import { render } from "@react-email/render";

/** A marketing email's parts, already merged (no merge fields left) and with tracked links in place. */
export type MarketingEmailInput = {
  /** The inbox preview line; the first paragraph when absent. */
  previewText?: string;
  storeName: string;
  branding: { primaryColor: string; logoUrl?: string | null };
  /** Paragraphs of the body, each a list of runs: text, or a link (the tracked URL and the text shown). */
  paragraphs: Array<Array<string | { href: string; label: string }>>;
  coupon?: { code: string } | null;
  cta: { href: string; label: string };
  unsubscribeUrl: string;
  /** The 1x1 tracking image; absent in previews and test sends. */
  openPixelUrl?: string | null;
  /** The store's physical address (CAN-SPAM requires it in commercial email). */
  postalAddress: string;
};

const run = (part: string | { href: string; label: string }, key: number): ReactNode =>
  typeof part === "string" ? part : h(Link, { key, href: part.href }, part.label);

function MarketingEmail(input: MarketingEmailInput) {
  const color = input.branding.primaryColor;
  return h(
    Html,
    { lang: "en" },
    h(Head, null),
    h(
      Preview,
      null,
      input.previewText ??
        input.paragraphs[0]?.map((p) => (typeof p === "string" ? p : p.label)).join("") ??
        "",
    ),
    h(
      Body,
      { style: { backgroundColor: "#f6f6f4", fontFamily: "Helvetica, Arial, sans-serif", color: "#1a1a1a" } },
      h(
        Container,
        { style: { backgroundColor: "#ffffff", padding: "24px", maxWidth: "560px" } },
        input.branding.logoUrl
          ? h(Img, { src: input.branding.logoUrl, alt: input.storeName, height: 48 })
          : h(Text, { style: { fontSize: "20px", fontWeight: 700, color } }, input.storeName),
        ...input.paragraphs.map((parts, i) =>
          h(Text, { key: i, style: { fontSize: "16px", lineHeight: "24px" } }, ...parts.map(run)),
        ),
        input.coupon
          ? h(
              Section,
              { style: { border: `2px dashed ${color}`, padding: "12px", textAlign: "center" } },
              h(Text, { style: { margin: 0 } }, "Your code"),
              h(Text, { style: { fontSize: "22px", fontWeight: 700, margin: 0 } }, input.coupon.code),
            )
          : null,
        h(
          Section,
          { style: { textAlign: "center", padding: "16px 0" } },
          h(
            Button,
            {
              href: input.cta.href,
              style: { backgroundColor: color, color: "#ffffff", padding: "12px 20px", borderRadius: "6px" },
            },
            input.cta.label,
          ),
        ),
        h(Hr, null),
        h(
          Text,
          { style: { fontSize: "12px", color: "#555555" } },
          `${input.storeName}, ${input.postalAddress}. You receive this because you agreed to marketing email. `,
          h(Link, { href: input.unsubscribeUrl }, "Unsubscribe"),
        ),
        input.openPixelUrl ? h(Img, { src: input.openPixelUrl, alt: "", width: 1, height: 1 }) : null,
      ),
    ),
  );
}

/** Plain text written from the same parts (links spelled out), not scraped from the HTML. */
function plainText(input: MarketingEmailInput): string {
  const paragraphs = input.paragraphs.map((parts) =>
    parts.map((p) => (typeof p === "string" ? p : `${p.label} (${p.href})`)).join(""),
  );
  return [
    input.storeName,
    "",
    ...paragraphs.flatMap((p) => [p, ""]),
    ...(input.coupon ? [`Your code: ${input.coupon.code}`, ""] : []),
    `${input.cta.label}: ${input.cta.href}`,
    "",
    "--",
    `${input.storeName}, ${input.postalAddress}.`,
    `Unsubscribe: ${input.unsubscribeUrl}`,
  ].join("\n");
}

/** The HTML (react-email) and plain-text parts of a marketing email. */
export async function renderMarketingEmail(input: MarketingEmailInput) {
  const html = await render(h(MarketingEmail, input));
  return { html, text: plainText(input) };
}
