// The stubbed answers of the in-process benchmarks (bench/decode-gc.mjs, bench/ab.mjs,
// bench/import.mjs): a page of `n` leads of ~1 KiB each, in the shape `leads.list` answers, and
// bulk adds answered at once.

const ID = (i) => `0190b5a0-0000-7000-8000-${String(i).padStart(12, "0")}`;

/** The list the page's leads are in. */
export const LIST = ID(100_000);

/** The page's JSON bytes. */
export function leadPage(n) {
  const items = Array.from({ length: n }, (_, i) => ({
    id: ID(i),
    email: `page${i}@example.com`,
    first_name: `P${i}`,
    company_name: "Page Co",
    timestamp_created: "2026-01-01T00:00:00.000Z",
    payload: { note: "x".repeat(200) },
    status: 1,
    list_id: LIST,
    notes: "y".repeat(600),
  }));
  return new TextEncoder().encode(JSON.stringify({ items, next_starting_after: ID(99) }));
}

/** Makes the global fetch answer every request with `bytes` as a JSON 200. */
export function stubFetch(bytes) {
  globalThis.fetch = async () => new Response(bytes, { status: 200, headers: { "content-type": "application/json" } });
}

/** `n` leads for an import: the fields of a typical CSV row plus two custom variables. */
export function importLeads(n) {
  return Array.from({ length: n }, (_, i) => ({
    email: `lead${i}@example.com`,
    first_name: `First${i}`,
    last_name: `Last${i}`,
    company_name: `Company ${i % 500}`,
    website: `https://company${i % 500}.example.com`,
    personalization: "Saw your post about outbound at scale",
    custom_variables: { plan: i % 3 ? "pro" : "free", seats: i % 40 },
  }));
}

/** Makes the global fetch answer every `POST /leads/add` at once: each lead of the request
 * created, with the counters `leads.import` reads. Returns the count of requests answered. */
export function stubBulkAdd() {
  const seen = { requests: 0 };
  globalThis.fetch = async (_url, init) => {
    seen.requests++;
    const sent = JSON.parse(init.body).leads;
    const created_leads = sent.map((lead, index) => ({ index, id: ID(index), email: lead.email }));
    const answer = { status: "success", leads_uploaded: sent.length, duplicated_leads: 0, in_blocklist: 0, skipped_count: 0, created_leads };
    return new Response(JSON.stringify(answer), { status: 200, headers: { "content-type": "application/json" } });
  };
  return seen;
}
