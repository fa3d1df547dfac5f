import { Badge } from "@cannasaas/ui/badge";
import { Card, CardTitle } from "@cannasaas/ui/card";
import { formatCents, formatDateTime } from "~/lib/format";

type Variant = {
  sent: number;
  opened: number;
  clicked: number;
  orders: number;
  revenueCents: number;
  metricValue: number;
};
type Ab = {
  metric: "open_rate" | "click_rate" | "orders_per_message";
  metricLabel: string;
  sharePercent: number;
  testHours: number | null;
  testEndsAt: Date | string | null;
  variants: { a: Variant; b: Variant };
  winner: "a" | "b" | null;
  explanation: string | null;
};

const count = (n: number) => n.toLocaleString("en-US");
const metricText = (ab: Ab, v: Variant) =>
  ab.metric === "orders_per_message" ? v.metricValue.toFixed(2) : `${(v.metricValue * 100).toFixed(1)}%`;

/** An A/B campaign's variants side by side, and the winner with the reason once chosen. */
export function AbResults({
  ab,
  sms,
  timeZone,
  variantSubject,
}: {
  ab: Ab;
  sms: boolean;
  timeZone: string;
  variantSubject: string | null;
}) {
  const split =
    ab.sharePercent === 100
      ? "Everyone split 50/50"
      : `${ab.sharePercent}% of the segment tested (half A, half B), the winner to the other ${100 - ab.sharePercent}%`;
  const rows: Array<[string, (v: Variant) => string]> = [
    [sms ? "Texts sent" : "Sent", (v) => count(v.sent)],
    ...(sms
      ? []
      : ([
          ["Opened", (v: Variant) => count(v.opened)],
          ["Clicked", (v: Variant) => count(v.clicked)],
        ] as Array<[string, (v: Variant) => string]>)),
    ["Orders (7 days)", (v) => count(v.orders)],
    ["Revenue", (v) => formatCents(v.revenueCents)],
    [ab.metricLabel.replace(/^./, (c) => c.toUpperCase()), (v) => metricText(ab, v)],
  ];
  return (
    <Card>
      <CardTitle>A/B test</CardTitle>
      <p className="text-sm text-stone-700">
        {split}; the winner is the higher {ab.metricLabel}
        {ab.testHours ? `, ${ab.testHours} hours after the test's messages went out` : ""}. A tie goes to A.
        {!sms && variantSubject ? ` Variant B's subject: ${variantSubject}` : ""}
      </p>
      <table className="mt-3 w-full text-sm">
        <thead>
          <tr className="text-left">
            <th scope="col" className="py-1 font-medium">
              Result
            </th>
            {(["a", "b"] as const).map((v) => (
              <th key={v} scope="col" className="py-1 text-right font-medium">
                {v.toUpperCase()} {ab.winner === v ? <Badge>winner</Badge> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label} className="border-t border-stone-100">
              <th scope="row" className="py-1 text-left font-normal">
                {label}
              </th>
              <td className="py-1 text-right tabular-nums">{value(ab.variants.a)}</td>
              <td className="py-1 text-right tabular-nums">{value(ab.variants.b)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3">
        {ab.explanation
          ? `Winner chosen: ${ab.explanation}`
          : ab.testEndsAt
            ? `The winner is chosen at ${formatDateTime(new Date(ab.testEndsAt), timeZone)}.`
            : "The winner is chosen once the test's messages have gone out and the test period has passed."}
      </p>
      {ab.explanation ? (
        <p className="text-sm text-stone-700">
          The winner was chosen from the test&apos;s results at that moment; the table counts everything
          since.
        </p>
      ) : null}
    </Card>
  );
}
