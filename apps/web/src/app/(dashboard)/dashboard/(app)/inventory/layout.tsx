import type { ReactNode } from "react";
import { InventoryTabs } from "./inventory-tabs";

export default function InventoryLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">Inventory</h1>
      <InventoryTabs />
      {children}
    </div>
  );
}
