// The page of leads the decode benchmarks answer with a stubbed global fetch (bench/decode-gc.mjs,
// bench/ab.mjs): `n` leads of ~1 KiB each, in the shape `leads.list` answers.

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
