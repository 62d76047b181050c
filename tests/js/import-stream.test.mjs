// leads.import from streams (async generators, sync iterables, ReadableStream) against
// fake-instantly: rows read as the import goes, bad items reported as rejected rows, summary
// reports, a source that throws, and an import killed halfway then resumed from its checkpoint
// by a new client, with every row in the fake exactly once.

import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { startFake } from "./helpers/fake.mjs";
import { clientFor } from "./helpers/fixtures.mjs";

let fake;

before(async () => {
  fake = await startFake();
});
after(() => fake?.stop());
beforeEach(() => fake.reset());

const lead = (i) => ({ email: `s${i}@example.com`, first_name: `S${i}`, custom_variables: { row: i } });

/** An async generator of `n` leads that counts how far it has been read. */
function counted(n, make = lead) {
  const state = { pulled: 0 };
  async function* gen() {
    for (let i = 0; i < n; i++) {
      state.pulled = i + 1;
      yield make(i);
    }
  }
  return { state, source: gen() };
}

/** The emails of the leads the fake holds in `list`, sorted. */
async function emailsIn(list) {
  const state = await fake.state();
  return state.leads.filter((l) => l.list_id === list).map((l) => l.email).sort();
}

test("an async generator is read as the import goes: the report accounts for every row, the fake holds each lead once", async () => {
  const client = clientFor(fake);
  const list = await client.leadLists.create({ name: "stream" });
  const { state, source } = counted(2300);
  const pulledAtProgress = [];
  const report = await client.leads.import(source, {
    list_id: list.id,
    chunkSize: 500,
    concurrency: 1,
    onProgress: () => pulledAtProgress.push(state.pulled),
  });
  assert.equal(report.total, 2300);
  assert.equal(report.created.length, 2300);
  assert.deepEqual(report.created.map((c) => c.index), [...Array(2300).keys()]);
  assert.deepEqual(report.counts, { created: 2300, not_created: 0, rejected: 0, failed: 0, skipped: 0 });
  assert.deepEqual(report.checkpoint, { next: 2300, done: [], unsure: [] });
  assert.equal(report.interrupted, undefined);
  // With one chunk in flight the source is never more than about two chunks ahead.
  assert.ok(pulledAtProgress[0] <= 1000, `pulled ${pulledAtProgress[0]} rows before the first chunk finished`);
  assert.equal((await emailsIn(list.id)).length, 2300);
});

test("sync iterables and ReadableStreams work too; items that are not leads are rejected rows naming the field", async () => {
  const client = clientFor(fake);
  const list = await client.leadLists.create({ name: "kinds" });
  const set = new Set([lead(0), { emial: "typo@example.com" }, 5, lead(3)]);
  const fromSet = await client.leads.import(set, { list_id: list.id });
  assert.deepEqual(fromSet.created.map((c) => c.index), [0, 3]);
  assert.deepEqual(fromSet.rejected.map((r) => [r.index, r.field ?? null]), [[1, "emial"], [2, null]]);
  assert.match(fromSet.rejected[0].reason, /did you mean `email`/);

  const stream = new ReadableStream({
    start(controller) {
      for (let i = 10; i < 15; i++) controller.enqueue(lead(i));
      controller.close();
    },
  });
  const fromStream = await client.leads.import(stream, { list_id: list.id });
  assert.equal(fromStream.counts.created, 5);
  assert.deepEqual(await emailsIn(list.id), ["s0@example.com", "s10@example.com", "s11@example.com", "s12@example.com", "s13@example.com", "s14@example.com", "s3@example.com"]);

  for (const bad of ["a string", 42, { not: "iterable" }]) {
    await assert.rejects(client.leads.import(bad, { list_id: list.id }), (e) => e.name === "ValidationError" && e.field === "leads");
  }
});

test("a summary report keeps counts, not lists; rejected rows are still listed", async () => {
  const client = clientFor(fake);
  const list = await client.leadLists.create({ name: "summary" });
  const { source } = counted(1200, (i) => (i === 7 ? { email: "not an email" } : lead(i)));
  const report = await client.leads.import(source, { list_id: list.id, report: "summary", chunkSize: 400 });
  assert.deepEqual(report.created, []);
  assert.deepEqual(report.not_created, []);
  assert.deepEqual(report.rejected.map((r) => r.index), [7]);
  assert.deepEqual(report.counts, { created: 1199, not_created: 0, rejected: 1, failed: 0, skipped: 0 });
  assert.equal(report.server_counts.uploaded, 1199);
  await assert.rejects(client.leads.import([], { list_id: list.id, report: "partial" }), (e) => e.field === "report");
});

