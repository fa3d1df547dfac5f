/** What a guest, or a shopper whose session has ended, is told instead of the review form. */
export function SignInToReview({ productName }: { productName: string }) {
  return (
    <p className="text-sm text-stone-600">
      Shoppers who bought {productName} here can review it once signed in.
    </p>
  );
}
