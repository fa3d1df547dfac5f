"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "@cannasaas/ui/button";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

export function ArchiveButton({ productId, archived }: { productId: string; archived: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const options = { onSuccess: () => router.refresh() };
  const archive = useMutation(trpc.catalog.products.archive.mutationOptions(options));
  const restore = useMutation(trpc.catalog.products.restore.mutationOptions(options));
  const action = archived ? restore : archive;
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        variant={archived ? "secondary" : "danger"}
        disabled={action.isPending}
        onClick={() => action.mutate({ productId })}
      >
        {archived ? "Restore" : "Archive"}
      </Button>
      {action.error ? (
        <p role="alert" className="text-sm text-red-700">
          {describeError(action.error).message}
        </p>
      ) : null}
    </div>
  );
}
