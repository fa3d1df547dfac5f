import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./_shared";
import { users } from "./auth";
import { organizations } from "./tenancy";

export const catalogImportStatusEnum = pgEnum("catalog_import_status", ["ready", "applying", "completed"]);

/** One problem with one cell (or one whole row) of an uploaded CSV; `row` is the line number in the file. */
export type CatalogImportRowError = { row: number; column: string | null; message: string };

/**
 * A validated CSV import waiting to be (or being) applied. Only rows that passed validation are kept, grouped
 * by product in `groups`; `nextGroup` is how far the chunked apply has got, so a closed tab can resume.
 */
export const catalogImports = pgTable(
  "catalog_imports",
  {
    id: id(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    createdByUserId: text().references(() => users.id, { onDelete: "set null" }),
    fileName: text().notNull(),
    status: catalogImportStatusEnum().notNull().default("ready"),
    totalRows: integer().notNull(),
    validRows: integer().notNull(),
    appliedRows: integer().notNull().default(0),
    groupCount: integer().notNull(),
    nextGroup: integer().notNull().default(0),
    productsCreated: integer().notNull().default(0),
    productsUpdated: integer().notNull().default(0),
    variantsCreated: integer().notNull().default(0),
    variantsUpdated: integer().notNull().default(0),
    rowErrors: jsonb().$type<CatalogImportRowError[]>().notNull(),
    groups: jsonb().$type<unknown[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    completedAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [index().on(t.organizationId, t.createdAt)],
);
