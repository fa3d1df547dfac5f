import { escapeHtml } from "../outbox/html";

const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/** The order confirmation, line by line with taxes, as plain text (the HTML mirrors it). */
export function orderConfirmationEmail(input: {
  to: string;
  storeName: string;
  order: {
    orderNumber: number;
    fulfillment: "pickup" | "delivery";
    subtotalCents: number;
    exciseCents: number;
    localCannabisCents: number;
    salesTaxCents: number;
    deliveryFeeCents: number;
    totalCents: number;
    paymentMethod: string;
  };
  location: { name: string; addressLine1: string; city: string };
  lines: Array<{ productName: string; variantName: string; quantity: number; subtotalCents: number }>;
}) {
  const { order, location } = input;
  const rows = input.lines.map(
    (l) => `${l.quantity} x ${l.productName} (${l.variantName})  ${money(l.subtotalCents)}`,
  );
  const text = [
    `Thank you for your order at ${input.storeName}.`,
    `Order #${order.orderNumber} — ${order.fulfillment === "pickup" ? `pickup at ${location.name}, ${location.addressLine1}, ${location.city}` : "delivery"}.`,
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