test("a source that throws ends the reading: rows read before are sent and accounted, the report says why", async () => {
  const client = clientFor(fake);
  const list = await client.leadLists.create({ name: "throws" });
  async function* broken() {
    for (let i = 0; i < 250; i++) yield lead(i);
    throw new Error("disk gone");
  }
  const report = await client.leads.import(broken(), { list_id: list.id, chunkSize: 100 });
  assert.equal(report.total, 250);
  assert.equal(report.counts.created, 250, "every row read before the throw is sent");
  assert.match(report.interrupted.message, /disk gone/);
  assert.deepEqual(report.checkpoint, { next: 250, done: [], unsure: [] });
  assert.equal((await emailsIn(list.id)).length, 250);
});

test("killed halfway (abort, then a new client) and resumed from the last checkpoint: the fake holds every row exactly once", async () => {
  const n = 3000;
  const list = (await clientFor(fake).leadLists.create({ name: "resume" })).id;
  const first = clientFor(fake);
  const abort = new AbortController();
  let last;
  const report1 = await first.leads.import(counted(n).source, {
    list_id: list,
    chunkSize: 250,
    concurrency: 2,
    signal: abort.signal,
    onProgress: (p) => {
      last = p.checkpoint;
      if (p.processed >= 1000) abort.abort();
    },
  });
  assert.equal(report1.interrupted.code, "aborted");
  // Chunks finish in any order: the checkpoint covers the rows below `next` and the finished
  // spans above it (a chunk still in flight between them is `unsure`), at least the 1,000 rows
  // processed, never all of them.
  const coveredRows = last.next + last.done.reduce((sum, [a, b]) => sum + (b - a), 0);
  assert.ok(coveredRows >= 1000 && last.next < n, JSON.stringify(last));
  first.free();

  // A new client, as after a crash or a deploy, resumes from the checkpoint the report carries.
  const second = clientFor(fake);
  const cp = report1.checkpoint;
  const report2 = await second.leads.import(counted(n).source, { list_id: list, resumeFrom: cp });
  assert.equal(report2.interrupted, undefined);
  assert.equal(report2.checkpoint.next, n);

  // Every row is accounted for once: by the first run where the checkpoint covers it, by the
  // resumed run everywhere else.
  const covered = (i) => i < cp.next || cp.done.some(([a, b]) => i >= a && i < b);
  const settled = (r) => [...r.created, ...r.not_created, ...r.rejected, ...r.failed];
  const seen = new Map();
  for (const row of settled(report1)) if (covered(row.index)) seen.set(row.index, (seen.get(row.index) ?? 0) + 1);
  for (const row of settled(report2)) {
    assert.ok(!covered(row.index), `row ${row.index} is covered by the checkpoint but the resumed run reported it`);
    seen.set(row.index, (seen.get(row.index) ?? 0) + 1);
  }
  assert.equal(seen.size, n);
  assert.ok([...seen.values()].every((c) => c === 1));
  assert.equal(report2.counts.skipped, [...Array(n).keys()].filter(covered).length);

  const emails = await emailsIn(list);
  assert.equal(emails.length, n, "no lead added twice, none lost");
  assert.equal(new Set(emails).size, n);
});

