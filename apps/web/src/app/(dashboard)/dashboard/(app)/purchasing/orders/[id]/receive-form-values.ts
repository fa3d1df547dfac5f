import { z } from "zod";
import { receiptInput } from "@cannasaas/validators/forms";

export type Line = { id: string; label: string; outstanding: number };

/** Entries by line id, so a line fully received (and gone from the list) does not shift the others. */
const fields = z.object({
  lines: z.record(
    z.string(),
    z.object({ quantity: z.string(), packageLabel: z.string(), expiresOn: z.string() }),
  ),
});
export type ReceiveFields = z.input<typeof fields>;

export const receiveDefaults = (lines: Line[]): ReceiveFields => ({
  lines: Object.fromEntries(
    lines.map((l) => [l.id, { quantity: String(l.outstanding), packageLabel: "", expiresOn: "" }]),
  ),
});

/** The lines with units entered, as `purchasing.receive` takes them (each checked by `receiptInput`). */
export const receiptsOf = (lines: Line[], values: ReceiveFields) =>
  lines.flatMap((line) => {
    const entry = values.lines[line.id];
    if (!entry || !entry.quantity.trim() || !(Number(entry.quantity) > 0)) return [];
    const receipt = {
      lineId: line.id,
      quantity: Number(entry.quantity),
      packageLabel: entry.packageLabel,
      expiresOn: entry.expiresOn || null,
    };
    return [{ line, receipt }];
  });

/**
 * The delivery form's schema for these lines: at least one line received, no more than is still to come,
 * and each received line as the server's `receiptInput` accepts it, problems under the line's inputs.
 */
export const receiveFormSchema = (lines: Line[]) =>
  fields.superRefine((values, ctx) => {
    const receipts = receiptsOf(lines, values);
    if (receipts.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["root"],
        message: "Enter the units received on at least one line.",
      });
    }
    for (const { line, receipt } of receipts) {
      const taken = new Set<PropertyKey>();
      if (Number.isInteger(receipt.quantity) && receipt.quantity > line.outstanding) {
        taken.add("quantity");
        ctx.addIssue({
          code: "custom",
          path: ["lines", line.id, "quantity"],
          message: `Only ${line.outstanding} of ${line.label} are still to receive.`,
        });
      }
      for (const issue of receiptInput.safeParse(receipt).error?.issues ?? []) {
        const field = issue.path[0] === "lineId" ? null : issue.path[0];
        if (field === undefined || field === null || taken.has(field)) continue;
        taken.add(field);
        ctx.addIssue({ code: "custom", path: ["lines", line.id, field], message: issue.message });
      }
    }
  });
