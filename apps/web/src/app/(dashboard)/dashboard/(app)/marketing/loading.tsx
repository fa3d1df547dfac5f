import { Skeleton } from "@cannasaas/ui/skeleton";

export default function Loading() {
  return (
    <div className="flex flex-col gap-4" role="status" aria-label="Loading marketing">
      <Skeleton className="h-8 w-48" />
      <Skeleton className="h-64 w-full" />
    </div>
  );
}
