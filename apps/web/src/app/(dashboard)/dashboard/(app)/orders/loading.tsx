import { PageSkeleton } from "~/components/dashboard/page-skeleton";

export default function Loading() {
  return <PageSkeleton label="the order queue" kind="cards" columns={5} />;
}
