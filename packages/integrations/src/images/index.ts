/** The image port; the sharp adapter is `@cannasaas/integrations/images/sharp` so the port pulls in no SDK. */
export { ImageDecodeError, type ImageProcessor } from "./types";
