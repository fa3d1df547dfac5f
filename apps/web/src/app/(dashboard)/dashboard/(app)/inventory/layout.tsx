import type { ReactNode } from "react";
import { SectionTabs } from "~/components/dashboard/section-tabs";

const TABS = [
  { href: "/dashboard/inventory", label: "Stock levels" },
  { href: "/dashboard/inventory/low-stock", label: "Low stock" },
  { href: "/dashboard/inventory/expiring", label: "Expiring soon" },
  { href: "/dashboard/inventory/lots", label: "Lots" },
  { href: "/dashboard/inventory/history", label: "History" },
];

export default function InventoryLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">Inventory</h1>
      <SectionTabs label="Inventory" tabs={TABS} />
      {children}
    </div>
  );
}
