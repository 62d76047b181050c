// The baseline for per-call overhead: the same request `leads.list` makes, written with plain
// `fetch` + `JSON.parse`, no client.

/** POST /api/v2/leads/list with `body`, parsed. */
export async function plainLeadsList(baseUrl, apiKey, body) {
  const res = await fetch(`${baseUrl}/api/v2/leads/list`, {
    method: "POST",
    headers: {
      accept: "application/json",
      authorization: `Bearer ${apiKey}`,
      "content-type": "application/json",
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text);
}
