"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { z } from "zod";
import { Notice } from "@cannasaas/ui/card";
import { Form, FormField, FormItem, FormRootError, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { convertedSchema } from "@cannasaas/ui/form-schema";
import { Select } from "@cannasaas/ui/select";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader } from "@cannasaas/ui/table";
import {
  categoryCreateInput,
  categoryLimitKindInput,
  LIMIT_KIND_LABELS,
  LIMIT_KINDS,
  type LimitKind,
} from "@cannasaas/validators";
import { describeFormError } from "~/lib/form-errors";
import { useTRPC } from "~/lib/trpc/client";

type Category = { id: string; name: string; limitKind: LimitKind | null; productCount: number };

function LimitKindOptions() {
  return LIMIT_KINDS.map((kind) => (
    <option key={kind} value={kind}>
      {LIMIT_KIND_LABELS[kind]}
    </option>
  ));
}

const fields = z.object({ name: z.string(), limitKind: z.string() });
/** The select starts on "Choose one" (""), which `limitKindSchema` refuses with its message. */
const newCategorySchema = convertedSchema(fields, (v) => v, categoryCreateInput);
const limitKindFormSchema = convertedSchema(
  fields.pick({ limitKind: true }),
  (v) => v,
  categoryLimitKindInput.pick({ limitKind: true }),
);

/** One category's limit kind, changed in place by those allowed to change regulated fields. */
function LimitKindCell({ category, canChange }: { category: Category; canChange: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useZodForm(limitKindFormSchema, { defaultValues: { limitKind: category.limitKind ?? "" } });
  const kind = form.watch("limitKind");
  const save = useMutation(trpc.catalog.categories.setLimitKind.mutationOptions());
  if (!canChange) {
    return (
      <>{category.limitKind ? LIMIT_KIND_LABELS[category.limitKind] : "Not chosen: checkout refuses it"}</>
    );
  }
  return (
    <Form
      form={form}
      className="flex flex-wrap items-center gap-2"
      showRootError={false}
      describeError={(error) => describeFormError(error)}
      onSubmit={async (values) => {
        await save.mutateAsync({ categoryId: category.id, limitKind: values.limitKind as LimitKind });
        router.refresh();
      }}
    >
      <FormItem name="limitKind" label={<span className="sr-only">How limits count {category.name}</span>}>
        {(control) => (
          <Select {...control} aria-label={`How limits count ${category.name}`} required>
            <option value="" disabled>
              Choose how limits count it
            </option>
            <LimitKindOptions />
          </Select>
        )}
      </FormItem>
      <FormSubmit pending="Saving…" variant="secondary" disabled={kind === category.limitKind}>
        Save
      </FormSubmit>
      {save.isSuccess && kind === category.limitKind ? (
        <span role="status" className="text-sm text-green-800">
          Saved
        </span>
      ) : null}
      <FormRootError className="basis-full" />
    </Form>
  );
}

function NewCategoryForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useZodForm(newCategorySchema, { defaultValues: { name: "", limitKind: "" } });
  const create = useMutation(trpc.catalog.categories.create.mutationOptions());
  return (
    <Form
      form={form}
      aria-label="New category"
      className="grid gap-3 rounded-xl border border-stone-200 bg-white p-4 sm:grid-cols-[1fr_2fr_auto] sm:items-start"
      showRootError={false}
      describeError={(error) => describeFormError(error)}
      onSubmit={async (values) => {
        await create.mutateAsync({ name: values.name, limitKind: values.limitKind as LimitKind });
        form.reset();
        router.refresh();
      }}
    >
      <FormField name="name" label="Category name" required maxLength={60} />
      <FormItem name="limitKind" label="How purchase limits count it">
        {(control) => (
          <Select {...control} invalid={Boolean(control["aria-invalid"])} required>
            <option value="" disabled>
              Choose one
            </option>
            <LimitKindOptions />
          </Select>
        )}
      </FormItem>
      <FormSubmit pending="Adding…" className="sm:mt-6">
        Add category
      </FormSubmit>
      <FormRootError className="sm:col-span-3" />
    </Form>
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
