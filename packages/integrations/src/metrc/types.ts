import { z } from "zod";

/**
 * METRC v2 request bodies, as the state systems document them. Amounts are decimal dollars (METRC's unit);
 * we convert from integer cents at the edge. The mock server in test tooling validates requests with these.
 */
const money = z.number().finite().nonnegative();
const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/, "a local date-time without a zone (YYYY-MM-DDTHH:mm:ss)");

export const metrcTransactionSchema = z.object({
  PackageLabel: z.string().min(1),
  Quantity: z.number().positive(),
  UnitOfMeasure: z.string().min(1),
  TotalAmount: money,
  SubTotal: money.optional(),
  DiscountAmount: money.optional(),
  ExciseTax: money.optional(),
  CityTax: money.optional(),
  CountyTax: money.optional(),
  MunicipalTax: money.optional(),
  SalesTax: money.optional(),
});
export type MetrcTransaction = z.infer<typeof metrcTransactionSchema>;

export const metrcReceiptSchema = z.object({
  SalesDateTime: localDateTime,
  SalesCustomerType: z.enum(["Consumer", "Patient", "Caregiver", "ExternalPatient"]),
  /** Patient sales: the patient's state registry number and how staff identified them (METRC requires both). */
  PatientLicenseNumber: z.string().nullable().optional(),
  IdentificationMethod: z.string().nullable().optional(),
  ExternalReceiptNumber: z.string().min(1),
  Transactions: z.array(metrcTransactionSchema).min(1),
});
export type MetrcReceipt = z.infer<typeof metrcReceiptSchema>;

export const metrcReceiptUpdateSchema = metrcReceiptSchema.extend({ Id: z.number().int().positive() });
export type MetrcReceiptUpdate = z.infer<typeof metrcReceiptUpdateSchema>;

export const metrcAdjustmentSchema = z.object({
  Label: z.string().min(1),
  /** Signed: negative removes from the package. */
  Quantity: z.number().refine((n) => n !== 0, "must not be zero"),
  UnitOfMeasure: z.string().min(1),
  AdjustmentReason: z.string().min(1),
  AdjustmentDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date (YYYY-MM-DD)"),
  ReasonNote: z.string().nullable().optional(),
});
export type MetrcAdjustment = z.infer<typeof metrcAdjustmentSchema>;

/** Responses: parsed loosely (METRC adds fields over time) but the fields we rely on are checked. */
export const metrcReceiptRecordSchema = z
  .object({
    Id: z.number(),
    ExternalReceiptNumber: z.string().nullable().optional(),
    ReceiptNumber: z.string().nullable().optional(),
    IsFinal: z.boolean().optional(),
    ArchivedDate: z.string().nullable().optional(),
  })
  .loose();
export type MetrcReceiptRecord = z.infer<typeof metrcReceiptRecordSchema>;

export const metrcPackageSchema = z
  .object({
    Id: z.number(),
    Label: z.string(),
    Quantity: z.number(),
    UnitOfMeasureName: z.string().nullable().optional(),
  })
  .loose();
export type MetrcPackage = z.infer<typeof metrcPackageSchema>;

export const metrcAdjustReasonSchema = z
  .object({ Name: z.string(), RequiresNote: z.boolean().optional() })
  .loose();
export type MetrcAdjustReason = z.infer<typeof metrcAdjustReasonSchema>;

export const metrcFacilitySchema = z
  .object({
    Name: z.string().nullable().optional(),
    License: z.object({ Number: z.string() }).loose(),
  })
  .loose();
export type MetrcFacility = z.infer<typeof metrcFacilitySchema>;

export const metrcUnitSchema = z
  .object({ Name: z.string(), Abbreviation: z.string().optional(), QuantityType: z.string().optional() })
  .loose();
export type MetrcUnit = z.infer<typeof metrcUnitSchema>;

/** v2 list endpoints answer a page envelope. */
export const metrcPageSchema = <T extends z.ZodType>(item: T) =>
  z
    .object({
      Data: z.array(item),
      Total: z.number().optional(),
      TotalRecords: z.number().optional(),
      PageSize: z.number().optional(),
      CurrentPage: z.number().optional(),
      TotalPages: z.number().optional(),
    })
    .loose();
export type MetrcPage<T> = { Data: T[]; TotalPages?: number; CurrentPage?: number; TotalRecords?: number };

/** METRC allows at most 20 records a page on paged v2 endpoints. */
export const METRC_MAX_PAGE_SIZE = 20;
