"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useState, useSyncExternalStore, type ComponentProps, type ReactNode } from "react";
import {
  FormProvider,
  get,
  useForm,
  useFormContext,
  useFormState,
  type FieldValues,
  type Path,
  type RegisterOptions,
  type UseFormProps,
  type UseFormRegisterReturn,
  type UseFormReturn,
} from "react-hook-form";
import type { z } from "zod";
import { Button } from "./button";
import { Notice } from "./card";
import { Field } from "./field";
import { cn } from "./utils";

/** What a failed request says: one message for the form, and messages for named fields. */
export type ServerError = { message: string; fields: Record<string, string> };

/**
 * `useForm` checked by a zod schema (the one the server validates with). Submitted values are the raw field
 * values, not the schema's output, so what reaches the server is what the user typed and the server's schema
 * applies its own trimming and transforms exactly once.
 */
export function useZodForm<S extends z.ZodType<unknown, FieldValues>>(
  schema: S,
  options?: Omit<UseFormProps<z.input<S>, unknown, z.input<S>>, "resolver">,
): UseFormReturn<z.input<S>, unknown, z.input<S>> {
  return useForm<z.input<S>, unknown, z.input<S>>({
    ...options,
    resolver: zodResolver(schema, undefined, { raw: true }),
  });
}

/** Puts a server's answer on the form: each field error under its field, the message above the form. */
export function applyServerError<T extends FieldValues>(
  form: Pick<UseFormReturn<T, unknown, T>, "setError">,
  error: ServerError,
) {
  for (const [name, message] of Object.entries(error.fields)) {
    form.setError(name as Path<T>, { type: "server", message });
  }
  form.setError("root.server", { type: "server", message: error.message });
}

/**
 * A `<form>` bound to a react-hook-form instance. `onSubmit` runs only with valid values; if it throws and
 * `describeError` is given, the error is mapped onto the fields and shown above them.
 */
export function Form<T extends FieldValues>({
  form,
  onSubmit,
  describeError,
  showRootError = true,
  className,
  children,
  ...props
}: Omit<ComponentProps<"form">, "onSubmit"> & {
  form: UseFormReturn<T, unknown, T>;
  onSubmit: (values: T) => unknown;
  describeError?: (error: unknown) => ServerError;
  showRootError?: boolean;
  /** Replaces the default layout, a column with gap-4. */
  className?: string;
}) {
  const submit = form.handleSubmit(async (values) => {
    try {
      await onSubmit(values);
    } catch (error) {
      if (!describeError) throw error;
      applyServerError(form, describeError(error));
    }
  });
  return (
    <FormProvider {...form}>
      <form
        noValidate
        className={className ?? "flex flex-col gap-4"}
        onSubmit={(event) => void submit(event)}
        {...props}
      >
        {showRootError ? <FormRootError /> : null}
        {children}
      </form>
    </FormProvider>
  );
}

/** The form-level message from the last refused submission, if any. */
export function FormRootError({ className }: { className?: string }) {
  const { errors } = useFormState();
  const message = errors.root?.server?.message ?? errors.root?.message;
  return message ? (
    <Notice tone="error" className={className}>
      {message}
    </Notice>
  ) : null;
}

/**
 * False in the server's HTML and until React has hydrated the page, true after. Before hydration a click on
 * submit would post the form natively (its values in the URL) instead of running `onSubmit`.
 */
const noSubscription = () => () => {};
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * A field's starting value, written into the server's HTML: registered inputs are uncontrolled, so without it
 * the page shows empty fields until react-hook-form fills them after hydration (and drops what was typed).
 */
function useStartingValue(name: string): unknown {
  const { getValues } = useFormContext();
  const [initial] = useState<unknown>((): unknown => getValues(name) as unknown);
  return initial;
}
const asText = (value: unknown) =>
  typeof value === "string" || typeof value === "number" ? String(value) : undefined;

/** The message of a field's current error (client or server), if any. */
export function useFieldError(name: string): string | undefined {
  const { errors } = useFormState({ name });
  const message: unknown = get(errors, `${name}.message`);
  return typeof message === "string" ? message : undefined;
}

