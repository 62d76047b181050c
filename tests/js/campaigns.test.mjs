// client.campaigns and callEndpoint end to end: the built package against fake-instantly.

import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { CampaignStatus, scheduleTimezones } from "instantly-wasm";
import { startFake } from "./helpers/fake.mjs";
import { campaignParams, clientFor, rejection } from "./helpers/fixtures.mjs";

let fake;
let client;

before(async () => {
  fake = await startFake();
  client = clientFor(fake);
});
after(() => fake?.stop());
beforeEach(() => fake.reset());

describe("campaigns", () => {
  test("create posts the params and resolves with a Draft campaign stored by the API", async () => {
    const c = await client.campaigns.create(campaignParams("Q1 Outreach"));
    assert.equal(c.name, "Q1 Outreach");
    assert.equal(c.status, CampaignStatus.Draft);
    assert.match(c.id, /^[0-9a-f-]{36}$/);
    assert.equal(c.campaign_schedule.schedules[0].timezone, "America/Chicago");

    const [req] = await fake.requests("/api/v2/campaigns");
    assert.equal(req.method, "POST");
    assert.deepEqual(req.body, campaignParams("Q1 Outreach"));
    assert.equal(req.headers["content-type"], "application/json");
    assert.equal(req.status, 200);
    const state = await fake.state();
    assert.deepEqual(state.campaigns.map((x) => x.id), [c.id]);
  });

  test("list pages with limit and starting_after until the listing ends", async () => {
    const created = [];
    for (const name of ["A", "B", "C"]) created.push((await client.campaigns.create(campaignParams(name))).id);
    const seen = [];
    const cursors = [];
    let cursor;
    for (;;) {
      const page = await client.campaigns.list(cursor ? { limit: 2, starting_after: cursor } : { limit: 2 });
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((c) => c.id));
      if (page.items.length === 0 || !page.next_starting_after) break;
      cursor = page.next_starting_after;
      cursors.push(cursor);
      assert.ok(cursors.length < 10, "pagination did not end");
    }
    assert.ok(cursors.length >= 1, "three campaigns at limit 2 take more than one page");
    assert.deepEqual([...seen].sort(), [...created].sort());
    const lists = (await fake.requests("/api/v2/campaigns")).filter((r) => r.method === "GET");
    assert.deepEqual(
      lists.map((r) => r.query),
      [{ limit: "2" }, ...cursors.map((c) => ({ limit: "2", starting_after: c }))],
    );
  });

  test("list without params sends no query and filters by search and status", async () => {
    await client.campaigns.create(campaignParams("Spring launch"));
    const other = await client.campaigns.create(campaignParams("Autumn"));
    await client.campaigns.activate(other.id);

    const all = await client.campaigns.list();
    assert.equal(all.items.length, 2);
    const [first] = await fake.requests("/api/v2/campaigns");
    assert.deepEqual(first.query, {});

    const spring = await client.campaigns.list({ search: "spring" });
    assert.deepEqual(spring.items.map((c) => c.name), ["Spring launch"]);
    const active = await client.campaigns.list({ status: CampaignStatus.Active });
    assert.deepEqual(active.items.map((c) => c.id), [other.id]);
    const notActive = await client.campaigns.list({ exclude_status: CampaignStatus.Active });
    assert.deepEqual(notActive.items.map((c) => c.name), ["Spring launch"]);
  });

  test("get, update, activate, pause, duplicate and delete", async () => {
    const c = await client.campaigns.create(campaignParams("Original"));

    const got = await client.campaigns.get(c.id);
    assert.equal(got.id, c.id);
    assert.equal(got.name, "Original");

    const updated = await client.campaigns.update(c.id, { name: "Renamed", daily_limit: 25 });
    assert.equal(updated.name, "Renamed");
    assert.equal(updated.daily_limit, 25);
    const patch = (await fake.requests(`/api/v2/campaigns/${c.id}`)).find((r) => r.method === "PATCH");
    assert.deepEqual(patch.body, { name: "Renamed", daily_limit: 25 });

    assert.equal((await client.campaigns.activate(c.id)).status, CampaignStatus.Active);
    assert.equal((await client.campaigns.pause(c.id)).status, CampaignStatus.Paused);

    const named = await client.campaigns.duplicate(c.id, { name: "Copy 1" });
    assert.equal(named.name, "Copy 1");
    assert.equal(named.status, CampaignStatus.Draft);
    assert.notEqual(named.id, c.id);
    const unnamed = await client.campaigns.duplicate(c.id);
    assert.equal(unnamed.name, "Renamed (copy)");

    const deleted = await client.campaigns.delete(c.id);
    assert.equal(deleted.id, c.id);
    const state = await fake.state();
    assert.deepEqual(state.campaigns.map((x) => x.id).sort(), [named.id, unnamed.id].sort());
    const e = await rejection(client.campaigns.get(c.id));
    assert.equal(e.name, "NotFoundError");
    assert.equal(e.status, 404);
  });

  test("status enums are values in JS and unknown statuses still decode", async () => {
    assert.equal(CampaignStatus.Draft, 0);
    assert.equal(CampaignStatus.Active, 1);
    assert.equal(CampaignStatus.Paused, 2);
    assert.equal(CampaignStatus.Completed, 3);
    assert.equal(CampaignStatus.RunningSubsequences, 4);
    assert.equal(CampaignStatus.AccountsUnhealthy, -1);
    assert.equal(CampaignStatus.BounceProtect, -2);
    assert.equal(CampaignStatus.AccountSuspended, -99);

    const c = await client.campaigns.create(campaignParams());
    await fake.fault({
      method: "GET",
      path: `/api/v2/campaigns/${c.id}`,
      fault: { type: "status", status: 200, body: { ...c, status: 77, brand_new_field: { x: 1 } } },
    });
    const odd = await client.campaigns.get(c.id);
    assert.equal(odd.status, 77);
  });

  test("scheduleTimezones() lists the zones campaigns.create accepts, in a new array each call", async () => {
    const zones = scheduleTimezones();
    assert.ok(Array.isArray(zones));
    assert.equal(zones.length, 102);
    assert.ok(zones.every((z) => typeof z === "string" && z.length > 0));
    assert.equal(new Set(zones).size, zones.length);
    assert.ok(zones.includes("America/Chicago") && !zones.includes("America/New_York"));
    zones.length = 0;
    assert.equal(scheduleTimezones().length, 102, "changing one answer does not change the next");
    const p = campaignParams();
    p.campaign_schedule.schedules[0].timezone = scheduleTimezones().at(-1);
    assert.equal((await client.campaigns.create(p)).campaign_schedule.schedules[0].timezone, p.campaign_schedule.schedules[0].timezone);
  });

  test("local validation rejects bad input before anything is sent", async () => {
    const cases = [
      [() => client.campaigns.list({ limit: 0 }), "limit"],
      [() => client.campaigns.list({ limit: 101 }), "limit"],
      [() => client.campaigns.get(""), "id"],
      [() => client.campaigns.get("a/b"), "id"],
      [() => client.campaigns.delete("../leads"), "id"],
      [() => client.campaigns.pause("x?y=1"), "id"],
      [() => client.campaigns.activate("x#y"), "id"],
      [
        () => {
          const p = campaignParams();
          p.campaign_schedule.schedules[0].timezone = "America/New_York";
          return client.campaigns.create(p);
        },
        "timezone",
      ],
      [
        () => {
          const p = campaignParams();
          p.campaign_schedule.schedules[0].timing.from = "9am";
          return client.campaigns.create(p);
        },
        "timing",
      ],
      [
        () => {
          const p = campaignParams();
          p.campaign_schedule.start_date = "01/12/2026";
          return client.campaigns.create(p);
        },
        "start_date",
      ],
      [() => client.campaigns.create({ name: "no schedule" }), "campaign_schedule"],
    ];
    for (const [call, field] of cases) {
      const e = await rejection(call());
      assert.equal(e.name, "ValidationError", `${call}: ${e.message}`);
      assert.equal(e.code, "validation");
      assert.ok(e.field?.includes(field), `field ${e.field} should name ${field} (${e.message})`);
      assert.equal(e.status, undefined);
    }
    assert.deepEqual(await fake.requests(), []);
  });
});

