// backgroundJobs.wait through the built package against fake-instantly: a real leads.move
// polled to success with progress reports, waiting by id, a failed job, a timeout (also when a
// poll is held up by a 429's Retry-After), AbortSignal,
// an onProgress that throws, and strict options.

import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { startFake } from "./helpers/fake.mjs";
import { campaignParams, clientFor, rejection } from "./helpers/fixtures.mjs";

let fake;
let client;

before(async () => {
  fake = await startFake();
  client = clientFor(fake);
});
after(() => fake?.stop());
beforeEach(async () => {
  await fake.reset();
  await fake.config({ job_step_ms: 150 });
});

/** A list with three leads and an empty campaign; resolves with a started move job. */
async function startMove() {
  const list = await client.leadLists.create({ name: "to move" });
  const campaign = await client.campaigns.create(campaignParams("target"));
  const leads = ["a", "b", "c"].map((n) => ({ email: `${n}@example.com` }));
  await client.leads.bulkAdd({ list_id: list.id, leads });
  const job = await client.leads.move({ list_id: list.id, to_campaign_id: campaign.id });
  return { job, list, campaign };
}

test("waits for a real move to succeed, reporting each change of status or progress", async () => {
  const { job, campaign } = await startMove();
  assert.equal(job.status, "pending");
  const seen = [];
  const done = await client.backgroundJobs.wait(job, {
    intervalMs: 50,
    onProgress: (j) => seen.push(`${j.status}:${j.progress}`),
    dataFields: ["moved_lead_emails"],
  });
  assert.equal(done.status, "success");
  assert.equal(done.id, job.id);
  assert.equal(seen[0], "pending:0", "the job passed in is the first observation");
  assert.equal(seen.at(-1), "success:100");
  assert.ok(seen.includes("in-progress:50"), seen.join(", "));
  assert.equal(new Set(seen).size, seen.length, "each state is reported once");
  const state = await fake.state();
  const inCampaign = state.leads.filter((l) => l.campaign === campaign.id).map((l) => l.email).sort();
  assert.deepEqual(inCampaign, ["a@example.com", "b@example.com", "c@example.com"]);
  const polls = await fake.requests(`/api/v2/background-jobs/${job.id}`);
  assert.ok(polls.length >= 2);
  assert.ok(polls.every((p) => p.query.data_fields === "moved_lead_emails"));
});

test("waits by id", async () => {
  const { job } = await startMove();
  const done = await client.backgroundJobs.wait(job.id, { intervalMs: 50 });
  assert.equal(done.status, "success");
});

test("a failed job rejects with JobFailedError carrying the job", async () => {
  const { job } = await startMove();
  const failed = { ...job, status: "failed", progress: 20 };
  await fake.fault({
    method: "GET",
    path: `/api/v2/background-jobs/${job.id}`,
    count: 1,
    fault: { type: "status", status: 200, body: failed },
  });
  const e = await rejection(client.backgroundJobs.wait(job.id, { intervalMs: 50 }));
  assert.equal(e.name, "JobFailedError");
  assert.equal(e.code, "job_failed");
  assert.equal(e.body.status, "failed");
  assert.equal(e.body.id, job.id);
});

test("gives up at timeoutMs, after at most one poll per intervalMs, with a TimeoutError carrying the last job seen", async () => {
  await fake.config({ job_step_ms: 60_000 });
  const { job } = await startMove();
  await fake.clearRequests();
  const e = await rejection(client.backgroundJobs.wait(job, { intervalMs: 100, timeoutMs: 300 }));
  assert.equal(e.name, "TimeoutError");
  assert.equal(e.code, "timeout");
  assert.match(e.message, /after 300 ms/);
  assert.equal(e.body.id, job.id);
  assert.equal(e.body.status, "pending");
  // The job passed in is the first observation; then one poll per interval until the deadline
  // and a last one at it: 3 for 300 / 100 (4 when a timer rounds down a fraction of a
  // millisecond). Without the deadline the wait would go on polling the pending job.
  const polls = await fake.requests(`/api/v2/background-jobs/${job.id}`);
  assert.ok(polls.length >= 1 && polls.length <= 4, `${polls.length} polls`);
  assert.ok(polls.every((p) => p.status === 200));
  const [stored] = (await fake.state()).background_jobs.filter((j) => j.id === job.id);
  assert.equal(stored.status, "pending", "the job was still running when the wait gave up");
});

