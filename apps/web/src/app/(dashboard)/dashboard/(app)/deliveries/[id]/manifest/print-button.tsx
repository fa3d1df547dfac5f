"use client";
import { Button } from "@cannasaas/ui/button";

export function PrintButton() {
  return (
    <Button type="button" variant="secondary" className="print:hidden" onClick={() => window.print()}>
      Print
    </Button>
  );
}
