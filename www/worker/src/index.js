// A Cloudflare Worker built on instantly-wasm. It does two jobs:
//
// 1. API proxy for a web app. The browser uses the same package with
//    `new InstantlyClient({ baseUrl: "https://<this worker>" })` and no key; this Worker holds the
//    key (the INSTANTLY_API_KEY secret) and forwards only an allowlist of read operations, each
//    through the typed client, so bad input is a 400 ValidationError before anything is sent.
//    Other /api/v2 routes answer 403, anything else 404 (JSON bodies).
//
// 2. Webhook receiver at POST /webhooks/instantly. Instantly does not sign deliveries: the
//    subscription carries a shared-secret header (created with client.webhooks.create({ headers }))
//    and parseWebhook checks it in constant time (missing or wrong → 401), caps the body (413)
//    and validates the JSON (400). Each event is processed once: its dedupeKey is remembered in
//    the DEDUPE KV namespace when bound, else in the Cache API (per data centre), else in memory
//    (per isolate only: a fallback, not a guarantee). None of these is atomic, so two deliveries
//    racing within milliseconds can both pass; use a Durable Object if that matters.
//    Rule applied: a human reply (`reply_received`; auto-replies arrive as `auto_reply_received`
//    and are ignored) marks the lead Interested, unless the lead already has an interest status
//    (a reply never overrides a triage decision). The answer (200) goes out at once; the API call
//    runs in ctx.waitUntil.
//
// 3. CSV import at POST /import?list_id=<uuid>: the request body is a CSV file (header names map
//    to lead fields, other columns become custom variables, as `parseLeadsCsv` reads them); it
//    streams into the list through `leads.import`, and the answer is the import's report: how
//    many were created, already there, rejected (with the reason, and the line for a row that
//    could not be read) and failed. Protected by the same shared secret header as the webhooks.
//
// Every client here shares one rate budget: with the INSTANTLY_RATE_LIMITER Durable Object bound
// (the class is re-exported below), across every isolate and every Worker bound to it; without
// it, across the clients of this isolate (a client per request is still one budget).
//
// Bindings: INSTANTLY_API_KEY (secret), WEBHOOK_SECRET (secret; without it every delivery gets
// 500, never an unchecked pass), INSTANTLY_BASE_URL (var, optional: e.g. fake-instantly in
// tests), WEBHOOK_SECRET_HEADER (var, optional: parseWebhook's default is "x-shared-secret"),
// ALLOWED_ORIGIN (var, optional: CORS for the web app), DEDUPE (KV), INSTANTLY_RATE_LIMITER
// (Durable Object namespace of InstantlyRateLimiter, optional).
import { InstantlyClient, LeadInterestStatus, dedupeKey, isInstantlyError, parseWebhook } from "instantly-wasm";

// The Durable Object class that shares the rate budget (bound in wrangler.toml).
export { InstantlyRateLimiter } from "instantly-wasm";

const MAX_WEBHOOK_BYTES = 64 * 1024;
const DEDUPE_TTL_SECONDS = 7 * 24 * 3600;

/** Allowlisted operations: method, route pattern, and the typed call that serves it. */
const ROUTES = [
  ["GET", /^\/api\/v2\/campaigns$/, (c, { query }) => c.campaigns.list(query(["limit", "status", "exclude_status"]))],
  ["GET", /^\/api\/v2\/campaigns\/analytics$/, (c, { query }) => c.analytics.campaigns(query([], ["ids"]))],
  ["GET", /^\/api\/v2\/campaigns\/analytics\/daily$/, (c, { query }) => c.analytics.daily(query(["campaign_status"]))],
  ["GET", /^\/api\/v2\/campaigns\/([^/]+)$/, (c, { match }) => c.campaigns.get(decodeURIComponent(match[1]))],
  ["POST", /^\/api\/v2\/leads\/list$/, async (c, { request }) => c.leads.list(await request.json())],
];

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (request.method === "OPTIONS") return cors(new Response(null, { status: 204 }), env);
    if (url.pathname === "/webhooks/instantly") {
      if (request.method !== "POST") return json(405, { error: "use POST" });
      return receiveWebhook(request, env, ctx);
    }
    if (url.pathname === "/import") {
      if (request.method !== "POST") return json(405, { error: "use POST" });
      return importCsv(request, url, env);
    }
    return cors(await proxy(request, url, env), env);
  },
};

function client(env) {
  return new InstantlyClient({
    apiKey: env.INSTANTLY_API_KEY,
    baseUrl: env.INSTANTLY_BASE_URL || undefined,
    rateLimit: env.INSTANTLY_RATE_LIMITER ? { shared: env.INSTANTLY_RATE_LIMITER } : undefined,
  });
}

/** Compares two secrets in constant time (over their SHA-256, so lengths do not show). */
async function sameSecret(given, secret) {
  const bytes = new TextEncoder();
  const [a, b] = await Promise.all([given, secret].map((s) => crypto.subtle.digest("SHA-256", bytes.encode(s))));
  return crypto.subtle.timingSafeEqual(a, b);
}

