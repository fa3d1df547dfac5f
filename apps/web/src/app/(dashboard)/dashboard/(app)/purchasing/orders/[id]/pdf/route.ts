import { purchaseOrderLabel, purchaseOrderPdf } from "@cannasaas/core";
import { errorResponse } from "~/server/route-api";
import { serverApi } from "~/server/trpc";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The purchase order as a PDF to print or send to the supplier. It reads the order through the same procedure as
 * the page, so only staff of the organization who may see purchasing get it.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) {
    return Response.json({ error: "That purchase order does not exist." }, { status: 404 });
  }
  try {
    const api = await serverApi();
    const [order, { organization }] = await Promise.all([
      api.purchasing.order({ purchaseOrderId: id }),
      api.organization.overview(),
    ]);
    const pdf = await purchaseOrderPdf(order, {
      organizationName: organization.name,
      generatedAt: new Date(),
    });
    return new Response(Buffer.from(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${purchaseOrderLabel(order.order.number)}.pdf"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
