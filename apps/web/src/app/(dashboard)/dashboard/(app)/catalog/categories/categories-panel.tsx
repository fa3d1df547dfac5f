"use client";
import { useId, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { Select } from "@cannasaas/ui/select";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader } from "@cannasaas/ui/table";
import { LIMIT_KIND_LABELS, LIMIT_KINDS, type LimitKind } from "@cannasaas/validators";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

type Category = { id: string; name: string; limitKind: LimitKind | null; productCount: number };

function LimitKindOptions() {
  return LIMIT_KINDS.map((kind) => (
    <option key={kind} value={kind}>
      {LIMIT_KIND_LABELS[kind]}
    </option>
  ));
}

function Problem({ error }: { error: unknown }) {
  return error ? (
    <p role="alert" className="text-sm text-red-700">
      {describeError(error).message}
    </p>
  ) : null;
}

/** One category's limit kind, changed in place by those allowed to change regulated fields. */
function LimitKindCell({ category, canChange }: { category: Category; canChange: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [kind, setKind] = useState<string>(category.limitKind ?? "");
  const save = useMutation(
    trpc.catalog.categories.setLimitKind.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  if (!canChange) {
    return (
      <>{category.limitKind ? LIMIT_KIND_LABELS[category.limitKind] : "Not chosen: checkout refuses it"}</>
    );
  }
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (kind) save.mutate({ categoryId: category.id, limitKind: kind as LimitKind });
      }}
    >
      <Select
        aria-label={`How limits count ${category.name}`}
        value={kind}
        onChange={(event) => setKind(event.target.value)}
        required
      >
        <option value="" disabled>
          Choose how limits count it
        </option>
        <LimitKindOptions />
      </Select>
      <Button type="submit" variant="secondary" disabled={save.isPending || kind === category.limitKind}>
        {save.isPending ? "Saving…" : "Save"}
      </Button>
      {save.isSuccess && kind === category.limitKind ? (
        <span role="status" className="text-sm text-green-800">
          Saved
        </span>
      ) : null}
      <Problem error={save.error} />
    </form>
  );
}

function NewCategoryForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const ids = { name: useId(), kind: useId() };
  const [name, setName] = useState("");
  const [kind, setKind] = useState("");
  const create = useMutation(
    trpc.catalog.categories.create.mutationOptions({
      onSuccess: () => {
        setName("");
        setKind("");
        router.refresh();
      },
    }),
  );
  return (
    <form
      aria-label="New category"
      className="grid gap-3 rounded-xl border border-stone-200 bg-white p-4 sm:grid-cols-[1fr_2fr_auto] sm:items-end"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate({ name, limitKind: kind as LimitKind });
      }}
    >
      <label htmlFor={ids.name} className="flex flex-col gap-1 text-sm font-medium">
        Category name
        <input
          id={ids.name}
          value={name}
          onChange={(event) => setName(event.target.value)}
          required
          maxLength={60}
          className="min-h-11 rounded-lg border border-stone-300 px-3 text-base font-normal"
        />
      </label>
      <label htmlFor={ids.kind} className="flex flex-col gap-1 text-sm font-medium">
        How purchase limits count it
        <Select id={ids.kind} value={kind} onChange={(event) => setKind(event.target.value)} required>
          <option value="" disabled>
            Choose one
          </option>
          <LimitKindOptions />
        </Select>
      </label>
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? "Adding…" : "Add category"}
      </Button>
      <div className="sm:col-span-3">
        <Problem error={create.error} />
      </div>
    </form>
  );
}

export function CategoriesPanel({
  categories,
  canCreate,
  canChangeLimitKind,
}: {
  categories: Category[];
  canCreate: boolean;
  canChangeLimitKind: boolean;
}) {
  return (
    <>
      {canCreate ? <NewCategoryForm /> : null}
      {categories.length === 0 ? (
        <Notice>No categories yet. Add one to start your menu.</Notice>
      ) : (
        <Table>
          <TableCaption>Categories</TableCaption>
          <TableHeader className="text-stone-700">
            <tr>
              <TableHead>Category</TableHead>
              <TableHead>Products</TableHead>
              <TableHead>How purchase limits count it</TableHead>
            </tr>
          </TableHeader>
          <TableBody>
            {categories.map((c) => (
              <tr key={c.id} data-testid="category-row">
                <TableCell className="font-semibold">{c.name}</TableCell>
                <TableCell>{c.productCount}</TableCell>
                <TableCell>
                  <LimitKindCell category={c} canChange={canChangeLimitKind} />
                </TableCell>
              </tr>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
