import { PageSkeleton } from "~/components/dashboard/page-skeleton";

export default function Loading() {
  return <PageSkeleton label="deliveries" kind="cards" columns={5} />;
}
