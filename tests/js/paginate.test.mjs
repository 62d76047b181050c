// listAll through the built package against fake-instantly: `for await` over several pages with
// the cursor in the body (leads) or the query (campaigns), the empty-page guard, maxItems, early
// break, and an error mid-walk.

import assert from "node:assert/strict";
import { getEventListeners } from "node:events";
import { after, before, beforeEach, test } from "node:test";
import { startFake } from "./helpers/fake.mjs";
import { campaignParams, clientFor, rejection, thrown } from "./helpers/fixtures.mjs";

let fake;
let client;

before(async () => {
  fake = await startFake();
  client = clientFor(fake);
});
after(() => fake?.stop());
beforeEach(() => fake.reset());

/** Creates a list holding `n` leads; resolves with the list id. */
async function listWithLeads(n) {
  const list = await client.leadLists.create({ name: `list of ${n}` });
  for (let start = 0; start < n; start += 1000) {
    const leads = [];
    for (let i = start; i < Math.min(n, start + 1000); i++) leads.push({ email: `lead${i}@example.com`, first_name: `L${i}` });
    const r = await client.leads.bulkAdd({ list_id: list.id, leads });
    assert.equal(r.leads_uploaded, leads.length);
  }
  return list.id;
}

test("leads.listAll walks every page with the cursor in the POST body", async () => {
  const listId = await listWithLeads(250);
  await fake.clearRequests();
  const emails = [];
  for await (const lead of client.leads.listAll({ list_id: listId, limit: 100 })) emails.push(lead.email);
  assert.equal(emails.length, 250);
  assert.equal(new Set(emails).size, 250);
  const log = await fake.requests("/api/v2/leads/list");
  assert.equal(log.length, 3);
  assert.deepEqual(log.map((r) => r.method), ["POST", "POST", "POST"]);
  assert.equal(log[0].body.starting_after, undefined);
  assert.ok(log[1].body.starting_after, "second page asks for starting_after in the body");
  assert.ok(log.every((r) => Object.keys(r.query).length === 0), "no query on POST /leads/list");
  assert.ok(log.every((r) => r.body.list_id === listId && r.body.limit === 100));
});

test("an empty last page ends the walk even though the previous page carried a cursor", async () => {
  const listId = await listWithLeads(200);
  await fake.clearRequests();
  let n = 0;
  for await (const _ of client.leads.listAll({ list_id: listId, limit: 100 })) n++;
  assert.equal(n, 200);
  const log = await fake.requests("/api/v2/leads/list");
  assert.equal(log.length, 3, "100 + 100 + an empty page, then stop");
});

test("campaigns.listAll puts the cursor in the query and honours maxItems", async () => {
  for (const name of ["A", "B", "C", "D", "E"]) await client.campaigns.create(campaignParams(name));
  await fake.clearRequests();
  const names = [];
  for await (const c of client.campaigns.listAll({ limit: 2 }, { maxItems: 3 })) names.push(c.name);
  assert.equal(names.length, 3);
  const log = await fake.requests("/api/v2/campaigns");
  assert.equal(log.length, 2, "maxItems 3 with pages of 2 needs two pages, not three");
  assert.ok(log.every((r) => r.method === "GET" && r.body == null));
  assert.equal(log[0].query.starting_after, undefined);
  assert.ok(log[1].query.starting_after, "second page carries starting_after in the query");
  assert.ok(log.every((r) => r.query.limit === "2"));
});

test("the iterator is its own async iterator, and break stops fetching", async () => {
  for (const name of ["A", "B", "C", "D"]) await client.campaigns.create(campaignParams(name));
  await fake.clearRequests();
  const it = client.campaigns.listAll({ limit: 2 });
  assert.equal(it[Symbol.asyncIterator](), it);
  for await (const c of it) {
    assert.equal(c.name, "A");
    break;
  }
  assert.deepEqual(await it.next(), { done: true, value: undefined });
  assert.equal((await fake.requests("/api/v2/campaigns")).length, 1);
});