describe("callEndpoint", () => {
  test("GET with query, POST with a JSON body, the answer's JSON returned as sent, errors mapped like typed methods", async () => {
    const created = await client.callEndpoint("/campaigns", { method: "POST", json: campaignParams("Raw") });
    assert.equal(created.name, "Raw");
    const page = await client.callEndpoint("campaigns", { query: { limit: 1, search: "raw" } });
    assert.deepEqual(page.items.map((c) => c.id), [created.id]);
    const got = await client.callEndpoint(`/api/v2/campaigns/${created.id}`);
    assert.equal(got.id, created.id);

    const reqs = await fake.requests("/api/v2/campaigns*");
    assert.deepEqual(
      reqs.map((r) => [r.method, r.path]),
      [
        ["POST", "/api/v2/campaigns"],
        ["GET", "/api/v2/campaigns"],
        ["GET", `/api/v2/campaigns/${created.id}`],
      ],
    );
    assert.deepEqual(reqs[1].query, { limit: "1", search: "raw" });
    assert.equal(reqs[1].headers["content-type"], undefined);

    // The answer comes back as the API's JSON, unchanged: what a plain fetch of the route decodes.
    const types = await client.callEndpoint("/webhooks/event-types");
    const direct = await fetch(`${fake.url}/api/v2/webhooks/event-types`, { headers: { authorization: `Bearer ${fake.key}` } });
    assert.deepEqual(types, await direct.json());
    assert.deepEqual(
      types.event_types.find((t) => t.id === "email_link_clicked"),
      { id: "email_link_clicked", label: "Email Link Clicked", type: "standard" },
    );

    const e = await rejection(client.callEndpoint("/campaigns/00000000-0000-0000-0000-000000000000"));
    assert.equal(e.name, "NotFoundError");
    assert.equal(e.path, "/api/v2/campaigns/00000000-0000-0000-0000-000000000000");
  });

  test("an answer that is not JSON is a DecodeError carrying the text; an empty answer is null", async () => {
    const route = "/api/v2/webhooks/event-types";
    await fake.fault({ path: route, fault: { type: "malformed" } });
    const e = await rejection(client.callEndpoint("/webhooks/event-types"));
    assert.equal(e.name, "DecodeError");
    assert.match(e.message, /^could not decode the answer of callEndpoint: the body is not JSON/);
    assert.equal(e.path, route);
    assert.equal(e.status, 200);
    assert.equal(typeof e.body, "string");
    assert.ok(e.body.length > 0);
    for (const body of ["", " \n"]) {
      await fake.fault({ path: route, fault: { type: "status", status: 200, body } });
      assert.equal(await client.callEndpoint("/webhooks/event-types"), null, JSON.stringify(body));
    }
  });

  test("rejects URLs, queries in the path, traversal and unknown methods locally", async () => {
    for (const [path, opts] of [
      ["https://evil.example/api/v2/campaigns", undefined],
      ["//evil.example/x", undefined],
      ["/campaigns?limit=1", undefined],
      ["/campaigns/../leads", undefined],
      ["", undefined],
      ["/campaigns", { method: "BREW" }],
      ["/campaigns", { methd: "GET" }],
    ]) {
      const e = await rejection(client.callEndpoint(path, opts));
      assert.equal(e.name, "ValidationError", `${path}: ${e.message}`);
    }
    assert.deepEqual(await fake.requests(), []);
  });
});
