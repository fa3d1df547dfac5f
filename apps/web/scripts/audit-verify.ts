/**
 * Verifies audit trail hash chains against the local database: `pnpm audit:verify [organization-slug]`.
 * Without a slug, every chain (each organization's and the platform's). Exits 1 if any chain is not intact.
 */
import { listAuditChains, verifyAuditChain } from "@cannasaas/core";
import { createDatabase } from "@cannasaas/db/client";

async function main() {
  const slug = process.argv[2];
  const handle = await createDatabase({ url: process.env.DATABASE_URL || undefined });
  try {
    const chains = await listAuditChains(handle.db, { slug });
    if (slug && chains.length === 0) {
      console.error(`No organization with the slug "${slug}".`);
      return 1;
    }
    if (chains.length === 0) console.log("No audit records yet.");
    let broken = 0;
    for (const chain of chains) {
      const report = await verifyAuditChain(handle.db, chain.organizationId);
      if (report.intact) {
        console.log(`${chain.name}: intact (${report.checked} records)`);
        continue;
      }
      broken++;
      console.log(
        `${chain.name}: NOT INTACT (${report.checked} records read, ${report.expectedLastSeq} expected)`,
      );
      for (const p of report.problems)
        console.log(`  - ${p.message}${"id" in p && p.id ? ` [id ${p.id}]` : ""}`);
    }
    return broken > 0 ? 1 : 0;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
