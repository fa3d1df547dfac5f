import type { CopyTone, ProductCopyText } from "@cannasaas/core/ai-copy";

export const TONE_LABELS: Record<CopyTone, string> = {
  professional: "Professional",
  casual: "Casual",
  medical: "Clinical (facts only, no health claims)",
  luxury: "Luxury",
};
export const FIELD_LABELS: Record<keyof ProductCopyText, string> = {
  description: "Description",
  tagline: "Tagline",
  seoTitle: "SEO title",
  seoDescription: "SEO description",
};
export const OFF_REASONS = {
  no_key: "AI is off: copy is written from a template over the product's fields.",
  plan: "AI is off on your plan (Claude copy comes with Professional): copy is written from a template over the product's fields.",
  quota: "This month's AI allowance is used up: copy is written from a template over the product's fields.",
} as const;

export type CopyDraft = {
  id: string;
  source: string;
  tone: CopyTone;
  flags: { field: string; topic: string; sentence: string }[];
  notice?: string | null;
  productName?: string;
} & ProductCopyText;
