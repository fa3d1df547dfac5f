"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";

/** Typing a THC or price bound waits this long for the next keystroke before the menu follows. */
const NUMBER_DELAY_MS = 600;

/** The form's filled fields as a menu URL (blank fields left out, page back to 1). */
function hrefOf(form: HTMLFormElement): string {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) {
    if (typeof value === "string" && value.trim()) params.append(key, value.trim());
  }
  const text = params.toString();
  return text ? `/?${text}` : "/";
}

/** Puts the form's fields back in line with the URL (after Back or Forward), leaving the field being typed in. */
function syncFields(form: HTMLFormElement, query: string) {
  const params = new URLSearchParams(query);
  for (const field of Array.from(form.elements)) {
    const typing = field instanceof HTMLInputElement && field.type !== "checkbox";
    if (typing && field === document.activeElement) continue;
    if (field instanceof HTMLInputElement && field.type === "checkbox") {
      field.checked = params.getAll(field.name).includes(field.value);
    } else if (field instanceof HTMLInputElement && field.name && field.type !== "search") {
      field.value = params.get(field.name) ?? "";
    } else if (field instanceof HTMLSelectElement) {
      field.value = params.get(field.name) ?? field.dataset.fallback ?? "";
    }
  }
}

/**
 * Whether a box was ticked or cleared before the page hydrated: `defaultChecked` still holds what the server's
 * HTML said, so a difference is the shopper's, and that choice must apply rather than be undone.
 */
function choseBeforeHydration(form: HTMLFormElement): boolean {
  return Array.from(form.elements).some(
    (field) =>
      field instanceof HTMLInputElement &&
      field.type === "checkbox" &&
      field.checked !== field.defaultChecked,
  );
}

/**
 * Makes the menu's plain GET form apply each choice at once: a ticked box or a chosen sort navigates to the
 * new URL (so it can be shared and Back undoes it), number bounds after a pause in typing. Without JavaScript
 * the form's own Apply button does the same. `query` is the current URL's query, from the server.
 */
export function LiveFilters({ formId, query }: { formId: string; query: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // The query the fields were last put in line with: the server's HTML already matches the first one, and
  // syncing to it on mount would undo a box ticked before hydration.
  const queryRef = useRef(query);

  useEffect(() => {
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return;
    form.dataset.live = "true";
    let timer: ReturnType<typeof setTimeout> | undefined;
    const apply = (delay: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const href = hrefOf(form);
        startTransition(() => router.push(href, { scroll: false }));
      }, delay);
    };
    const onChange = (event: Event) => {
      const field = event.target as HTMLInputElement;
      // The search applies when submitted; its suggestions come while typing.
      if (field.name === "q") return;
      apply(0);
    };
    const onInput = (event: Event) => {
      const field = event.target as HTMLInputElement;
      if (field.type === "number") apply(NUMBER_DELAY_MS);
    };
    form.addEventListener("change", onChange);
    form.addEventListener("input", onInput);
    if (choseBeforeHydration(form)) apply(0);
    return () => {
      clearTimeout(timer);
      form.removeEventListener("change", onChange);
      form.removeEventListener("input", onInput);
    };
  }, [formId, router]);

  useEffect(() => {
    if (queryRef.current === query) return;
    queryRef.current = query;
    const form = document.getElementById(formId);
    if (form instanceof HTMLFormElement) syncFields(form, query);
  }, [formId, query]);

  return (
    <p role="status" className="min-h-5 text-sm text-stone-600">
      {pending ? "Updating the menu…" : ""}
    </p>
  );
}
