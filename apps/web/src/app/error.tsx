"use client";

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-lg flex-col items-center justify-center gap-4 p-6 text-center">
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <p className="text-stone-700">
        We could not load this page. Try again; if it keeps happening, quote reference{" "}
        {error.digest ?? "unknown"}.
      </p>
      <button onClick={reset} className="min-h-11 rounded-lg bg-brand px-4 font-semibold text-white">
        Try again
      </button>
    </main>
  );
}
