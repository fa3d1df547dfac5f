/**
 * Who may do what in the dashboard. Enforced on the server by `staffProcedure(permission)`; the team page
 * renders this same table so what people read is what the server does.
 */
export const STAFF_ROLES = ["owner", "admin", "manager", "budtender", "driver", "viewer"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const PERMISSIONS = {
  "organization.read": "See the organization, its locations and team",
  "organization.update": "Change business details, branding and settings",
  "locations.manage": "Add and change locations",
  "team.manage": "Invite staff, change roles, remove staff",
  "catalog.read": "See products and stock",
  "catalog.write": "Create and edit products",
  "prices.write": "Change prices",
  "inventory.adjust": "Receive, adjust and transfer stock",
  "orders.read": "See orders",
  "orders.fulfil": "Confirm, prepare and hand over orders",
  "orders.refund": "Cancel and refund orders",
  "deliveries.own": "See and update own deliveries",
  "deliveries.dispatch": "Assign drivers and watch all deliveries",
  "customers.read": "See customers",
  "customers.review_id": "Approve or reject ID and medical cards",
  "reports.read": "See analytics and export reports",
  "audit.read": "See the audit trail",
  "billing.manage": "Change plan and payment details",
} as const;
export type Permission = keyof typeof PERMISSIONS;

const ALL = Object.keys(PERMISSIONS) as Permission[];
const without = (...denied: Permission[]) => ALL.filter((p) => !denied.includes(p));

export const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  owner: ALL,
  admin: without("billing.manage"),
  manager: without("billing.manage", "organization.update", "locations.manage", "team.manage", "audit.read"),
  budtender: [
    "organization.read",
    "catalog.read",
    "catalog.write",
    "orders.read",
    "orders.fulfil",
    "customers.read",
    "customers.review_id",
  ],
  driver: ["organization.read", "deliveries.own"],
  viewer: [
    "organization.read",
    "catalog.read",
    "orders.read",
    "customers.read",
    "reports.read",
    "audit.read",
  ],
};

export function can(role: StaffRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export const ROLE_LABELS: Record<StaffRole, string> = {
  owner: "Owner",
  admin: "Admin",
  manager: "Manager",
  budtender: "Budtender",
  driver: "Driver",
  viewer: "Viewer (accountant)",
};
