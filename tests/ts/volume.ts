// Types of the volume helpers (listAll, and later import and job waiting), type-checked with the
// consumer under every resolution mode. Lines marked `@ts-expect-error` must stay errors.

import {
  type BackgroundJob,
  type CsvColumn,
  type CsvLeads,
  type CsvOptions,
  type CsvProblem,
  type ImportCheckpoint,
  type ImportCounts,
  type ImportCreated,
  type ImportError,
  type ImportFailed,
  type ImportNotCreated,
  type ImportProgress,
  type ImportRejected,
  type ImportReport,
  type ImportServerCounts,
  type LeadImportOptions,
  type LeadImportSettings,
  type Campaign,
  type InstantlyClient,
  type Lead,
  type LeadList,
  type ListAllOptions,
  type ListIterator,
  type WaitForJobOptions,
  parseLeadsCsv,
} from "instantly-wasm";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

export type VolumeChecks = [
  Expect<Equal<ReturnType<InstantlyClient["campaigns"]["listAll"]>, ListIterator<Campaign>>>,
  Expect<Equal<ReturnType<InstantlyClient["leads"]["listAll"]>, ListIterator<Lead>>>,
  Expect<Equal<ReturnType<InstantlyClient["leadLists"]["listAll"]>, ListIterator<LeadList>>>,
  Expect<Equal<ReturnType<InstantlyClient["backgroundJobs"]["wait"]>, Promise<BackgroundJob>>>,
  Expect<Equal<ReturnType<InstantlyClient["leads"]["import"]>, Promise<ImportReport>>>,
  Expect<Equal<ReturnType<typeof parseLeadsCsv>, CsvLeads>>,
  Expect<Equal<ImportReport["created"], ImportCreated[]>>,
  Expect<Equal<ImportReport["rejected"], ImportRejected[]>>,
  Expect<Equal<ImportReport["not_created"], ImportNotCreated[]>>,
  Expect<Equal<ImportReport["failed"], ImportFailed[]>>,
  Expect<Equal<ImportFailed["error"], ImportError>>,
  Expect<Equal<ImportReport["server_counts"], ImportServerCounts>>,
  Expect<Equal<CsvLeads["problems"], CsvProblem[]>>,
  Expect<Equal<CsvLeads["columns"], CsvColumn[]>>,
];

/** CSV text into a list, with progress, abort and the report mapped back to lines. */
export async function importCsv(client: InstantlyClient, text: string, listId: string, signal: AbortSignal): Promise<string[]> {
  const csvOptions: CsvOptions = { columns: { "E-mail": "email", Notes: null, Tier: "custom_variables.tier" } };
  const parsed = parseLeadsCsv(text, csvOptions);
  const settings: LeadImportSettings = { list_id: listId, skip_if_in_workspace: true, chunkSize: 500, concurrency: 2 };
  const options: LeadImportOptions = {
    ...settings,
    signal,
    onProgress: (p: ImportProgress) => {
      const share: number = p.processed / p.total;
      if (share > 1) throw new Error("impossible");
    },
  };
  const report = await client.leads.import(parsed.leads, options);
  const notes: string[] = [];
  for (const r of report.rejected) notes.push(`line ${parsed.lines[r.index] ?? "?"}: ${r.reason}`);
  for (const f of report.failed) notes.push(`${f.index}: ${f.error.code}${f.maybe_created ? " (may exist)" : ""}`);
  for (const n of report.not_created) if (n.maybe_created) notes.push(`${n.index} may exist`);
  const retryLater = report.failed.filter((f) => f.error.code === "rate_limit" || f.error.code === "timeout");
  // @ts-expect-error an import error's code is one of the error codes, so a typo is caught
  if (report.interrupted?.code === "timout") notes.push(`${retryLater.length} to retry`);
  for (const p of parsed.problems) notes.push(`line ${p.line}: ${p.message}`);
  const created: string | undefined = report.created[0]?.id;
  const duplicated: number = report.server_counts.duplicated;
  notes.push(`${created ?? "none"} ${duplicated}`);
  // @ts-expect-error campaign_id or list_id, snake_case as on the wire
  await client.leads.import(parsed.leads, { listId });
  // @ts-expect-error chunkSize is a number
  await client.leads.import(parsed.leads, { list_id: listId, chunkSize: "500" });
  return notes;
}

/** A stream of leads into a list with a summary report, resumable from its checkpoint. */
export async function importStream(
  client: InstantlyClient,
  rows: AsyncIterable<{ email: string; first_name?: string }>,
  listId: string,
  resumeFrom?: ImportCheckpoint,
): Promise<ImportCheckpoint> {
  let last: ImportCheckpoint | undefined;
  const report = await client.leads.import(rows, {
    list_id: listId,
    report: "summary",
    ...(resumeFrom ? { resumeFrom } : {}),
    onProgress: (p) => {
      last = p.checkpoint;
    },
  });
  const counts: ImportCounts = report.counts;
  const settled: number = counts.created + counts.not_created + counts.rejected + counts.failed + counts.skipped;
  if (settled !== report.total && report.interrupted === undefined) throw new Error("a row is missing");
  const stream: ReadableStream<{ email: string }> = new ReadableStream({ start: (c) => c.close() });
  await client.leads.import(stream, { list_id: listId });
  // @ts-expect-error report is "full" or "summary"
  await client.leads.import([], { list_id: listId, report: "partial" });
  return last ?? report.checkpoint;
}

export async function moveAndWait(client: InstantlyClient, signal: AbortSignal): Promise<string> {
  const job = await client.leads.move({ list_id: "0199a1b2-0000-7000-8000-000000000001", to_campaign_id: "0199a1b2-0000-7000-8000-000000000002" });
  const options: WaitForJobOptions = {
    intervalMs: 500,
    timeoutMs: 60_000,
    signal,
    onProgress: (j) => {
      const progress: number = j.progress;
      if (progress > 100) throw new Error("impossible");
    },
  };
  const done = await client.backgroundJobs.wait(job, options);
  await client.backgroundJobs.wait(job.id);
  // @ts-expect-error unknown option
  await client.backgroundJobs.wait(job, { interval: 5 });
  // @ts-expect-error signal must be an AbortSignal
  await client.backgroundJobs.wait(job, { signal: true });
  return done.status;
}

// A ListIterator is a standard async iterable iterator.
export const asStandard = (it: ListIterator<Lead>): AsyncIterableIterator<Lead> => it;

export async function manual(client: InstantlyClient): Promise<Campaign | undefined> {
  const it = client.campaigns.listAll({ limit: 10 });
  const first = await it.next();
  const value: Campaign | undefined = first.done ? undefined : first.value;
  const end = await it.return();
  const done: boolean | undefined = end.done;
  it.free();
  return done ? value : undefined;
}

export async function walk(client: InstantlyClient): Promise<number> {
  const options: ListAllOptions = { maxItems: 500 };
  let n = 0;
  for await (const lead of client.leads.listAll({ campaign: "0199a1b2-0000-7000-8000-000000000001", limit: 100 }, options)) {
    const email: string | null | undefined = lead.email;
    if (email) n++;
  }
  for await (const c of client.campaigns.listAll()) {
    const id: string = c.id;
    if (id) n++;
  }
  // @ts-expect-error maxItems is a number
  client.campaigns.listAll({}, { maxItems: "5" });
  // @ts-expect-error unknown option
  client.campaigns.listAll({}, { max: 5 });
  return n;
}
