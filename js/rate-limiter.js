// `InstantlyRateLimiter`: a Cloudflare Durable Object that shares one Instantly rate budget
// between every isolate and Worker bound to it. Plain JS, no wasm: the client (in any Worker)
// calls `idFromName(<workspace hash>)` and POSTs lease requests to `/lease` and 429 reports to
// `/feedback`; the grant algorithm is `RateBudgets` (js/rate-budget.js). One object serves one
// workspace, so the budget lives in its memory; when the object is evicted after being idle,
// its windows were idle too.
import { RateBudgets } from "./rate-budget.js";

const json = (body, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** The Durable Object class: re-export it from your Worker and bind it in wrangler.toml. */
export class InstantlyRateLimiter {
  #budgets = new RateBudgets();

  constructor(state, env) {
    this.state = state;
    this.env = env;
  }

  /** `POST /lease` → a `Lease`; `POST /feedback` → 204. */
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (request.method !== "POST") return json({ error: "use POST" }, 405);
    let body;
    try {
      body = await request.json();
    } catch {
      return json({ error: "the body is not JSON" }, 400);
    }
    if (pathname === "/lease") return json(this.#budgets.lease(body, Date.now()));
    if (pathname === "/feedback") {
      this.#budgets.feedback(body, Date.now());
      return new Response(null, { status: 204 });
    }
    return json({ error: `no route ${pathname}` }, 404);
  }
}
