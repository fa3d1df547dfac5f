import { relations } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_shared";

/** Auth.js `users`, extended with what the product needs to know about a person. */
export const users = pgTable("users", {
  id: text()
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text(),
  email: text().notNull().unique(),
  emailVerified: timestamp({ withTimezone: true, mode: "date" }),
  image: text(),
  passwordHash: text(),
  /** Shoppers give it at sign-up: ISO date (YYYY-MM-DD), sealed at rest (core/crypto/pii); read with `openPersonal`. */
  dateOfBirth: text(),
  /** Raised to end every session the user has: a signed-in token carrying a lower version is signed out. */
  sessionVersion: integer().notNull().default(0),
  createdAt: createdAt(),
});

export const accounts = pgTable(
  "accounts",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text().$type<"oauth" | "oidc" | "email" | "webauthn">().notNull(),
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    refresh_token: text(),
    access_token: text(),
    expires_at: integer(),
    token_type: text(),
    scope: text(),
    id_token: text(),
    session_state: text(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable("sessions", {
  sessionToken: text().primaryKey(),
  userId: text()
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: timestamp({ withTimezone: true, mode: "date" }).notNull(),
});

/** Auth.js magic-link tokens (the adapter stores them hashed). */
export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text().notNull(),
    token: text().notNull(),
    expires: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

export const userTokenKind = pgEnum("user_token_kind", ["verify_email", "reset_password"]);

/** Our own single-use tokens for email verification and password reset; only a SHA-256 of the token is kept. */
export const userTokens = pgTable(
  "user_tokens",
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: userTokenKind().notNull(),
    tokenHash: text().notNull().unique(),
    /** The tenant host the link must return to (null: the platform domain). */
    organizationId: uuid(),
    expiresAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    usedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.userId, t.kind)],
);

export const usersRelations = relations(users, ({ many }) => ({
  accounts: many(accounts),
  tokens: many(userTokens),
}));
