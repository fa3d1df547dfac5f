// The product input schemas are shared with the dashboard's product form, so they live in validators.
export {
  CATALOG_BOUNDS,
  priceCentsSchema,
  productInput,
  productListInput,
  productUpdateInput,
  SKU_PATTERN,
  skuSchema,
  uniqueTags,
  variantInput,
  weightMgSchema,
  type ProductInput,
  type ProductListInput,
  type ProductUpdateInput,
  type VariantInput,
} from "@cannasaas/validators";
