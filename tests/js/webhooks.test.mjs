// The JS side of the receiving API against the built package (node:test): body and header
// conversions, error codes and statuses, and the helper functions' return values.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import {
  parseWebhook,
  normalizeEventType,
  dedupeKey,
  interestStatusOf,
  isInstantlyError,
} from "instantly-wasm";

const fixture = (name) =>
  readFileSync(new URL(`../fixtures/webhooks/${name}.json`, import.meta.url), "utf8");
const SECRET = "whsec_7Yt2kQ9mP4xR8vL1";

function rejects(fn, code, status) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof Error, "a real Error");
    assert.ok(isInstantlyError(e), "isInstantlyError");
    assert.equal(e.code, code, e.message);
    assert.equal(e.status, status, e.message);
    return e;
  }
  assert.fail(`expected ${code}`);
}

test("string, Uint8Array, Buffer and ArrayBuffer bodies give the same event", () => {
  const text = fixture("reply_received");
  const bytes = new TextEncoder().encode(text);
  const events = [text, bytes, Buffer.from(text), bytes.buffer].map((b) => parseWebhook(b));
  for (const e of events) assert.deepEqual(e, events[0]);
  const e = events[0];
  assert.equal(e.event_type, "reply_received");
  assert.equal(e.step, 2);
  assert.equal(e.is_first, false);
  assert.equal(e.first_name, "Jane"); // extra lead fields stay at the top level
  assert.deepEqual(e, JSON.parse(text)); // the event has the payload's shape
  assert.equal(Object.getPrototypeOf(e), Object.prototype); // a plain object
});

test("the secret is read from a Headers object or a plain object, case-insensitively", () => {
  const body = fixture("lead_interested");
  for (const headers of [
    new Headers({ "X-Shared-Secret": SECRET }),
    { "x-shared-secret": SECRET },
    { "X-SHARED-SECRET": SECRET, host: "example.test", absent: undefined },
    { "x-shared-secret": [SECRET] },
    { get: (n) => (n === "x-shared-secret" ? SECRET : null) },
  ]) {
    assert.equal(parseWebhook(body, { headers, secret: SECRET }).event_type, "lead_interested");
  }
  const custom = { headers: { authorization: `Bearer ${SECRET}` }, secretHeader: "Authorization", secret: `Bearer ${SECRET}` };
  assert.equal(parseWebhook(body, custom).event_type, "lead_interested");
});

test("missing, wrong and repeated secrets are 401 webhook_unauthorized", () => {
  const body = fixture("lead_interested");
  for (const headers of [
    undefined,
    {},
    new Headers(),
    { "x-shared-secret": "wrong" },
    { "x-shared-secret": SECRET.slice(0, -1) + "X" },
    { "x-shared-secret": SECRET + SECRET },
    { "x-shared-secret": [SECRET, SECRET] },
    new Headers([["x-shared-secret", SECRET], ["x-shared-secret", SECRET]]),
  ]) {
    const e = rejects(() => parseWebhook(body, { headers, secret: SECRET }), "webhook_unauthorized", 401);
    assert.equal(e.name, "WebhookAuthError");
    assert.ok(!e.message.includes(SECRET), e.message);
  }
});

/**
 * `bytes` behind a Proxy that counts reads of its elements: copying a Uint8Array-like into wasm
 * memory reads every index, so `reads.bytes` tells whether the body was copied.
 */
