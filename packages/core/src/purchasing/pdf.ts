import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import type { getPurchaseOrder } from "./purchase-orders";
import { purchaseOrderLabel } from "./purchase-orders";

type PurchaseOrder = Awaited<ReturnType<typeof getPurchaseOrder>>;

const PAGE = { width: 612, height: 792, margin: 48 } as const; // US Letter, in points
const SIZE = { title: 18, body: 10, small: 8 } as const;
const ROW = 16;
/** Column right edges (numbers) and left edges (text), in points from the left. */
const COLUMNS = { qty: 88, item: 100, sku: 330, unit: 470, total: PAGE.width - PAGE.margin } as const;

const dollars = (cents: number) =>
  `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/**
 * The purchase order as a one-or-more-page PDF for the supplier: who orders, where to deliver, every line with its
 * quantity, unit cost and line total, and the total. Lines continue on new pages with the header repeated.
 */
export async function purchaseOrderPdf(
  order: PurchaseOrder,
  input: { organizationName: string; generatedAt: Date },
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const label = purchaseOrderLabel(order.order.number);
  doc.setTitle(`${label} from ${input.organizationName}`);
  doc.setCreator(input.organizationName);
  doc.setCreationDate(input.generatedAt);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const writer = new Writer(doc, regular, bold);
  const day = (d: Date) => format(d, "MMMM d, yyyy", { in: tz(order.locationTimeZone) });

  writer.text(label, PAGE.margin, { font: bold, size: SIZE.title });
  writer.down(ROW + 8);
  writer.text(`From ${input.organizationName}`, PAGE.margin, { font: bold });
  writer.down(ROW);
  writer.text(`Deliver to ${order.locationName}`, PAGE.margin);
  writer.down(ROW);
  writer.text(`Dated ${day(order.order.sentAt ?? order.order.createdAt)}`, PAGE.margin);
  writer.down(ROW + 6);
  writer.text(`To ${order.supplier.name}`, PAGE.margin, { font: bold });
  writer.down(ROW);
  const contact = [order.supplier.contactName, order.supplier.email, order.supplier.phone].filter(Boolean);
  if (contact.length > 0) {
    writer.text(contact.join(", "), PAGE.margin);
    writer.down(ROW);
  }
  writer.down(8);

  const header = () => {
    writer.right("Qty", COLUMNS.qty, { font: bold });
    writer.text("Item", COLUMNS.item, { font: bold });
    writer.text("SKU", COLUMNS.sku, { font: bold });
    writer.right("Unit cost", COLUMNS.unit, { font: bold });
    writer.right("Line total", COLUMNS.total, { font: bold });
    writer.down(6);
    writer.rule();
    writer.down(ROW - 4);
  };
  header();
  let total = 0;
  for (const line of order.lines) {
    if (writer.needsPage(ROW * 2)) {
      writer.newPage(`${label} (continued)`);
      header();
    }
    const lineTotal = line.quantityOrdered * line.unitCostCents;
    total += lineTotal;
    writer.right(String(line.quantityOrdered), COLUMNS.qty);
    writer.text(`${line.productName} (${line.variantName})`, COLUMNS.item, {
      maxWidth: COLUMNS.sku - COLUMNS.item - 8,
    });
    writer.text(line.sku, COLUMNS.sku, { maxWidth: 70 });
    writer.right(dollars(line.unitCostCents), COLUMNS.unit);
    writer.right(dollars(lineTotal), COLUMNS.total);
    writer.down(ROW);
  }
  if (order.lines.length === 0) {
    writer.text("No lines on this order.", COLUMNS.item);
    writer.down(ROW);
  }
  if (writer.needsPage(ROW * 6)) writer.newPage(`${label} (continued)`);
  writer.rule();
  writer.down(ROW);
  writer.right(`Total ${dollars(total)}`, COLUMNS.total, { font: bold });
  writer.down(ROW + 8);
  if (order.order.notes) {
    writer.text(`Notes: ${order.order.notes}`, PAGE.margin, { maxWidth: PAGE.width - 2 * PAGE.margin });
    writer.down(ROW);
  }
  writer.text("Please include the METRC package label of every package on the manifest.", PAGE.margin, {
    size: SIZE.small,
  });
  writer.footers(label);
  return doc.save();
}

type TextOptions = { font?: PDFFont; size?: number; maxWidth?: number };

/** A cursor down the page that starts new pages and keeps text within the fonts' character set. */
class Writer {
  private page: PDFPage;
  private y: number;
  private readonly supported: Set<number>;

  constructor(
    private readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin - SIZE.title;
    // The standard fonts encode WinAnsi only; anything else (emoji, CJK) would make pdf-lib throw.
    this.supported = new Set(regular.getCharacterSet());
  }

  down(points: number) {
    this.y -= points;
  }

  needsPage(room: number) {
    return this.y - room < PAGE.margin + ROW;
  }

  newPage(heading: string) {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin - SIZE.body;
    this.text(heading, PAGE.margin, { font: this.bold });
    this.down(ROW + 6);
  }

  text(value: string, x: number, options: TextOptions = {}) {
    const font = options.font ?? this.regular;
    const size = options.size ?? SIZE.body;
    const fitted = this.fit(this.encodable(value), font, size, options.maxWidth);
    this.page.drawText(fitted, { x, y: this.y, font, size, color: rgb(0.1, 0.1, 0.1) });
  }

  right(value: string, rightEdge: number, options: TextOptions = {}) {
    const font = options.font ?? this.regular;
    const size = options.size ?? SIZE.body;
    const safe = this.encodable(value);
    this.text(safe, rightEdge - font.widthOfTextAtSize(safe, size), options);
  }

  rule() {
    this.page.drawLine({
      start: { x: PAGE.margin, y: this.y },
      end: { x: PAGE.width - PAGE.margin, y: this.y },
      thickness: 0.5,
      color: rgb(0.6, 0.6, 0.6),
    });
  }

  /** "Page 1 of 2" on every page, once the count is known. */
  footers(label: string) {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      page.drawText(`${label} - page ${i + 1} of ${pages.length}`, {
        x: PAGE.margin,
        y: PAGE.margin / 2,
        font: this.regular,
        size: SIZE.small,
        color: rgb(0.4, 0.4, 0.4),
      });
    });
  }

  private encodable(value: string) {
    const flat = value.replace(/[\r\n\t]+/g, " ");
    return [...flat].map((c) => (this.supported.has(c.codePointAt(0)!) ? c : "?")).join("");
  }

  /** Cuts text that would run into the next column, ending it with "..." so the cut is visible. */
  private fit(value: string, font: PDFFont, size: number, maxWidth?: number) {
    if (maxWidth === undefined || font.widthOfTextAtSize(value, size) <= maxWidth) return value;
    let cut = value;
    while (cut.length > 0 && font.widthOfTextAtSize(`${cut}...`, size) > maxWidth) cut = cut.slice(0, -1);
    return `${cut}...`;
  }
}