/** POST /import?list_id=<uuid>, body: CSV text → the import's report, one entry per problem. */
async function importCsv(request, url, env) {
  if (!env.WEBHOOK_SECRET) return json(500, { error: "WEBHOOK_SECRET is not configured" });
  const header = env.WEBHOOK_SECRET_HEADER || "x-shared-secret";
  if (!(await sameSecret(request.headers.get(header) ?? "", env.WEBHOOK_SECRET))) return json(401, { error: "unauthorized" });
  const listId = url.searchParams.get("list_id");
  if (!listId) return json(400, { error: "list_id is required" });
  try {
    // The body streams into the import: rows are read as chunks are sent, so a file of any size
    // fits in a Worker's memory.
    const report = await client(env).leads.import(request.body ?? [], { list_id: listId, report: "summary" });
    const row = (index) => index + 1; // the n-th data row of the file
    return json(200, {
      rows: report.total,
      created: report.counts.created,
      already_there: report.counts.not_created,
      rejected: report.rejected.map((r) => ({ row: row(r.index), reason: r.reason })),
      failed: report.failed.map((f) => ({ row: row(f.index), code: f.error.code })),
      ...(report.interrupted ? { interrupted: report.interrupted.message } : {}),
    });
  } catch (err) {
    return errorResponse(err);
  }
}

async function proxy(request, url, env) {
  for (const [method, pattern, call] of ROUTES) {
    const match = url.pathname.match(pattern);
    if (!match || request.method !== method) continue;
    try {
      return json(200, await call(client(env), { request, match, query: (n, a) => queryParams(url, n, a) }));
    } catch (err) {
      return errorResponse(err);
    }
  }
  if (url.pathname.startsWith("/api/v2/")) {
    return json(403, { statusCode: 403, error: "Forbidden", message: `${request.method} ${url.pathname} is not allowed through this proxy` });
  }
  return json(404, { statusCode: 404, error: "Not Found", message: "no such route" });
}

/** Query string → params object: `numeric` keys become numbers, `arrays` keys collect repeats. */
function queryParams(url, numeric = [], arrays = []) {
  const out = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key).map((v) => (numeric.includes(key) && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : v));
    out[key] = arrays.includes(key) ? values : values[values.length - 1];
  }
  return out;
}

/** An error of the client → the status it carries (400 for bad input, 502 when unreachable). */
function errorResponse(err) {
  if (err instanceof SyntaxError) return json(400, { statusCode: 400, error: "BadRequest", message: "request body must be JSON" });
  if (!isInstantlyError(err)) throw err;
  const status = err.status ?? (err.code === "validation" ? 400 : err.code === "timeout" ? 504 : 502);
  return json(status, { statusCode: status, error: err.name, code: err.code, message: err.message, field: err.field });
}

async function receiveWebhook(request, env, ctx) {
  if (!env.WEBHOOK_SECRET) return json(500, { error: "WEBHOOK_SECRET is not configured" });
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_WEBHOOK_BYTES) return json(413, { error: "payload too large" });
  let event;
  try {
    event = parseWebhook(new Uint8Array(await request.arrayBuffer()), {
      headers: request.headers,
      secretHeader: env.WEBHOOK_SECRET_HEADER || undefined,
      secret: env.WEBHOOK_SECRET,
      maxBytes: MAX_WEBHOOK_BYTES,
    });
  } catch (err) {
    // 401 bad or missing secret, 413 too large, 400 bad payload; no status: bad options (500).
    const status = (isInstantlyError(err) && err.status) || 500;
    return json(status, { error: isInstantlyError(err) ? err.code : "error", message: err.message });
  }
  const key = dedupeKey(event);
  if (await seen(env, key)) return json(200, { ok: true, duplicate: true });
  await remember(env, key);
  if (event.event_type === "reply_received" && event.lead_email) {
    ctx.waitUntil(markInterested(env, event).catch((err) => console.error(`webhook follow-up failed: ${err.name}: ${err.message}`)));
  }
  return json(200, { ok: true, event_type: event.event_type });
}

/** The rule: a human reply marks an untriaged lead Interested in the event's campaign. */
async function markInterested(env, event) {
  const c = client(env);
  const page = await c.leads.list({ contacts: [event.lead_email], campaign: event.campaign_id, limit: 1 });
  const lead = page.items[0];
  if (lead && lead.lt_interest_status != null) return;
  await c.leads.updateInterestStatus({
    lead_email: event.lead_email,
    interest_value: LeadInterestStatus.Interested,
    campaign_id: event.campaign_id,
  });
}

const memory = new Set(); // last resort, per isolate
const cacheUrl = (key) => `https://webhook-dedupe.invalid/${encodeURIComponent(key)}`;

async function seen(env, key) {
  if (env.DEDUPE) return (await env.DEDUPE.get(key)) !== null;
  if (globalThis.caches?.default) return (await caches.default.match(cacheUrl(key))) !== undefined;
  return memory.has(key);
}

async function remember(env, key) {
  if (env.DEDUPE) return env.DEDUPE.put(key, "1", { expirationTtl: DEDUPE_TTL_SECONDS });
  if (globalThis.caches?.default) {
    return caches.default.put(cacheUrl(key), new Response("1", { headers: { "cache-control": `max-age=${DEDUPE_TTL_SECONDS}` } }));
  }
  memory.add(key);
}

function json(status, value) {
  return new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json" } });
}

function cors(response, env) {
  if (!env.ALLOWED_ORIGIN) return response;
  const headers = new Headers(response.headers);
  headers.set("access-control-allow-origin", env.ALLOWED_ORIGIN);
  headers.set("access-control-allow-methods", "GET, POST, OPTIONS");
  headers.set("access-control-allow-headers", "content-type");
  headers.set("vary", "origin");
  return new Response(response.body, { status: response.status, headers });
}
