import { Badge } from "@cannasaas/ui/badge";
import { Card, CardTitle, Notice } from "@cannasaas/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@cannasaas/ui/table";
import { formatDateTime } from "~/lib/format";
import { VerifyDomainButton } from "./verify-button";

type Verification = {
  records: { txt: { name: string; value: string }; cname: { name: string; target: string } };
  verifiedAt: Date | null;
  lastCheckedAt: Date | null;
  lastError: string | null;
};

/** Where the saved domain's verification stands and the DNS record that completes it. */
export function DomainStatus({
  domain,
  verification,
  timeZone,
}: {
  domain: string;
  verification: Verification | null;
  timeZone: string;
}) {
  if (!verification)
    return (
      <Notice>
        {domain} was saved before domains were verified. Save it again to get the DNS record that proves it is
        yours; until then shoppers cannot use it.
      </Notice>
    );
  const { records } = verification;
  return (
    <Card as="section" aria-labelledby="domain-status" className="flex max-w-3xl flex-col gap-4 p-5">
      <div className="flex flex-wrap items-center gap-3">
        <CardTitle id="domain-status">{domain}</CardTitle>
        {verification.verifiedAt ? (
          <Badge tone="success">Verified</Badge>
        ) : (
          <Badge tone="warning">Waiting for DNS</Badge>
        )}
      </div>
      <p className="text-sm text-stone-700">
        {verification.verifiedAt
          ? `Shoppers can use this address. Verified ${formatDateTime(verification.verifiedAt, timeZone)}; we keep checking, and stop serving it if the record disappears.`
          : "Shoppers cannot use this address yet. Create one of these records with your DNS provider, then check again. DNS changes can take up to an hour to appear."}
      </p>
      <div className="overflow-x-auto">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Type</TableHead>
              <TableHead>Name</TableHead>
              <TableHead>Value</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            <TableRow>
              <TableCell>TXT</TableCell>
              <TableCell className="font-mono break-all">{records.txt.name}</TableCell>
              <TableCell className="font-mono break-all">{records.txt.value}</TableCell>
            </TableRow>
            <TableRow>
              <TableCell>CNAME (or)</TableCell>
              <TableCell className="font-mono break-all">{records.cname.name}</TableCell>
              <TableCell className="font-mono break-all">{records.cname.target}</TableCell>
            </TableRow>
          </TableBody>
        </Table>
      </div>
      {verification.lastCheckedAt ? (
        <p className="text-sm text-stone-700">
          Last checked {formatDateTime(verification.lastCheckedAt, timeZone)}
          {verification.lastError ? `: ${verification.lastError}` : "."}
        </p>
      ) : (
        <p className="text-sm text-stone-700">Not checked yet.</p>
      )}
      <VerifyDomainButton />
    </Card>
  );
}
