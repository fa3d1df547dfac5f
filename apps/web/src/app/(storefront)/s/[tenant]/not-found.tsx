import Link from "next/link";

export default function StorefrontNotFound() {
  return (
    <main className="mx-auto flex min-h-[60dvh] max-w-lg flex-col items-center justify-center gap-4 p-6 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-stone-500">404</p>
      <h1 className="text-3xl font-bold">No dispensary here</h1>
      <p className="text-stone-700">
        We could not find a store at this address. It may have moved, or it has not opened online yet.
      </p>
      <Link href="/" className="font-semibold underline underline-offset-4">
        Back to the start
      </Link>
    </main>
  );
}