/** A text input registered under `name`, with its label, hint and error (see `Field`). */
export function FormField({
  name,
  rules,
  ...props
}: Omit<ComponentProps<typeof Field>, "name" | "error" | "onChange" | "onBlur" | "ref"> & {
  name: string;
  rules?: RegisterOptions;
}) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  const initial = useStartingValue(name);
  return <Field defaultValue={asText(initial)} {...props} {...register(name, rules)} error={error} />;
}

/** What `FormItem` hands its control: registration plus the id and ARIA links to the label, hint and error. */
export type FormControlProps = UseFormRegisterReturn & {
  id: string;
  /** The starting value for the server's HTML (see `useStartingValue`). */
  defaultValue: string | undefined;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
};

/**
 * A label, any control (select, textarea, ...) and its hint and error, wired for screen readers:
 * `<FormItem name="state" label="State">{(control) => <select {...control}>...</select>}</FormItem>`.
 */
export function FormItem({
  name,
  label,
  hint,
  rules,
  className,
  children,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  rules?: RegisterOptions;
  className?: string;
  children: (control: FormControlProps) => ReactNode;
}) {
  const id = useId();
  const { register } = useFormContext();
  const error = useFieldError(name);
  const initial = useStartingValue(name);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <label htmlFor={id} className="text-sm font-medium text-stone-800">
        {label}
      </label>
      {children({
        ...register(name, rules),
        defaultValue: asText(initial),
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy || undefined,
      })}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-stone-600">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** A checkbox with its label beside it and its error under it. */
export function FormCheckbox({
  name,
  label,
  rules,
  className,
  labelClassName = "flex items-start gap-3 text-sm text-stone-700",
  ...props
}: Omit<ComponentProps<"input">, "name" | "type" | "onChange" | "onBlur" | "ref"> & {
  name: string;
  label: ReactNode;
  rules?: RegisterOptions;
  /** Replaces the label's classes (the label wraps the box and its text). */
  labelClassName?: string;
}) {
  const id = useId();
  const { register } = useFormContext();
  const error = useFieldError(name);
  const initial = useStartingValue(name);
  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <label className={labelClassName}>
        <input
          type="checkbox"
          defaultChecked={initial === true}
          className="mt-1 size-4"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          {...props}
          {...register(name, rules)}
        />
        <span>{label}</span>
      </label>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/**
 * Checkboxes that together give an array of the chosen values (`methods: ["cash"]`), in a fieldset with its
 * legend and one error for the group.
 */
export function FormCheckboxGroup({
  name,
  legend,
  options,
  className = "flex flex-col gap-2",
  legendClassName = "text-sm font-medium text-stone-800",
  listClassName,
  optionClassName = "flex min-h-11 items-start gap-2 text-sm",
}: {
  name: string;
  legend: ReactNode;
  options: readonly { value: string; label: ReactNode }[];
  className?: string;
  legendClassName?: string;
  /** When given, the options are wrapped in a div with these classes (a grid, say). */
  listClassName?: string;
  optionClassName?: string;
}) {
  const id = useId();
  const { register } = useFormContext();
  const error = useFieldError(name);
  const boxes = options.map((option) => (
    <label key={option.value} className={optionClassName}>
      <input
        type="checkbox"
        value={option.value}
        className="mt-1 size-4"
        aria-invalid={error ? true : undefined}
        {...register(name)}
      />
      <span>{option.label}</span>
    </label>
  ));
  return (
    <fieldset className={className} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className={legendClassName}>{legend}</legend>
      {listClassName ? <div className={listClassName}>{boxes}</div> : boxes}
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}

/** An error line under a control; give the control `aria-describedby` with the same id. */
export function FieldError({ id, message }: { id: string; message?: string | null }) {
  return message ? (
    <p id={id} className="text-sm text-red-700" role="alert">
      {message}
    </p>
  ) : null;
}

/** The submit button: disabled, with `pending` as its text, while the submission runs. */
export function FormSubmit({
  pending,
  children,
  disabled,
  ...props
}: Omit<ComponentProps<typeof Button>, "type"> & { pending?: ReactNode }) {
  const { isSubmitting } = useFormState();
  // Disabled until hydrated: with the default button disabled, neither a click nor Enter posts natively.
  const hydrated = useHydrated();
  return (
    <Button type="submit" disabled={!hydrated || isSubmitting || disabled} {...props}>
      {isSubmitting && pending ? pending : children}
    </Button>
  );
}
