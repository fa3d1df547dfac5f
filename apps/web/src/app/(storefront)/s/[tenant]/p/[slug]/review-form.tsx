"use client";
import dynamic from "next/dynamic";

// The form and its checks (zod) are a chunk of their own, fetched only for a signed-in shopper's product page.
// It shows nothing on the server either way: what it shows depends on the shopper's own query.
const ReviewFormFields = dynamic(() => import("./review-form-fields"), { ssr: false });

/** The review form for a signed-in shopper; see ReviewFormFields. */
export function ReviewForm(props: { productId: string; productName: string }) {
  return <ReviewFormFields {...props} />;
}
