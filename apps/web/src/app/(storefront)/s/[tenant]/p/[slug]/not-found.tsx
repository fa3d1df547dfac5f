import Link from "next/link";

export default function ProductNotFound() {
  return (
    <div className="mx-auto flex min-h-[50dvh] max-w-lg flex-col items-center justify-center gap-4 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-stone-500">404</p>
      <h1 className="text-3xl font-bold">We couldn’t find that product</h1>
      <p className="text-stone-700">
        It is not on this store’s menu. It may have been removed, or the link is mistyped.
      </p>
      <Link href="/" className="font-semibold text-brand underline underline-offset-4">
        Browse the menu
      </Link>
    </div>
  );
}
