import { LoadingState, Skeleton } from "@cannasaas/ui/skeleton";

export default function Loading() {
  return (
    <LoadingState label="Loading the dashboard…">
      <Skeleton className="h-24 rounded-2xl" />
      <Skeleton className="h-40 rounded-2xl" />
    </LoadingState>
  );
}