function watchedBytes(bytes) {
  const reads = { bytes: 0 };
  const proxy = new Proxy(bytes, {
    get(target, prop) {
      if (typeof prop === "string" && /^\d+$/.test(prop)) reads.bytes++;
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { proxy, reads };
}

test("oversize bodies are 413 (262144 bytes by default, UTF-8 bytes for strings)", () => {
  const e = rejects(() => parseWebhook("x".repeat(262145)), "payload_too_large", 413);
  assert.equal(e.name, "PayloadTooLargeError");
  rejects(() => parseWebhook("x".repeat(262144)), "decode", 400); // at the limit: read, not JSON
  rejects(() => parseWebhook(new Uint8Array(11), { maxBytes: 10 }), "payload_too_large", 413);
  rejects(() => parseWebhook(new Uint8Array(10), { maxBytes: 10 }), "decode", 400);
  rejects(() => parseWebhook(new ArrayBuffer(11), { maxBytes: 10 }), "payload_too_large", 413);
  rejects(() => parseWebhook(new ArrayBuffer(10), { maxBytes: 10 }), "decode", 400);
  // Multi-byte characters count as UTF-8 bytes: 6 × "é" is 12 bytes.
  rejects(() => parseWebhook("é".repeat(6), { maxBytes: 10 }), "payload_too_large", 413);
  rejects(() => parseWebhook("é".repeat(5), { maxBytes: 10 }), "decode", 400);
});

test("an oversize Uint8Array is refused on its length: not one byte of it is read", () => {
  const body = new TextEncoder().encode(fixture("email_sent"));
  // The probe sees a copy: a body of exactly maxBytes is accepted, and all of it was read.
  const fits = watchedBytes(body);
  assert.equal(parseWebhook(fits.proxy, { maxBytes: body.length }).event_type, "email_sent");
  assert.equal(fits.reads.bytes, body.length);
  // One byte more: 413 without reading any.
  const over = watchedBytes(body);
  rejects(() => parseWebhook(over.proxy, { maxBytes: body.length - 1 }), "payload_too_large", 413);
  assert.equal(over.reads.bytes, 0);
});

test("bad payloads are 400 decode errors naming the field", () => {
  rejects(() => parseWebhook("{oops"), "decode", 400);
  rejects(() => parseWebhook("[]"), "decode", 400);
  const e = rejects(
    () => parseWebhook(JSON.stringify({ ...JSON.parse(fixture("email_sent")), step: "1" })),
    "decode",
    400,
  );
  assert.equal(e.field, "step");
});

test("bad options are validation errors without a status", () => {
  const body = fixture("email_sent");
  for (const [options, field] of [
    [{ secret: "" }, "secret"],
    [{ secretHeader: "x-token" }, "secretHeader"],
    [{ secrett: SECRET }, "secrett"],
    [{ maxBytes: -1 }, undefined],
    [{ headers: "x-shared-secret: s" }, "headers"],
    [{ headers: { "x-shared-secret": 5 } }, "headers.x-shared-secret"],
  ]) {
    const e = rejects(() => parseWebhook(body, options), "validation", undefined);
    if (field) assert.equal(e.field, field);
  }
  rejects(() => parseWebhook(42), "validation", undefined);
  rejects(() => parseWebhook(body, "secret"), "validation", undefined);
});

test("dedupeKey is the SHA-256 of the event's identifying fields as compact JSON, as node:crypto computes it", () => {
  // The wasm build hashes with sha2's compact rounds, the native build with the unrolled ones:
  // this pins the wasm's digest to an independent implementation, over inputs of one to many
  // 64-byte blocks.
  const expected = (e) =>
    createHash("sha256")
      .update(JSON.stringify(["instantly-webhook-v1", e.event_type, e.timestamp, e.workspace,
        e.campaign_id ?? null, e.lead_email ?? null, e.email_id ?? null, e.step ?? null, e.variant ?? null]))
      .digest("hex");
  const reply = JSON.parse(fixture("reply_received"));
  const bare = { event_type: "x", timestamp: "t", workspace: "w" };
  const long = { ...reply, lead_email: `${"a".repeat(1000)}@acme.test`, step: 1234567 };
  for (const e of [reply, bare, long]) assert.equal(dedupeKey(e), expected(e));
});

test("custom labels decode and keep their raw name", () => {
  const e = parseWebhook(fixture("custom_label"));
  assert.equal(e.event_type, "Hot Lead");
  assert.equal(interestStatusOf(e), undefined);
  assert.deepEqual(normalizeEventType(e.event_type), { payload: "Hot Lead", subscription: null, known: false });
});

test("helpers: dedupeKey, interestStatusOf, normalizeEventType", () => {
  const a = parseWebhook(fixture("reply_received"));
  const key = dedupeKey(a);
  assert.match(key, /^[0-9a-f]{64}$/);
  assert.equal(dedupeKey(JSON.parse(fixture("reply_received"))), key); // raw payloads work too
  assert.equal(dedupeKey({ ...a, first_name: "Janet" }), key);
  assert.notEqual(dedupeKey({ ...a, timestamp: "2026-08-13T11:12:15.000Z" }), key);
  assert.equal(interestStatusOf(parseWebhook(fixture("lead_interested"))), 1);
  assert.equal(interestStatusOf(parseWebhook(fixture("lead_closed"))), 4);
  assert.equal(interestStatusOf(parseWebhook(fixture("lead_wrong_person"))), -2);
  assert.equal(interestStatusOf(parseWebhook(fixture("lead_neutral"))), null);
  assert.equal(interestStatusOf(a), undefined);
  assert.deepEqual(normalizeEventType("email_link_clicked"), { payload: "link_clicked", subscription: "email_link_clicked", known: true });
  assert.deepEqual(normalizeEventType("auto_reply_received"), { payload: "auto_reply_received", subscription: null, known: true });
  assert.deepEqual(normalizeEventType("all_events"), { payload: null, subscription: "all_events", known: true });
  rejects(() => dedupeKey({ event_type: "x" }), "decode", 400);
});
