import { PageSkeleton } from "~/components/dashboard/page-skeleton";

export default function Loading() {
  return <PageSkeleton label="the review queue" kind="cards" columns={3} />;
}
