"use client";
import Link from "next/link";
import { menuHref, type MenuParams } from "~/lib/menu-params";
import type { MenuCategory } from "./menu-filters";

/**
 * The category links above the menu, each keeping the current search and filters. A client component rendered
 * from the categories' data, so the page does not carry every link a second time as a React element tree.
 */
export function CategoryNav({ query, categories }: { query: MenuParams; categories: MenuCategory[] }) {
  return (
    <nav aria-label="Categories" className="-mx-4 overflow-x-auto px-4">
      <ul className="flex gap-2 pb-1">
        <li>
          <Link
            href={menuHref(query, { category: "" })}
            scroll={false}
            aria-current={!query.category ? "page" : undefined}
            className="menu-pill"
          >
            All
          </Link>
        </li>
        {categories.map((c) => (
          <li key={c.slug}>
            <Link
              href={menuHref(query, { category: c.slug })}
              scroll={false}
              aria-current={query.category === c.slug ? "page" : undefined}
              className="menu-pill"
            >
              {c.name} <span className="text-xs">{`(${c.count})`}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