test("a poll answered 429 with a long Retry-After is abandoned at timeoutMs, then one last poll", async () => {
  await fake.config({ job_step_ms: 60_000 });
  const { job } = await startMove();
  const path = `/api/v2/background-jobs/${job.id}`;
  const retryAfter20s = { method: "GET", path, fault: { type: "status", status: 429, retry_after: "20" } };

  // Without a limiter, the last poll goes out at the deadline and its answer is the body.
  await fake.clearRequests();
  await fake.fault(retryAfter20s);
  const bare = clientFor(fake, { maxRetries: 2, rateLimit: false });
  let e = await rejection(bare.backgroundJobs.wait(job.id, { intervalMs: 100, timeoutMs: 400 }));
  assert.equal(e.name, "TimeoutError");
  assert.match(e.message, /still pending at 0% after 400 ms/);
  assert.equal(e.body.status, "pending", "the last poll's job");
  let polls = await fake.requests(path);
  assert.deepEqual(polls.map((p) => p.status), [429, 200]);
  // The first poll's retry would have waited 20 s; the last poll came at the deadline instead.
  const gap = Date.parse(polls[1].timestamp) - Date.parse(polls[0].timestamp);
  assert.ok(gap < 2_000, `the last poll came ${gap} ms after the 429 (about 400 expected)`);

  // With the limiter, the 429 pauses it for 20 s: the last poll waits for budget, and is cut
  // off one request timeout (timeoutMs: 300) after the deadline, never sent.
  await fake.clearRequests();
  await fake.fault(retryAfter20s);
  // (A limiter of its own: the realm's budget, shared by clients with this key, stays unpaused.)
  const limited = clientFor(fake, { maxRetries: 2, timeoutMs: 300, rateLimit: { shared: false } });
  e = await rejection(limited.backgroundJobs.wait(job.id, { intervalMs: 100, timeoutMs: 400 }));
  assert.equal(e.name, "TimeoutError");
  assert.equal(e.message, `background job ${job.id} gave no answer within 400 ms`);
  assert.equal(e.body, undefined);
  polls = await fake.requests(path);
  assert.deepEqual(polls.map((p) => p.status), [429]);
});

test("an AbortSignal stops the wait; an aborted one stops it before any poll", async () => {
  await fake.config({ job_step_ms: 5000 });
  const { job } = await startMove();
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 120);
  const e = await rejection(client.backgroundJobs.wait(job.id, { intervalMs: 50, signal: controller.signal }));
  assert.equal(e.name, "AbortError");

  await fake.clearRequests();
  const e2 = await rejection(client.backgroundJobs.wait(job, { signal: AbortSignal.abort() }));
  assert.equal(e2.code, "aborted");
  assert.equal((await fake.requests("/api/v2/background-jobs/*")).length, 0);
});

test("an onProgress that throws rejects the wait with that exception", async () => {
  const { job } = await startMove();
  const boom = new RangeError("stop here");
  const e = await client.backgroundJobs.wait(job, { onProgress: () => { throw boom; } }).then(
    () => null,
    (err) => err,
  );
  assert.equal(e, boom);
});

test("bad options are ValidationErrors naming the field", async () => {
  const e1 = await rejection(client.backgroundJobs.wait("675266e304a8e55b17f0228b", { intervalMs: 10 }));
  assert.equal(e1.field, "intervalMs");
  const e2 = await rejection(client.backgroundJobs.wait("675266e304a8e55b17f0228b", { interval: 100 }));
  assert.equal(e2.field, "interval");
  const e3 = await rejection(client.backgroundJobs.wait("675266e304a8e55b17f0228b", { signal: {} }));
  assert.equal(e3.name, "ValidationError");
  const e4 = await rejection(client.backgroundJobs.wait("675266e304a8e55b17f0228b", { onProgress: 5 }));
  assert.equal(e4.name, "ValidationError");
  // A mistyped data key is reported before a bad signal or callback in the same options.
  const both = await rejection(client.backgroundJobs.wait("675266e304a8e55b17f0228b", { interval: 100, signal: {}, onProgress: 5 }));
  assert.equal(both.field, "interval");
  const e5 = await rejection(client.backgroundJobs.wait(42));
  assert.equal(e5.field, "job");
  const e6 = await rejection(client.backgroundJobs.wait({ status: "pending", progress: 0 }));
  assert.equal(e6.field, "job", "a job object needs its id");
  // ... unless it is finished: it settles the wait without a poll.
  assert.deepEqual(await client.backgroundJobs.wait({ status: "success", progress: 100 }), { status: "success", progress: 100 });
  const failed = await rejection(client.backgroundJobs.wait({ status: "failed" }));
  assert.equal(failed.name, "JobFailedError");
  const e7 = await rejection(client.backgroundJobs.wait({ id: "../leads", status: "pending" }));
  assert.equal(e7.field, "id");
  assert.equal((await fake.requests("/api/v2/background-jobs/*")).length, 0);
});
