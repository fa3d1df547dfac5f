import { PageSkeleton } from "~/components/dashboard/page-skeleton";

export default function Loading() {
  return <PageSkeleton label="METRC reporting" kind="table" columns={6} />;
}
