"use client";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";

export default function PurchasingError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="flex flex-col items-start gap-3">
      <Notice tone="error">Purchasing could not be loaded. Try again in a moment.</Notice>
      <Button variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
