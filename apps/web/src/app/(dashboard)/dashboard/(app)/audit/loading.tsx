import { PageSkeleton } from "~/components/dashboard/page-skeleton";

export default function Loading() {
  return <PageSkeleton label="the audit trail" kind="table" columns={7} />;
}
