import { LoadingState, Skeleton } from "@cannasaas/ui/skeleton";

export default function Loading() {
  return (
    <LoadingState label="Loading inventory…" className="gap-3">
      <Skeleton className="h-11 w-full max-w-md" />
      <Skeleton className="h-64 rounded-xl" />
    </LoadingState>
  );
}
