import Link from "next/link";
import { US_STATES } from "@cannasaas/core";
import { Card } from "@cannasaas/ui/card";
import { env } from "~/env";
import { OpenDispensaryForm } from "./open-dispensary-form";

const plans = [
  {
    name: "Starter",
    price: 49,
    points: ["1 location", "500 products", "Online menu, order-ahead and deals", "Purchase limits and taxes"],
  },
  {
    name: "Professional",
    price: 149,
    points: ["5 locations", "5,000 products", "Loyalty program", "Reports, forecasting and the API"],
  },
  {
    name: "Enterprise",
    price: 399,
    points: ["Unlimited locations", "METRC sync", "Your own domain", "Priority support"],
  },
];

export default function Landing() {
  return (
    <main className="mx-auto flex max-w-6xl flex-col gap-12 px-4 py-10">
      <header className="flex items-center justify-between">
        <span className="text-xl font-bold text-brand">CannaSaaS</span>
        <Link
          href="/dashboard"
          className="min-h-11 rounded-lg bg-brand px-4 py-3 text-sm font-semibold text-white"
        >
          Dispensary sign in
        </Link>
      </header>
      <section className="max-w-3xl">
        <h1 className="text-4xl font-bold tracking-tight sm:text-5xl">
          Your menu, live. Your compliance, handled.
        </h1>
        <p className="mt-4 text-lg text-stone-700">
          A storefront on your own subdomain where shoppers order ahead from the same stock your budtenders
          sell from, with state purchase limits, taxes and METRC reporting built in.
        </p>
      </section>
      <Card as="section" aria-labelledby="open-heading" className="grid gap-6 rounded-2xl p-6 md:grid-cols-2">
        <div>
          <h2 id="open-heading" className="text-2xl font-bold">
            Open your dispensary
          </h2>
          <p id="open-intro" className="mt-2 text-stone-700">
            Create your account and your store in one step. A short setup guide then walks you through your
            license, branding, locations, payments, first products, team and compliance settings. Your
            storefront goes live when you launch it.
          </p>
        </div>
        <OpenDispensaryForm
          states={Object.entries(US_STATES).sort((a, b) => a[1].localeCompare(b[1]))}
          rootDomain={env().ROOT_DOMAIN}
        />
      </Card>
      <section aria-labelledby="pricing" className="flex flex-col gap-4">
        <h2 id="pricing" className="text-2xl font-bold">
          Pricing
        </h2>
        <ul className="grid gap-4 md:grid-cols-3">
          {plans.map((plan) => (
            <Card as="li" key={plan.name} className="rounded-2xl p-6">
              <h3 className="text-lg font-semibold">{plan.name}</h3>
              <p className="mt-2 text-3xl font-bold">
                ${plan.price}
                <span className="text-base font-normal text-stone-600">/month</span>
              </p>
              <ul className="mt-4 flex flex-col gap-1 text-sm text-stone-700">
                {plan.points.map((p) => (
                  <li key={p}>✓ {p}</li>
                ))}
              </ul>
            </Card>
          ))}
        </ul>
        <p className="text-sm text-stone-600">Every plan starts with a 14-day free trial.</p>
      </section>
    </main>
  );
}