test("CSV text as a stream of bytes (a request body) or strings: rows as they arrive, problems rejected with their line", async () => {
  const client = clientFor(fake);
  const list = await client.leadLists.create({ name: "csv stream" });
  const lines = ["E-mail;Vorname;Tier"];
  for (let i = 0; i < 1200; i++) lines.push(`csv${i}@example.com;Zoë ${i};${i % 2 ? "gold" : "silver"}`);
  lines.splice(6, 0, 'broken@example.com;"never closed');
  const bytes = new TextEncoder().encode(lines.join("\r\n"));
  // Pieces of 7 bytes: records, quotes and the two bytes of "ë" are cut everywhere.
  const body = new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
      controller.close();
    },
  });
  const report = await client.leads.import(body, {
    list_id: list.id,
    csv: { columns: { "E-mail": "email", Vorname: "first_name" } },
    chunkSize: 500,
  });
  // The unclosed quote swallows the rest of the file into one bad record.
  assert.equal(report.counts.created, 5);
  assert.equal(report.rejected.length, 1);
  assert.match(report.rejected[0].reason, /^line 7: a quoted field is not closed/);

  lines.splice(6, 1);
  const pieces = lines.join("\n").match(/[\s\S]{1,13}/g);
  const fromStrings = await client.leads.import(pieces.values(), {
    list_id: list.id,
    csv: { columns: { "E-mail": "email", Vorname: "first_name" } },
  });
  assert.equal(fromStrings.counts.created, 1195, "the five created before are already in the list");
  assert.equal(fromStrings.counts.not_created, 5);
  const state = await fake.state();
  const zoe = state.leads.find((l) => l.email === "csv1@example.com");
  assert.equal(zoe.first_name, "Zoë 1");
  assert.equal(zoe.payload.Tier, "gold", "other columns become custom variables named after their header");

  // An array of pieces, as the source's type allows, is read like the same pieces iterated.
  const more = ["E-mail;Vorname\n", "arr1@example.com;A\n", "arr2@exam", "ple.com;B"];
  const fromArray = await client.leads.import(more, { list_id: list.id, csv: { columns: { "E-mail": "email" } } });
  assert.deepEqual(fromArray.counts, { created: 2, not_created: 0, rejected: 0, failed: 0, skipped: 0 });
  const asBytes = more.map((p) => new TextEncoder().encode(p.replace("arr", "byt")));
  const fromBytes = await client.leads.import(asBytes, { list_id: list.id, csv: { columns: { "E-mail": "email" } } });
  assert.equal(fromBytes.counts.created, 2);
  assert.ok((await emailsIn(list.id)).includes("byt2@example.com"));
  // An array of lead objects with a stray string is still an array of leads, checked whole.
  await assert.rejects(client.leads.import([{ email: "x@example.com" }, "y@example.com"], { list_id: list.id }), {
    code: "validation",
    message: /\[1\]/,
  });

  const noHeader = await client.leads.import(["\n\n"].values(), { list_id: list.id });
  assert.equal(noHeader.interrupted.code, "validation");
  assert.match(noHeader.interrupted.message, /no header row/);
});

test("an abort ends a wait on a stalled source, and a source the import stops reading is closed", async () => {
  const client = clientFor(fake);
  const list = await client.leadLists.create({ name: "stalled" });
  const controller = new AbortController();
  const calls = [];
  // Three leads, then a next() that never settles: the abort comes when the import waits on it.
  const stalled = {
    [Symbol.asyncIterator]() {
      let i = 0;
      return {
        next() {
          calls.push("next");
          if (i < 3) return Promise.resolve({ done: false, value: lead(i++) });
          controller.abort();
          return new Promise(() => {});
        },
        return() {
          calls.push("return");
          return Promise.resolve({ done: true });
        },
      };
    },
  };
  const report = await client.leads.import(stalled, { list_id: list.id, chunkSize: 3, signal: controller.signal });
  assert.equal(report.interrupted.code, "aborted");
  assert.equal(report.total, 3);
  assert.equal(report.counts.created + report.counts.failed, 3, "every row read is accounted for");
  assert.deepEqual(calls, ["next", "next", "next", "next", "return"]);

  // A stream whose import stops (onProgress throws) is cancelled and unlocked, as `break` would.
  let cancelled = false;
  let n = 0;
  const stream = new ReadableStream({
    pull(c) {
      c.enqueue(lead(100 + n++));
    },
    cancel() {
      cancelled = true;
    },
  });
  const stopped = await client.leads.import(stream, {
    list_id: list.id,
    chunkSize: 5,
    concurrency: 1,
    onProgress() {
      throw new Error("enough");
    },
  });
  assert.match(stopped.interrupted.message, /enough/);
  assert.equal(cancelled, true);
  assert.equal(stream.locked, false);

  // A generator whose import stops runs its `finally`; one read to its end is not closed again.
  const log = [];
  function* gen() {
    try {
      for (let i = 0; i < 20; i++) yield lead(200 + i);
    } finally {
      log.push("finally");
    }
  }
  await client.leads.import(gen(), { list_id: list.id, chunkSize: 5, concurrency: 1, onProgress() { throw new Error("stop"); } });
  assert.deepEqual(log, ["finally"]);
  const done = await client.leads.import(gen(), { list_id: list.id });
  assert.equal(done.total, 20);
  assert.deepEqual(log, ["finally", "finally"], "the generator's own end ran it, once");
});

test("a chunk goes out while the stream waits for its next item", { timeout: 60_000 }, async () => {
  const client = clientFor(fake);
  const list = await client.leadLists.create({ name: "overlap" });
  // The stream holds back its third lead until the fake has the first chunk (two leads): an
  // import that sent only after reading on would wait forever here.
  async function* source() {
    yield lead(0);
    yield lead(1);
    while ((await fake.requests("/api/v2/leads/add")).length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    yield lead(2);
  }
  const report = await client.leads.import(source(), { list_id: list.id, chunkSize: 2 });
  assert.equal(report.counts.created, 3);
  assert.equal(report.requests, 2);
  assert.deepEqual(await emailsIn(list.id), ["s0@example.com", "s1@example.com", "s2@example.com"]);
});
