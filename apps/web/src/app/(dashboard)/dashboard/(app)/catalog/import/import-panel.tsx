"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { csvLines } from "@cannasaas/core/csv";
import { useState, type FormEvent } from "react";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

const MAX_BYTES = 10 * 1024 * 1024;
const SHOWN_ERRORS = 200;

type Job = {
  id: string;
  fileName: string;
  status: "ready" | "applying" | "completed";
  totalRows: number;
  validRows: number;
  appliedRows: number;
  productsCreated: number;
  productsUpdated: number;
  variantsCreated: number;
  variantsUpdated: number;
  rowErrors: { row: number; column: string | null; message: string }[];
};

function errorReportHref(job: Job) {
  const lines = [
    ["row", "column", "message"],
    ...job.rowErrors.map((e) => [e.row, e.column ?? "", e.message]),
  ];
  return `data:text/csv;charset=utf-8,${encodeURIComponent(csvLines(lines))}`;
}

/**
 * Upload, validation report, then the import itself in chunks, one request each, so the progress bar moves
 * and a closed tab can continue where it stopped.
 */
export function ImportPanel({
  unfinished,
}: {
  unfinished: { id: string; fileName: string; appliedRows: number; validRows: number }[];
}) {
  const trpc = useTRPC();
  const [job, setJob] = useState<Job | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [applying, setApplying] = useState(false);
  const create = useMutation(trpc.catalog.imports.create.mutationOptions());
  const applyNext = useMutation(trpc.catalog.imports.applyNext.mutationOptions());

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(null);
    setJob(null);
    const file = new FormData(event.currentTarget).get("file");
    if (!(file instanceof File) || file.size === 0) return setProblem("Choose a CSV file.");
    if (file.size > MAX_BYTES)
      return setProblem("The file is larger than 10 MB. Split it into smaller files.");
    try {
      setJob(await create.mutateAsync({ fileName: file.name, csv: await file.text() }));
    } catch (error) {
      setProblem(describeError(error).message);
    }
  }

  async function applyAll(id: string) {
    setProblem(null);
    setApplying(true);
    try {
      let current: Job;
      do {
        current = await applyNext.mutateAsync({ importId: id });
        setJob(current);
      } while (current.status !== "completed");
    } catch (error) {
      setProblem(
        `${describeError(error).message} What was imported so far stays; continue to finish the rest.`,
      );
    } finally {
      setApplying(false);
    }
  }

  const percent = job && job.validRows > 0 ? Math.round((job.appliedRows / job.validRows) * 100) : 0;
  return (
    <div className="flex flex-col gap-4">
      {unfinished.length > 0 && !job ? (
        <Notice>
          <p className="font-semibold">Unfinished imports</p>
          <ul className="mt-2 flex flex-col gap-2">
            {unfinished.map((u) => (
              <li key={u.id} className="flex flex-wrap items-center gap-3">
                {u.fileName}: {u.appliedRows} of {u.validRows} rows imported
                <Button variant="secondary" disabled={applying} onClick={() => void applyAll(u.id)}>
                  Continue<span className="sr-only"> importing {u.fileName}</span>
                </Button>
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}

      <form
        onSubmit={upload}
        className="flex flex-wrap items-end gap-3 rounded-xl border border-stone-200 bg-white p-4"
      >
        <label className="flex flex-col gap-1 text-sm font-medium">
          CSV file (up to 10,000 rows, 10 MB)
          <input name="file" type="file" accept=".csv,text/csv" className="text-sm" disabled={applying} />
        </label>
        <Button type="submit" disabled={create.isPending || applying}>
          {create.isPending ? "Checking every row…" : "Check file"}
        </Button>
      </form>

      {problem ? <Notice tone="error">{problem}</Notice> : null}

      {job ? (
        <section
          aria-labelledby="report-heading"
          className="flex flex-col gap-4 rounded-xl border border-stone-200 bg-white p-4"
        >
          <h2 id="report-heading" className="text-lg font-semibold">
            {job.fileName}
          </h2>
          <p data-testid="import-summary">
            {job.totalRows} rows read: {job.validRows} ready to import, {job.rowErrors.length} with errors
            (not imported).
          </p>

          {job.status !== "completed" || job.appliedRows > 0 ? (
            <div className="flex flex-col gap-1">
              <span id="progress-label" className="text-sm font-medium">
                Imported {job.appliedRows} of {job.validRows} rows
              </span>
              <div
                role="progressbar"
                aria-labelledby="progress-label"
                aria-valuemin={0}
                aria-valuemax={job.validRows}
                aria-valuenow={job.appliedRows}
                className="h-3 w-full overflow-hidden rounded-full bg-stone-200"
              >
                <div className="h-full bg-brand transition-all" style={{ width: `${percent}%` }} />
              </div>
            </div>
          ) : null}

          {job.validRows === 0 ? (
            <Notice tone="error">Nothing to import: fix the rows below and upload the file again.</Notice>
          ) : job.status === "completed" ? (
            <Notice tone="success">
              Import finished: {job.productsCreated} products created, {job.productsUpdated} updated (
              {job.variantsCreated} variants created, {job.variantsUpdated} updated).{" "}
              <Link href="/dashboard/catalog" className="font-semibold underline">
                See the catalog
              </Link>
            </Notice>
          ) : (
            <div>
              <Button disabled={applying} onClick={() => void applyAll(job.id)}>
                {applying
                  ? "Importing…"
                  : job.appliedRows > 0
                    ? "Continue import"
                    : `Import ${job.validRows} valid row${job.validRows === 1 ? "" : "s"}`}
              </Button>
            </div>
          )}

          {job.rowErrors.length > 0 ? (
            <div className="flex flex-col gap-2">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h3 className="font-semibold">Rows with errors</h3>
                <a
                  href={errorReportHref(job)}
                  download={`${job.fileName.replace(/\.csv$/i, "")}-errors.csv`}
                  className="text-sm font-semibold text-brand underline"
                >
                  Download error report
                </a>
              </div>
              <div className="max-h-96 overflow-auto rounded-lg border border-stone-200">
                <table className="w-full text-left text-sm" data-testid="import-errors">
                  <thead className="sticky top-0 bg-stone-50">
                    <tr>
                      <th scope="col" className="px-3 py-2">
                        Row
                      </th>
                      <th scope="col" className="px-3 py-2">
                        Column
                      </th>
                      <th scope="col" className="px-3 py-2">
                        Problem
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {job.rowErrors.slice(0, SHOWN_ERRORS).map((e, i) => (
                      <tr key={`${e.row}-${e.column}-${i}`} className="border-t border-stone-100">
                        <td className="px-3 py-2">{e.row}</td>
                        <td className="px-3 py-2">{e.column ?? "—"}</td>
                        <td className="px-3 py-2">{e.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {job.rowErrors.length > SHOWN_ERRORS ? (
                <p className="text-sm text-stone-600">
                  Showing the first {SHOWN_ERRORS}; the report has all {job.rowErrors.length}.
                </p>
              ) : null}
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
