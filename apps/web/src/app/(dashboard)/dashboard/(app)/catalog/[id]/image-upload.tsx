"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@cannasaas/ui/button";

const MAX_BYTES = 5 * 1024 * 1024;

/** Uploads a product photo through the multipart route; the server checks the bytes, not the file name. */
export function ImageUpload({ productId }: { productId: string }) {
  const [state, setState] = useState<{ pending: boolean; error: string | null; done: boolean }>({
    pending: false,
    error: null,
    done: false,
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("file");
    if (!(file instanceof File) || file.size === 0) {
      setState({ pending: false, error: "Choose a photo.", done: false });
      return;
    }
    if (file.size > MAX_BYTES) {
      setState({ pending: false, error: "Product photos can be at most 5 MB.", done: false });
      return;
    }
    setState({ pending: true, error: null, done: false });
    const body = new FormData();
    body.set("file", file);
    const response = await fetch(`/dashboard/catalog/${productId}/image`, { method: "POST", body }).catch(
      () => null,
    );
    if (!response?.ok) {
      const message = response
        ? ((await response.json().catch(() => null)) as { error?: string } | null)?.error
        : null;
      setState({ pending: false, error: message ?? "The upload failed. Try again.", done: false });
      return;
    }
    setState({ pending: false, error: null, done: true });
    // The photo changes the product's version: reload so the edit form is based on it.
    window.location.reload();
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
      <label className="flex flex-col gap-1 text-sm font-medium">
        New photo (PNG, JPEG or WebP, up to 5 MB)
        <input name="file" type="file" accept="image/png,image/jpeg,image/webp" className="text-sm" />
      </label>
      <Button type="submit" variant="secondary" disabled={state.pending}>
        {state.pending ? "Uploading…" : "Upload photo"}
      </Button>
      {state.error ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      {state.done ? (
        <p role="status" className="w-full text-sm text-emerald-800">
          Photo saved.
        </p>
      ) : null}
    </form>
  );
}
