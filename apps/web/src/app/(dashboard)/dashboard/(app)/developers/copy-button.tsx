"use client";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";

/** Copies a value to the clipboard and says so to screen readers. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  return (
    <>
      <Button
        variant="secondary"
        onClick={() => {
          navigator.clipboard.writeText(value).then(
            () => setCopied("yes"),
            () => setCopied("no"),
          );
        }}
      >
        {copied === "yes" ? "Copied" : label}
      </Button>
      <span aria-live="polite" className="sr-only">
        {copied === "yes"
          ? "Copied to the clipboard."
          : copied === "no"
            ? "Copy failed: select the text."
            : ""}
      </span>
    </>
  );
}

/** A secret shown in full, selectable, with a copy button. */
export function SecretValue({ value, label, testId }: { value: string; label: string; testId: string }) {
  return (
    <div className="flex flex-col gap-2">
      <code
        data-testid={testId}
        className="block break-all rounded-lg bg-stone-100 p-3 font-mono text-sm text-stone-900 select-all"
      >
        {value}
      </code>
      <div>
        <CopyButton value={value} label={label} />
      </div>
    </div>
  );
}
