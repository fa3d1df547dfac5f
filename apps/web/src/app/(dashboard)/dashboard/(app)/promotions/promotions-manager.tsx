"use client";
import { useEffect, useState } from "react";
import type { RouterOutputs } from "@cannasaas/api";
import { PromotionForm } from "./promotion-form";
import { PromotionsTable } from "./promotions-table";
import type { PromotionRow } from "./form-values";

/** The list with its actions, and one form below it: a new promotion, or the one being edited. */
export function PromotionsManager({
  promotions,
  timeZone,
  options,
}: {
  promotions: PromotionRow[];
  timeZone: string;
  options: RouterOutputs["promotions"]["formOptions"];
}) {
  const [editingId, setEditingId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const editing = promotions.find((p) => p.id === editingId && p.status !== "ended") ?? null;
  // Editing moves the keyboard to the form it opened.
  useEffect(() => {
    if (editingId) document.getElementById("edit-promotion")?.focus();
  }, [editingId]);
  return (
    <>
      <PromotionsTable
        promotions={promotions}
        timeZone={timeZone}
        onEdit={(id) => {
          setNotice(null);
          setEditingId(id);
        }}
      />
      <PromotionForm
        key={editing?.id ?? "new"}
        options={options}
        timeZone={timeZone}
        editing={editing}
        notice={notice}
        onDone={(message) => {
          setNotice(message);
          setEditingId(null);
        }}
      />
    </>
  );
}
