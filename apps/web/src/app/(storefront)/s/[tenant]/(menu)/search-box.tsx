"use client";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { useTRPC } from "~/lib/trpc/client";
import { FIELD_CLASS } from "./filter-fields";

/** Suggestions wait for a pause in typing this long, and for at least this many characters. */
const TYPING_PAUSE_MS = 200;
const MIN_CHARS = 2;

/**
 * The menu's search box as an ARIA combobox: while the shopper types, up to six matching products (typos
 * forgiven) are offered; arrow keys move through them, Enter opens the highlighted one, and Enter with none
 * highlighted searches the menu (the surrounding form's submit).
 */
export function SearchBox({ initial, maxLength }: { initial: string; maxLength: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const listId = useId();
  const [text, setText] = useState(initial);
  const [typed, setTyped] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  // A new search from the URL (Back, a chip removed) replaces what the box shows.
  const [shownFor, setShownFor] = useState(initial);
  if (shownFor !== initial) {
    setShownFor(initial);
    setText(initial);
  }
  useEffect(() => {
    const timer = setTimeout(() => setTyped(text.trim()), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const enabled = open && typed.length >= MIN_CHARS;
  const suggestions = useQuery({ ...trpc.storefront.suggest.queryOptions({ q: typed }), enabled });
  const options = enabled ? (suggestions.data ?? []) : [];
  const expanded = options.length > 0;
  const optionId = (i: number) => `${listId}-option-${i}`;

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" && expanded) {
      event.preventDefault();
      setActive((i) => (i + 1) % options.length);
    } else if (event.key === "ArrowUp" && expanded) {
      event.preventDefault();
      setActive((i) => (i <= 0 ? options.length - 1 : i - 1));
    } else if (event.key === "Escape") {
      setOpen(false);
      setActive(-1);
    } else if (event.key === "Enter" && expanded && active >= 0) {
      event.preventDefault();
      router.push(`/p/${options[active]!.slug}`);
    }
  }

  return (
    <div className="relative flex-1">
      <label htmlFor="menu-q" className="sr-only">
        Search the menu
      </label>
      <input
        id="menu-q"
        type="search"
        name="q"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        value={text}
        maxLength={maxLength}
        placeholder="Search products, strains, brands"
        className={FIELD_CLASS}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Suggested products"
        hidden={!expanded}
        className="absolute inset-x-0 top-full z-20 mt-1 overflow-hidden rounded-lg border border-stone-200 bg-white shadow-lg"
      >
        {options.map((s, i) => (
          <li
            key={s.slug}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className="cursor-pointer px-3 py-2 text-sm aria-selected:bg-stone-100"
            onMouseDown={(event) => {
              // Keep focus in the box until the navigation starts.
              event.preventDefault();
              router.push(`/p/${s.slug}`);
            }}
          >
            <span className="font-medium">{s.name}</span>
            <span className="block text-xs text-stone-600">
              {s.category}
              {s.brand ? ` · ${s.brand}` : ""}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
