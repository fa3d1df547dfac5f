"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const TABS = [
  { href: "/dashboard/purchasing", label: "Suggested orders" },
  { href: "/dashboard/purchasing/orders", label: "Purchase orders" },
  { href: "/dashboard/purchasing/suppliers", label: "Suppliers" },
  { href: "/dashboard/purchasing/forecast", label: "Demand forecast" },
];

export function PurchasingTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Purchasing" className="-mx-4 overflow-x-auto px-4">
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
