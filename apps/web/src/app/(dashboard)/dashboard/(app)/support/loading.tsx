import { PageSkeleton } from "~/components/dashboard/page-skeleton";

export default function Loading() {
  return <PageSkeleton label="shoppers' requests" kind="cards" columns={3} />;
}
