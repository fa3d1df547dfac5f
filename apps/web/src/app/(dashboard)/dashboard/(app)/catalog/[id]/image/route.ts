import { MAX_PRODUCT_IMAGE_BYTES } from "@cannasaas/core";
import { errorResponse, isSameOrigin } from "~/server/route-api";
import { serverApi } from "~/server/trpc";

const MAX_BODY_BYTES = MAX_PRODUCT_IMAGE_BYTES + 64 * 1024;
const refuse = (status: number, error: string) => Response.json({ error }, { status });

/** Product photo upload (multipart, field `file`); the procedure checks role, tenant, size and real type. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!isSameOrigin(request)) return refuse(403, "Upload from the dashboard.");
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    return refuse(413, "Product photos can be at most 5 MB.");
  }
  const form = await request.formData().catch(() => null);
  const file = form?.get("file");
  if (!(file instanceof File) || file.size === 0) return refuse(400, "Choose a photo.");
  if (file.size > MAX_PRODUCT_IMAGE_BYTES) return refuse(413, "Product photos can be at most 5 MB.");
  try {
    const { id } = await params;
    const result = await (
      await serverApi()
    ).catalog.products.uploadImage({
      productId: id,
      file: new Uint8Array(await file.arrayBuffer()),
    });
    return Response.json(result, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
