import { STAFF_ROLES, type OrderStatus, type StaffRole } from "@cannasaas/db/enums";

/**
 * Who may do what in the dashboard. Enforced on the server by `staffProcedure(permission)`; the team page
 * renders this same table so what people read is what the server does.
 */
export { STAFF_ROLES, type StaffRole };

export const PERMISSIONS = {
  "organization.read": "See the organization, its locations and team",
  "organization.update": "Change business details, branding and settings",
  "locations.manage": "Add and change locations",
  "team.manage": "Invite staff, change roles, remove staff",
  "catalog.read": "See products and stock",
  "catalog.write": "Create and edit products",
  "prices.write": "Change prices, weights, categories and potency (what taxes and purchase limits use)",
  "inventory.adjust": "Receive, adjust and transfer stock",
  "orders.read": "See orders",
  "orders.fulfil": "Confirm, prepare and hand over orders",
  "orders.refund": "Cancel and refund orders",
  "deliveries.own": "See and update own deliveries",
  "deliveries.dispatch": "Assign drivers and watch all deliveries",
  "customers.read": "See customers",
  "customers.review_id": "Approve or reject ID and medical cards",
  "reports.read": "See analytics and export reports",
  "insights.ask": "Ask the store assistant about the store's own sales and stock",
  "audit.read": "See the audit trail",
  "compliance.read": "See METRC reporting status and reconciliation",
  "compliance.manage": "Set METRC credentials, retry and run METRC reporting",
  "billing.manage": "Change plan and payment details",
  "integrations.manage": "Create API keys and webhook endpoints",
  "promotions.manage": "Create, schedule, pause and end promotions and coupon codes",
  "loyalty.adjust": "Adjust a customer's loyalty points, with a reason",
  "reviews.moderate": "Approve, reject and reply to product reviews",
  "marketing.manage": "Build customer segments, send email campaigns and read their results",
  "support.handle": "Mark shoppers' requests for staff (from the storefront assistant) handled",
} as const;
export type Permission = keyof typeof PERMISSIONS;

const ALL = Object.keys(PERMISSIONS) as Permission[];
const without = (...denied: Permission[]) => ALL.filter((p) => !denied.includes(p));

export const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  owner: ALL,
  admin: without("billing.manage"),
  manager: without(
    "billing.manage",
    "organization.update",
    "locations.manage",
    "team.manage",
    "audit.read",
    "integrations.manage",
  ),
  budtender: [
    "organization.read",
    "catalog.read",
    "catalog.write",
    "orders.read",
    "orders.fulfil",
    "customers.read",
    "customers.review_id",
    "support.handle",
  ],
  driver: ["organization.read", "deliveries.own"],
  // The owner's assistant (insights.ask) answers owners, admins and managers: it comes with `without(...)`.
  viewer: [
    "organization.read",
    "catalog.read",
    "orders.read",
    "customers.read",
    "reports.read",
    "audit.read",
    "compliance.read",
  ],
};

export function can(role: StaffRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/**
 * The permission needed to move an order to `to`. Cancelling or refunding hands money or stock back, so it needs
 * orders.refund; every fulfilment step (confirm, prepare, ready, out for delivery, complete) needs orders.fulfil.
 */
export function permissionToMoveOrder(to: OrderStatus): Permission {
  return to === "cancelled" || to === "refunded" ? "orders.refund" : "orders.fulfil";
}

/** Why `role` may not move an order to `to`, or null when it may. */
export function refusalToMoveOrder(role: StaffRole, to: OrderStatus): string | null {
  if (can(role, permissionToMoveOrder(to))) return null;
  return to === "cancelled" || to === "refunded"
    ? `Your role (${role}) cannot cancel or refund orders.`
    : `Your role (${role}) cannot fulfil orders.`;
}

export const ROLE_LABELS: Record<StaffRole, string> = {
  owner: "Owner",
  admin: "Admin",
  manager: "Manager",
  budtender: "Budtender",
  driver: "Driver",
  viewer: "Viewer (accountant)",
};
