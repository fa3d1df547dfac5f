import type { ReactNode } from "react";
import { SectionTabs } from "~/components/dashboard/section-tabs";

const TABS = [
  { href: "/dashboard/purchasing", label: "Suggested orders" },
  { href: "/dashboard/purchasing/orders", label: "Purchase orders" },
  { href: "/dashboard/purchasing/suppliers", label: "Suppliers" },
  { href: "/dashboard/purchasing/forecast", label: "Demand forecast" },
];

export default function PurchasingLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">Purchasing</h1>
      <SectionTabs label="Purchasing" tabs={TABS} />
      {children}
    </div>
  );
}
