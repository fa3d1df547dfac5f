import type { Branding, Fulfillment } from "@cannasaas/db/schema";
import { escapeHtml } from "../outbox/html";
import { formatSlotTime } from "../checkout/slots";

/** The steps a shopper is told about, each once per order. */
export const SHOPPER_STEPS = ["confirmed", "ready", "out_for_delivery", "delivered", "cancelled"] as const;
export type ShopperStep = (typeof SHOPPER_STEPS)[number];

export type ShopperMessageInput = {
  step: ShopperStep;
  store: { name: string; branding: Branding };
  location: { name: string; addressLine1: string; city: string; timeZone: string };
  order: {
    orderNumber: number;
    fulfillment: Fulfillment;
    slotStartsAt: Date | null;
    cancelReason: string | null;
  };
  /** The driver's expected arrival, when the delivery knows it. */
  etaAt?: Date | null;
};

/**
 * A message in words any channel can carry: a subject line, plain text and its branded HTML for email, and the
 * headline with its first line for short channels (a push notification).
 */
export type ShopperMessage = {
  subject: string;
  text: string;
  html: string;
  headline: string;
  summary: string;
};

function lines(input: ShopperMessageInput): { headline: string; body: string[] } {
  const { order, location } = input;
  const at = (d: Date) => formatSlotTime(d, location.timeZone);
  const where = `${location.name}, ${location.addressLine1}, ${location.city}`;
  switch (input.step) {
    case "confirmed":
      return {
        headline: `Order #${order.orderNumber} is confirmed`,
        body: [
          order.fulfillment === "pickup"
            ? `We are preparing it for pickup at ${where}.`
            : `We are preparing it for delivery from ${location.name}.`,
          ...(order.slotStartsAt
            ? [
                order.fulfillment === "pickup"
                  ? `Expected ready: ${at(order.slotStartsAt)}.`
                  : `Your delivery window starts ${at(order.slotStartsAt)}.`,
              ]
            : []),
        ],
      };
    case "ready":
      return {
        headline: `Order #${order.orderNumber} is ready for pickup`,
        body: [`Collect it at ${where}. Bring a valid government photo ID; payment is taken at pickup.`],
      };
    case "out_for_delivery":
      return {
        headline: `Order #${order.orderNumber} is on its way`,
        body: [
          input.etaAt
            ? `Your driver expects to arrive around ${at(input.etaAt)}.`
            : "Your driver is on the way.",
          "Have a valid government photo ID ready; the driver checks it at the door.",
        ],
      };
    case "delivered":
      return {
        headline: `Order #${order.orderNumber} was delivered`,
        body: [`Thank you for shopping with ${input.store.name}.`],
      };
    case "cancelled":
      return {
        headline: `Order #${order.orderNumber} was cancelled`,
        body: [
          ...(order.cancelReason ? [`Reason: ${order.cancelReason}`] : []),
          "Nothing was charged. Any reserved items have been released.",
        ],
      };
  }
}

/** A safe CSS colour from the tenant's branding (a hex colour), else the platform green. */
const brandColour = (branding: Branding) =>
  /^#[0-9a-f]{6}$/i.test(branding.primaryColor) ? branding.primaryColor : "#1f7a4d";

/** The message for a step, with the store's name and colour (the tenant's branding) in its HTML. */
export function shopperMessage(input: ShopperMessageInput): ShopperMessage {
  const { headline, body } = lines(input);
  const store = input.store.name;
  const text = [headline + ".", "", ...body, "", `— ${store}`].join("\n");
  const html = [
    `<div style="font-family:system-ui,sans-serif;max-width:560px">`,
    `<p style="margin:0;padding:12px 16px;background:${brandColour(input.store.branding)};color:#fff;font-weight:600">${escapeHtml(store)}</p>`,
    `<h1 style="font-size:20px;margin:16px">${escapeHtml(headline)}</h1>`,
    ...body.map((line) => `<p style="margin:8px 16px">${escapeHtml(line)}</p>`),
    `</div>`,
  ].join("");
  return { subject: `${store}: ${headline}`, text, html, headline, summary: body[0] ?? "" };
}
