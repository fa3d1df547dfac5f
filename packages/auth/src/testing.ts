/**
 * Who may do what, written out from the product's rules (SPEC "Staff roles", the README's team and catalog
 * sections) for tests to check `rbac.ts` and every procedure against. Deliberately not derived from `rbac.ts`:
 * a change to the roles must change this table too, on purpose, in review.
 *
 * The rules behind the columns:
 * - owner: everything, and the only one who handles billing (the plan and payment details).
 * - admin: runs the organization with the owner (settings, locations, team, API keys), but not billing.
 * - manager: runs the stores (catalog, prices, stock, orders, refunds, deliveries, ID review, METRC) but not the
 *   organization's settings, locations, team, API keys or the audit trail.
 * - budtender: serves customers: fulfils orders, reviews IDs, edits product text; never prices, stock or refunds.
 * - driver: only their own deliveries.
 * - viewer (accountant): reads catalog, orders, customers, reports, the audit trail and compliance; changes nothing.
 * - promotions: managers and above, as for prices (a deal changes what shoppers pay); budtenders, drivers and
 *   viewers do not.
 * - loyalty points and review moderation are the stores' business: owner, admin and manager.
 * - marketing (segments, campaigns, their reports) speaks for the store to its customers: managers and above.
 * - the owner's assistant (questions about the store's own sales and stock) is for owners and managers, and the
 *   admin between them; not for budtenders, drivers or the viewer, who reads the reports themselves.
 * - support requests from the storefront assistant are customer service: whoever serves customers handles them;
 *   viewers may read them (as they read customers) but not close them.
 */
const TABLE = `
  permission            owner  admin  manager  budtender  driver  viewer
  organization.read       Y      Y       Y         Y        Y       Y
  organization.update     Y      Y       -         -        -       -
  locations.manage        Y      Y       -         -        -       -
  team.manage             Y      Y       -         -        -       -
  catalog.read            Y      Y       Y         Y        -       Y
  catalog.write           Y      Y       Y         Y        -       -
  prices.write            Y      Y       Y         -        -       -
  inventory.adjust        Y      Y       Y         -        -       -
  orders.read             Y      Y       Y         Y        -       Y
  orders.fulfil           Y      Y       Y         Y        -       -
  orders.refund           Y      Y       Y         -        -       -
  deliveries.own          Y      Y       Y         -        Y       -
  deliveries.dispatch     Y      Y       Y         -        -       -
  customers.read          Y      Y       Y         Y        -       Y
  customers.review_id     Y      Y       Y         Y        -       -
  reports.read            Y      Y       Y         -        -       Y
  insights.ask            Y      Y       Y         -        -       -
  audit.read              Y      Y       -         -        -       Y
  compliance.read         Y      Y       Y         -        -       Y
  compliance.manage       Y      Y       Y         -        -       -
  billing.manage          Y      -       -         -        -       -
  integrations.manage     Y      Y       -         -        -       -
  promotions.manage       Y      Y       Y         -        -       -
  loyalty.adjust          Y      Y       Y         -        -       -
  reviews.moderate        Y      Y       Y         -        -       -
  marketing.manage        Y      Y       Y         -        -       -
  support.handle          Y      Y       Y         Y        -       -
`;

export const EXPECTED_ROLES = ["owner", "admin", "manager", "budtender", "driver", "viewer"] as const;
export type ExpectedRole = (typeof EXPECTED_ROLES)[number];

/** permission -> role -> allowed, parsed from the table above. */
export const EXPECTED_PERMISSIONS: Readonly<Record<string, Readonly<Record<ExpectedRole, boolean>>>> =
  (() => {
    const [header, ...rows] = TABLE.trim()
      .split("\n")
      .map((line) => line.trim().split(/\s+/));
    if (header?.slice(1).join(" ") !== EXPECTED_ROLES.join(" ")) throw new Error("RBAC table: bad header");
    const table: Record<string, Record<ExpectedRole, boolean>> = {};
    for (const [permission, ...cells] of rows) {
      if (!permission || cells.length !== EXPECTED_ROLES.length || cells.some((c) => c !== "Y" && c !== "-"))
        throw new Error(`RBAC table: bad row for ${permission}`);
      table[permission] = Object.fromEntries(
        EXPECTED_ROLES.map((role, i) => [role, cells[i] === "Y"]),
      ) as Record<ExpectedRole, boolean>;
    }
    return table;
  })();

/** Whether the product's rules let `role` use `permission` (false for a permission the table does not know). */
export function expectedCan(role: ExpectedRole, permission: string): boolean {
  return EXPECTED_PERMISSIONS[permission]?.[role] ?? false;
}
