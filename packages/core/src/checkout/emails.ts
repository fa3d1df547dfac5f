import type { Fulfillment } from "@cannasaas/db/enums";
import { escapeHtml } from "../outbox/html";
import { formatSlotTime } from "./slots";

const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/** The order confirmation, line by line with taxes, as plain text (the HTML mirrors it). */
export function orderConfirmationEmail(input: {
  to: string;
  storeName: string;
  order: {
    orderNumber: number;
    fulfillment: Fulfillment;
    subtotalCents: number;
    exciseCents: number;
    localCannabisCents: number;
    salesTaxCents: number;
    deliveryFeeCents: number;
    totalCents: number;
    paymentMethod: string;
    slotStartsAt: Date | null;
    slotEndsAt: Date | null;
  };
  location: { name: string; addressLine1: string; city: string; timeZone: string };
  lines: Array<{ productName: string; variantName: string; quantity: number; subtotalCents: number }>;
}) {
  const { order, location } = input;
  const rows = input.lines.map(
    (l) => `${l.quantity} x ${l.productName} (${l.variantName})  ${money(l.subtotalCents)}`,
  );
  const text = [
    `Thank you for your order at ${input.storeName}.`,
    `Order #${order.orderNumber} — ${order.fulfillment === "pickup" ? `pickup at ${location.name}, ${location.addressLine1}, ${location.city}` : "delivery"}.`,
    ...(order.slotStartsAt ? [expectedTime(order, input.location.timeZone)] : []),
    "",
    ...rows,
    "",
    `Subtotal ${money(order.subtotalCents)}`,
    `Cannabis excise ${money(order.exciseCents)}`,
    ...(order.localCannabisCents ? [`Local cannabis tax ${money(order.localCannabisCents)}`] : []),
    `Sales tax ${money(order.salesTaxCents)}`,
    ...(order.deliveryFeeCents ? [`Delivery ${money(order.deliveryFeeCents)}`] : []),
    `Total ${money(order.totalCents)}, paid ${order.paymentMethod === "cash" ? "in cash" : "by debit"} at ${order.fulfillment}.`,
    "",
    "Bring a valid government photo ID. We will email you when your order is ready.",
  ].join("\n");
  const html = text
    .split("\n")
    .map((line) => (line ? `<p>${escapeHtml(line)}</p>` : ""))
    .join("");
  return { to: input.to, subject: `${input.storeName}: order #${order.orderNumber} received`, text, html };
}

/** "Expected ready for pickup: Sat Jun 13, 5:30 PM." on the store's clock. */
export function expectedTime(
  order: { fulfillment: Fulfillment; slotStartsAt: Date | null; slotEndsAt: Date | null },
  timeZone: string,
) {
  if (!order.slotStartsAt) return "";
  const from = formatSlotTime(order.slotStartsAt, timeZone);
  if (order.fulfillment === "pickup") return `Expected ready for pickup: ${from}.`;
  const to = order.slotEndsAt ? formatSlotTime(order.slotEndsAt, timeZone).split(", ").at(-1) : null;
  return `Delivery window: ${from}${to ? ` – ${to}` : ""}.`;
}
