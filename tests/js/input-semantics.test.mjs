// How JS input is read, on the lead routes where it matters most: `undefined` is absent (it never
// clears a field), `null` clears only where the API allows it, and values JSON cannot carry are
// ValidationErrors naming their path. The built package against fake-instantly.

import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { LeadInterestStatus } from "instantly-wasm";
import { startFake } from "./helpers/fake.mjs";
import { clientFor, rejection } from "./helpers/fixtures.mjs";

let fake;
let client;

before(async () => {
  fake = await startFake();
  client = clientFor(fake);
});
after(() => fake?.stop());
beforeEach(() => fake.reset());

describe("input semantics", () => {
  test("leads.update: null clears a field, undefined leaves it alone", async () => {
    const list = await client.leadLists.create({ name: "Inbound" });
    const lead = await client.leads.create({
      list_id: list.id,
      email: "joe@example.com",
      first_name: "Joe",
      phone: "+1 555 0100",
    });
    const updated = await client.leads.update(lead.id, {
      phone: null,
      first_name: undefined,
      job_title: "CTO",
      lt_interest_status: LeadInterestStatus.MeetingBooked,
    });
    const [patch] = (await fake.requests(`/api/v2/leads/${lead.id}`)).filter((r) => r.method === "PATCH");
    assert.deepEqual(patch.body, { phone: null, job_title: "CTO", lt_interest_status: 2 });
    assert.equal(updated.first_name, "Joe", "undefined did not clear the first name");
    assert.equal(updated.phone ?? null, null);
    assert.equal(updated.lt_interest_status, LeadInterestStatus.MeetingBooked);
  });

  test("lt_interest_status: null is refused on PATCH, pointing at updateInterestStatus", async () => {
    const e = await rejection(client.leads.update("019ffad2-53a1-7acf-9ae0-404312bcab56", { lt_interest_status: null }));
    assert.equal(e.name, "ValidationError");
    assert.equal(e.field, "lt_interest_status");
    assert.match(e.message, /updateInterestStatus/);
    assert.deepEqual(await fake.requests(), []);
  });

  test("undefined inside custom variables is dropped, NaN and nested values are named", async () => {
    const list = await client.leadLists.create({ name: "Vars" });
    await fake.clearRequests();
    await client.leads.bulkAdd({
      list_id: list.id,
      leads: [{ email: "v@example.com", custom_variables: { kept: 1, gone: undefined } }],
    });
    const [add] = await fake.requests("/api/v2/leads/add");
    assert.deepEqual(add.body.leads, [{ email: "v@example.com", custom_variables: { kept: 1 } }]);

    await fake.clearRequests();
    const nan = await rejection(
      client.leads.bulkAdd({ list_id: list.id, leads: [{ email: "n@example.com", custom_variables: { score: Number.NaN } }] }),
    );
    assert.equal(nan.name, "ValidationError");
    assert.equal(nan.field, "leads[0].custom_variables.score");
    const nested = await rejection(
      client.leads.bulkAdd({ list_id: list.id, leads: [{ email: "n@example.com", custom_variables: { tags: ["a"] } }] }),
    );
    assert.equal(nested.field, "leads[0].custom_variables.tags");
    const date = await rejection(client.leads.create({ list_id: list.id, email: "d@example.com", custom_variables: { at: new Date() } }));
    assert.equal(date.field, "custom_variables.at");
    assert.deepEqual(await fake.requests(), []);
  });

  test("a getter that calls the client while its params are read: each call sends its own values", async () => {
    let inner;
    const params = {
      limit: 5,
      get search() {
        // Read while this call's params are being written: the inner call's params are written
        // (and sent) in the middle of it.
        inner = client.campaigns.list({ limit: 7, search: "inner", tag_ids: "a,b" });
        return "outer";
      },
      starting_after: "0190b5a0-0000-7000-8000-000000000001",
    };
    await client.campaigns.list(params);
    await inner;
    const queries = (await fake.requests("/api/v2/campaigns")).map((r) => r.query);
    assert.deepEqual(
      queries.sort((a, b) => a.limit.localeCompare(b.limit)),
      [
        { limit: "5", search: "outer", starting_after: "0190b5a0-0000-7000-8000-000000000001" },
        { limit: "7", search: "inner", tag_ids: "a,b" },
      ],
    );
  });
});
