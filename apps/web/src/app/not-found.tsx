import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-lg flex-col items-center justify-center gap-4 p-6 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-stone-500">404</p>
      <h1 className="text-3xl font-bold">Nothing here</h1>
      <p className="text-stone-700">
        There is no page or dispensary at this address. Check the link, or ask the store for its menu address.
      </p>
      <Link href="/" className="font-semibold text-brand underline underline-offset-4">
        Go to the home page
      </Link>
    </main>
  );
}
