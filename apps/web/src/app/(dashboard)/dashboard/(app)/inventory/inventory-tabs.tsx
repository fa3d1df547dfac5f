"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const TABS = [
  { href: "/dashboard/inventory", label: "Stock levels" },
  { href: "/dashboard/inventory/low-stock", label: "Low stock" },
  { href: "/dashboard/inventory/expiring", label: "Expiring soon" },
  { href: "/dashboard/inventory/lots", label: "Lots" },
  { href: "/dashboard/inventory/history", label: "History" },
];

export function InventoryTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Inventory" className="-mx-4 overflow-x-auto px-4">
      <ul className="flex gap-2">
        {TABS.map((tab) => (
          <li key={tab.href}>
            <Link
              href={tab.href}
              aria-current={pathname === tab.href ? "page" : undefined}
              className="inline-flex min-h-11 items-center whitespace-nowrap rounded-full border border-stone-300 bg-white px-4 text-sm font-medium hover:bg-stone-50 aria-[current=page]:border-brand aria-[current=page]:bg-brand aria-[current=page]:text-white"
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
