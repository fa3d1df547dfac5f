import { can, type Permission, type StaffRole } from "@cannasaas/auth/rbac";

export interface NavLink {
  href: string;
  label: string;
  /** Only the dashboard home matches its address exactly; other links also mark their sub-pages. */
  exact?: boolean;
  /** Hidden from roles without it: the page would only say the role cannot see it. */
  permission?: Permission;
}
export interface NavGroup {
  /** No heading for the home link at the top. */
  label: string | null;
  links: NavLink[];
}

/** The dashboard's sections, grouped the way the work is: selling, the catalog, customers and compliance, settings. */
export const NAV_GROUPS: readonly NavGroup[] = [
  { label: null, links: [{ href: "/dashboard", label: "Home", exact: true }] },
  {
    label: "Sell",
    links: [
      { href: "/dashboard/orders", label: "Orders", permission: "orders.read" },
      { href: "/dashboard/orders/history", label: "Order history", permission: "orders.read" },
      { href: "/dashboard/reports", label: "Reports", permission: "reports.read" },
      { href: "/dashboard/insights", label: "Ask your store", permission: "insights.ask" },
      { href: "/dashboard/deliveries", label: "Deliveries", permission: "deliveries.dispatch" },
      { href: "/dashboard/driver", label: "My deliveries", permission: "deliveries.own" },
      { href: "/dashboard/promotions", label: "Promotions", permission: "promotions.manage" },
    ],
  },
  {
    label: "Catalog",
    links: [
      { href: "/dashboard/catalog", label: "Catalog", permission: "catalog.read" },
      { href: "/dashboard/inventory", label: "Inventory", permission: "catalog.read" },
      { href: "/dashboard/purchasing", label: "Purchasing", permission: "reports.read" },
      { href: "/dashboard/pricing", label: "Markdowns", permission: "reports.read" },
    ],
  },
  {
    label: "Customers & compliance",
    links: [
      { href: "/dashboard/customers", label: "Customers", permission: "customers.read" },
      { href: "/dashboard/support", label: "Shopper requests", permission: "customers.read" },
      { href: "/dashboard/marketing", label: "Marketing", permission: "marketing.manage" },
      { href: "/dashboard/id-review", label: "ID review", permission: "customers.review_id" },
      { href: "/dashboard/loyalty", label: "Loyalty", permission: "customers.read" },
      { href: "/dashboard/reviews", label: "Reviews", permission: "reviews.moderate" },
      { href: "/dashboard/compliance/metrc", label: "METRC", permission: "compliance.read" },
      { href: "/dashboard/audit", label: "Audit", permission: "audit.read" },
    ],
  },
  {
    label: "Settings",
    links: [
      { href: "/dashboard/onboarding", label: "Setup" },
      { href: "/dashboard/locations", label: "Locations", permission: "locations.manage" },
      { href: "/dashboard/team", label: "Team" },
      { href: "/dashboard/domain", label: "Domain" },
      { href: "/dashboard/billing", label: "Billing" },
      { href: "/dashboard/developers", label: "Developers", permission: "integrations.manage" },
      { href: "/dashboard/jobs", label: "Jobs", permission: "audit.read" },
    ],
  },
];

/** The groups and links this role may open; groups left empty are dropped. */
export function navGroupsFor(role: StaffRole): NavGroup[] {
  return NAV_GROUPS.map((group) => ({
    label: group.label,
    links: group.links.filter((link) => !link.permission || can(role, link.permission)),
  })).filter((group) => group.links.length > 0);
}

/** Whether a link is the current page: the home only on itself, others on themselves and their sub-pages. */
export function isCurrent(link: Pick<NavLink, "href" | "exact">, pathname: string): boolean {
  if (pathname === link.href) return true;
  return !link.exact && pathname.startsWith(`${link.href}/`);
}
