import type { RouterOutputs } from "@cannasaas/api";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRowHeader,
} from "@cannasaas/ui/table";
import { cn } from "@cannasaas/ui/utils";
import { formatCents, formatWeightMg } from "~/lib/format";

type Variant = RouterOutputs["storefront"]["product"]["variants"][number];

/** Sizes and prices; stock is at the chosen location, or added up over all of them. */
export function VariantTable(props: {
  variants: Variant[];
  medicalEnabled: boolean;
  location: { id: string; name: string } | null;
}) {
  const { variants, medicalEnabled, location } = props;
  const stockOf = (v: Variant) =>
    location ? (v.stock.find((s) => s.locationId === location.id)?.available ?? 0) : v.available;
  return (
    <Table data-testid="variants">
      <TableCaption>Sizes and prices</TableCaption>
      <TableHeader className="bg-stone-100 text-xs tracking-wide uppercase">
        <tr>
          <TableHead className="font-semibold">Size</TableHead>
          <TableHead className="font-semibold">Price</TableHead>
          {medicalEnabled ? <TableHead className="font-semibold">Medical price</TableHead> : null}
          <TableHead className="font-semibold">
            {location ? `In stock at ${location.name}` : "In stock"}
          </TableHead>
        </tr>
      </TableHeader>
      <TableBody>
        {variants.map((v) => {
          const stock = stockOf(v);
          return (
            <tr key={v.id}>
              <TableRowHeader className="font-medium">
                {v.name}
                {v.weightMg !== null && v.name !== formatWeightMg(v.weightMg) ? (
                  <span className="block text-xs font-normal text-stone-500">
                    {formatWeightMg(v.weightMg)}
                  </span>
                ) : null}
              </TableRowHeader>
              <TableCell className="font-semibold">
                <Price base={v.priceCents} deal={v.deal} />
              </TableCell>
              {medicalEnabled ? (
                <TableCell>
                  {v.medicalPriceCents !== null ? (
                    <Price base={v.medicalPriceCents} deal={v.medicalDeal} />
                  ) : (
                    "—"
                  )}
                </TableCell>
              ) : null}
              <TableCell className={cn(stock <= 0 && "font-medium text-red-700")}>
                {stock > 0 ? stock : "Sold out"}
              </TableCell>
            </tr>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** A price, or the price after the deals running now with the regular price struck through and the deal named. */
function Price({ base, deal }: { base: number; deal: Variant["deal"] }) {
  if (!deal || deal.dealPriceCents >= base) return <>{formatCents(base)}</>;
  return (
    <span className="flex flex-col">
      <span>
        <span className="text-green-800" data-testid="variant-deal-price">
          {formatCents(deal.dealPriceCents)}
        </span>{" "}
        <s className="text-sm font-normal text-stone-500">
          <span className="sr-only">was </span>
          {formatCents(base)}
        </s>
      </span>
      <span className="text-xs font-normal text-green-800">{deal.applied.join(", ")}</span>
    </span>
  );
}
