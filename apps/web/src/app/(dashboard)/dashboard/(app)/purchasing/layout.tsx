import type { ReactNode } from "react";
import { PurchasingTabs } from "./purchasing-tabs";

export default function PurchasingLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">Purchasing</h1>
      <PurchasingTabs />
      {children}
    </div>
  );
}
