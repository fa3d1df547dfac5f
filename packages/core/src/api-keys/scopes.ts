/** What an API key may do. A write scope does not include its read scope: grant both when both are needed. */
export const API_SCOPES = [
  "products:read",
  "products:write",
  "orders:read",
  "orders:write",
  "inventory:read",
  "inventory:write",
  "customers:read",
  "analytics:read",
  "promotions:read",
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  "products:read": "Read products and prices",
  "products:write": "Change products",
  "orders:read": "Read orders",
  "orders:write": "Create orders",
  "inventory:read": "Read stock levels",
  "inventory:write": "Adjust stock",
  "customers:read": "Read customers (name, email, consents; never dates of birth or ID numbers)",
  "analytics:read": "Read sales summaries",
  "promotions:read": "Read promotions, their codes, schedules and limits",
};

export const isApiScope = (value: string): value is ApiScope =>
  (API_SCOPES as readonly string[]).includes(value);