test("next() calls made without waiting are answered one after another, in call order", async () => {
  for (const name of ["A", "B", "C", "D", "E"]) await client.campaigns.create(campaignParams(name));
  await fake.clearRequests();
  const it = client.campaigns.listAll({ limit: 2 });
  const order = [];
  const calls = [0, 1, 2, 3, 4, 5].map((i) => it.next().then((r) => (order.push(i), r)));
  const results = await Promise.all(calls);
  assert.deepEqual(
    results.map((r) => (r.done ? null : r.value.name)),
    ["A", "B", "C", "D", "E", null],
  );
  assert.deepEqual(order, [0, 1, 2, 3, 4, 5], "each next() settles after the one called before it");
  const r = await it.return();
  assert.deepEqual(r, { done: true, value: undefined });
  assert.equal((await fake.requests("/api/v2/campaigns")).length, 3, "three pages of 2, one request each");
});

test("an error mid-walk rejects the for-await and ends the iteration", async () => {
  for (const name of ["A", "B", "C"]) await client.campaigns.create(campaignParams(name));
  const it = client.campaigns.listAll({ limit: 2 });
  const seen = [(await it.next()).value.name, (await it.next()).value.name];
  assert.deepEqual(seen, ["A", "B"]);
  await fake.fault({ method: "GET", path: "/api/v2/campaigns", count: 1, fault: { type: "status", status: 404 } });
  const names = [];
  const e = await rejection(
    (async () => {
      for await (const c of it) names.push(c.name);
    })(),
  );
  assert.equal(e.name, "NotFoundError");
  assert.equal(e.path, "/api/v2/campaigns");
  assert.deepEqual(names, []);
  assert.deepEqual(await it.next(), { done: true, value: undefined }, "the walk is over after the error");
  assert.equal((await fake.requests("/api/v2/campaigns")).filter((r) => r.method === "GET").length, 2);
});

test("a walk leaves no listener on the caller's signal once it ends, however it ends", async () => {
  for (const name of ["A", "B", "C"]) await client.campaigns.create(campaignParams(name));
  const signal = new AbortController().signal;
  const listeners = () => getEventListeners(signal, "abort").length;
  for (let i = 0; i < 5; i++) {
    const names = [];
    for await (const c of client.campaigns.listAll({ limit: 2 }, { signal })) names.push(c.name);
    assert.deepEqual(names, ["A", "B", "C"]);
  }
  assert.equal(listeners(), 0, "walked to the end");
  for await (const c of client.campaigns.listAll({ limit: 2 }, { signal })) if (c.name === "A") break;
  assert.equal(listeners(), 0, "ended by break");
  await fake.fault({ method: "GET", path: "/api/v2/campaigns", count: 1, fault: { type: "status", status: 404 } });
  await rejection((async () => { for await (const c of client.campaigns.listAll({}, { signal })) void c; })());
  assert.equal(listeners(), 0, "ended by an error");
  const open = client.campaigns.listAll({ limit: 2 }, { signal });
  await open.next();
  assert.equal(listeners(), 1, "a walk under way listens");
  await open.return();
  assert.equal(listeners(), 0);
});

test("free() and Symbol.dispose end a walk like return(): later calls answer done, nothing throws", async () => {
  for (const name of ["A", "B", "C"]) await client.campaigns.create(campaignParams(name));
  const signal = new AbortController().signal;
  const it = client.campaigns.listAll({ limit: 2 }, { signal });
  assert.equal((await it.next()).value.name, "A");
  it.free();
  assert.deepEqual(await it.next(), { done: true, value: undefined });
  assert.deepEqual(await it.return(), { done: true, value: undefined });
  it.free();
  assert.equal(getEventListeners(signal, "abort").length, 0);
  if (Symbol.dispose) {
    const other = client.campaigns.listAll({ limit: 2 });
    other[Symbol.dispose]();
    assert.deepEqual(await other.next(), { done: true, value: undefined });
  }
  assert.equal((await fake.requests("/api/v2/campaigns")).filter((r) => r.method === "GET").length, 1);
});

test("bad params and options are rejected before anything is sent", async () => {
  const e = thrown(() => client.campaigns.listAll({ limt: 5 }));
  assert.equal(e.name, "ValidationError");
  const e2 = thrown(() => client.leads.listAll({}, { maxItem: 5 }));
  assert.equal(e2.code, "validation");
  const e3 = thrown(() => client.leadLists.listAll({ limit: 1000 }));
  assert.equal(e3.field, "limit");
  assert.equal((await fake.requests()).length, 0);
});
