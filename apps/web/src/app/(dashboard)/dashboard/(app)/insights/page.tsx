import type { Metadata } from "next";
import { can } from "@cannasaas/auth/rbac";
import { Notice } from "@cannasaas/ui/card";
import { dashboardSession } from "~/server/dashboard";
import { InsightsAssistant } from "./insights-assistant";

export const metadata: Metadata = { title: "Ask your store" };

export default async function InsightsPage() {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "insights.ask"))
    return (
      <Notice tone="error">Your role cannot ask the store assistant. Ask an owner, admin or manager.</Notice>
    );
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Ask your store</h1>
      <p className="max-w-prose text-stone-700">
        Ask in plain words about your own sales and stock: best sellers for a period and location, items low
        on stock and selling fast, top categories, orders and revenue. Answers only read your figures (days in
        your store&apos;s time zone), and the figures used are shown beside each answer.
      </p>
      <InsightsAssistant />
    </div>
  );
}
