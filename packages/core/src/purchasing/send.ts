import { eq } from "drizzle-orm";
import { organizations, purchaseOrders } from "@cannasaas/db/schema";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import { enqueueEmail } from "../outbox/email";
import { escapeHtml } from "../outbox/html";
import { purchaseOrderPdf } from "./pdf";
import { getPurchaseOrder, lockPurchaseOrder, purchaseOrderLabel } from "./purchase-orders";

type Actor = { organizationId: string; actorUserId: string | null };

const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/** The order as the supplier reads it: plain text and an HTML table with the same lines. */
export function purchaseOrderEmail(
  order: Awaited<ReturnType<typeof getPurchaseOrder>>,
  organizationName: string,
) {
  const label = purchaseOrderLabel(order.order.number);
  const total = order.lines.reduce((t, l) => t + l.quantityOrdered * l.unitCostCents, 0);
  const rows = order.lines.map(
    (l) =>
      `${l.quantityOrdered} x ${l.productName} (${l.variantName}), SKU ${l.sku}, at ${dollars(l.unitCostCents)} = ${dollars(l.quantityOrdered * l.unitCostCents)}`,
  );
  const text = [
    `${label} from ${organizationName}, deliver to ${order.locationName}.`,
    "",
    ...rows,
    "",
    `Total ${dollars(total)}`,
    order.order.notes ? `\nNotes: ${order.order.notes}` : "",
    "Please include the METRC package label of every package on the manifest.",
    `The order is attached as ${label}.pdf.`,
  ].join("\n");
  const html = `<p>${escapeHtml(label)} from ${escapeHtml(organizationName)}, deliver to ${escapeHtml(order.locationName)}.</p><table><thead><tr><th>Qty</th><th>Item</th><th>SKU</th><th>Unit cost</th><th>Line total</th></tr></thead><tbody>${order.lines
    .map(
      (l) =>
        `<tr><td>${l.quantityOrdered}</td><td>${escapeHtml(`${l.productName} (${l.variantName})`)}</td><td>${escapeHtml(l.sku)}</td><td>${dollars(l.unitCostCents)}</td><td>${dollars(l.quantityOrdered * l.unitCostCents)}</td></tr>`,
    )
    .join(
      "",
    )}</tbody></table><p>Total ${dollars(total)}</p><p>Please include the METRC package label of every package on the manifest.</p><p>The order is attached as ${escapeHtml(label)}.pdf.</p>`;
  return { subject: `${label} from ${organizationName}`, text, html };
}

/**
 * Sends a draft to the supplier: the email, with the order as a PDF attached, is written to the outbox in the same
 * transaction that marks the order sent, so an order is never marked sent without its email, nor emailed twice.
 */
export async function sendPurchaseOrder(
  deps: Pick<CoreDeps, "db" | "clock">,
  actor: Actor,
  input: { purchaseOrderId: string },
) {
  return deps.db.transaction(async (tx) => {
    await lockPurchaseOrder(tx, actor.organizationId, input.purchaseOrderId, ["draft"], "sent");
    const [organization] = await tx
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, actor.organizationId));
    const order = await getPurchaseOrder(tx, actor.organizationId, input.purchaseOrderId);
    if (order.lines.length === 0)
      throw new DomainError("BAD_REQUEST", "Add at least one line before sending.");
    if (!order.supplier.email) {
      throw new DomainError(
        "BAD_REQUEST",
        `Add an email address for ${order.supplier.name} before sending.`,
        {
          field: "email",
        },
      );
    }
    const email = purchaseOrderEmail(order, organization!.name);
    const pdf = await purchaseOrderPdf(order, {
      organizationName: organization!.name,
      generatedAt: deps.clock(),
    });
    await enqueueEmail(tx, {
      organizationId: actor.organizationId,
      topic: "purchase_order.sent",
      to: order.supplier.email,
      ...email,
      attachments: [
        {
          filename: `${purchaseOrderLabel(order.order.number)}.pdf`,
          contentType: "application/pdf",
          contentBase64: Buffer.from(pdf).toString("base64"),
        },
      ],
    });
    const [sent] = await tx
      .update(purchaseOrders)
      .set({ status: "sent", sentAt: deps.clock() })
      .where(eq(purchaseOrders.id, input.purchaseOrderId))
      .returning();
    return sent!;
  });
}
