"use client";
import { PUSH_BODY_MAX_CHARS, PUSH_TITLE_MAX_CHARS, pushMarketingText } from "@cannasaas/validators";

/** Sample values for the preview, as a shopper named Alex with some points might see it. */
const SAMPLE: Record<string, string> = { first_name: "Alex", points: "120", tier: "Member" };
const fill = (text: string, storeName: string) =>
  text.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (whole, name: string) =>
    name === "store" ? storeName : (SAMPLE[name] ?? whole),
  );

/**
 * A web push as it will look: the store's name and icon, the title and the text with the coupon line, with
 * live character counts against the limits the server checks. Merge fields are counted as typed.
 */
export function PushPreview({
  storeName,
  title,
  body,
  couponCode,
}: {
  storeName: string;
  title: string;
  body: string;
  couponCode: string;
}) {
  const text = pushMarketingText(body, couponCode || null);
  const counts = [
    ["Title", title.length, PUSH_TITLE_MAX_CHARS],
    ["Text", text.length, PUSH_BODY_MAX_CHARS],
  ] as const;
  const over = counts.some(([, n, max]) => n > max);
  return (
    <div className="flex flex-col gap-2">
      <p
        role="status"
        aria-live="polite"
        className={over ? "text-sm font-semibold text-red-800" : "text-sm text-stone-700"}
        data-testid="push-counter"
      >
        {counts.map(([label, n, max]) => `${label} ${n} / ${max} characters`).join(" · ")}
        {couponCode ? " (the text includes the coupon line)" : ""}
      </p>
      <figure
        aria-label="Notification preview"
        className="flex max-w-sm gap-3 rounded-xl border border-stone-200 bg-white p-3 shadow-sm"
      >
        <div
          aria-hidden
          className="flex h-10 w-10 shrink-0 items-center justify-center rounded-lg bg-brand font-bold text-white"
        >
          {storeName.slice(0, 1).toUpperCase()}
        </div>
        <figcaption className="flex min-w-0 flex-col text-sm">
          <span className="text-xs text-stone-600">{storeName}</span>
          <span className="font-semibold text-stone-900">{fill(title, storeName) || "Title"}</span>
          <span className="whitespace-pre-wrap text-stone-700">{fill(text, storeName)}</span>
        </figcaption>
      </figure>
    </div>
  );
}
