// The grant algorithm of a rate-limit coordinator, in plain JS (no wasm): the same as the Rust
// reference `ratelimit::shared::Budgets` (src/ratelimit/shared.rs), which documents it. The
// limits come with each lease request (the client sends the documented limits of the lane), so
// nothing here repeats them.

const MAX_BATCH = 25;
const LEASE_AHEAD_MS = 250;
const MAX_AHEAD_MS = 10_000;
const TTL_MS = 50;
const PACED_SHARE = 0.92;
const RECOVERY_MS = 30_000;
const MIN_FACTOR = 0.125;
const MAX_LOG = 1_000_000;

const finite = (x, d) => (typeof x === "number" && Number.isFinite(x) ? x : d);

/** Budgets per (workspace, lane) and slow-down state per workspace, in memory. */
export class RateBudgets {
  #lanes = new Map();
  #workspaces = new Map();

  #workspace(name) {
    let ws = this.#workspaces.get(name);
    if (!ws) {
      ws = { pauseUntil: -Infinity, slowFloor: 1, slowSince: 0 };
      this.#workspaces.set(name, ws);
    }
    return ws;
  }

  static #factor(ws, now) {
    if (ws.slowFloor >= 1) return 1;
    const recovered = Math.max(0, now - ws.slowSince) / RECOVERY_MS;
    return Math.min(1, ws.slowFloor + recovered * (1 - ws.slowFloor));
  }

  /**
   * Grants slots for `req` (`{ workspace, lane, want, windows }`) at `now` (ms).
   * @returns {{ slotsMs: number[], ttlMs: number, retryInMs: number }}
   */
  lease(req, now) {
    const workspace = String(req?.workspace ?? "");
    const laneName = String(req?.lane ?? "");
    const windows = Array.isArray(req?.windows)
      ? req.windows
          .map((w) => ({ limit: Math.max(1, Math.floor(finite(w?.limit, 1))), periodMs: Math.max(1, finite(w?.periodMs, 1000)), paced: w?.paced === true }))
          .slice(0, 8)
      : [];
    const want = Math.min(MAX_BATCH, Math.max(1, Math.floor(finite(req?.want, 1))));
    const ws = this.#workspace(workspace);
    if (ws.pauseUntil > now) return { slotsMs: [], ttlMs: TTL_MS, retryInMs: ws.pauseUntil - now };
    const factor = RateBudgets.#factor(ws, now);
    const key = `${workspace}\u0000${laneName}`;
    let lane = this.#lanes.get(key);
    if (!lane) {
      lane = { tat: -Infinity, logs: [] };
      this.#lanes.set(key, lane);
    }
    const counted = windows.filter((w) => !w.paced);
    const paced = windows.filter((w) => w.paced);
    while (lane.logs.length < counted.length) lane.logs.push([]);
    const slots = [];
    let retry = Infinity;
    while (slots.length < want) {
      let at = now;
      if (paced.length) at = Math.max(at, lane.tat);
      counted.forEach((w, i) => {
        const log = lane.logs[i];
        const horizon = w.periodMs + w.periodMs / 50 + TTL_MS;
        let drop = 0;
        while (drop < log.length && now - log[drop] >= horizon) drop++;
        if (drop) log.splice(0, drop);
        if (log.length >= w.limit) at = Math.max(at, log[log.length - w.limit] + horizon);
      });
      // The first slot may lie up to MAX_AHEAD_MS ahead (a place in line), the rest of a batch
      // at most LEASE_AHEAD_MS.
      if (at > now + (slots.length ? LEASE_AHEAD_MS : MAX_AHEAD_MS)) {
        retry = Math.min(retry, at - now - MAX_AHEAD_MS);
        break;
      }
      const spacing = paced.reduce((s, w) => Math.max(s, w.periodMs / (w.limit * factor * PACED_SHARE)), 0);
      lane.tat = at + spacing;
      for (const log of lane.logs) {
        log.push(at);
        if (log.length > MAX_LOG) log.shift();
      }
      slots.push(at - now);
    }
    return {
      slotsMs: slots,
      ttlMs: TTL_MS,
      retryInMs: slots.length ? 0 : Math.min(60_000, Math.max(1, retry)),
    };
  }

  /** Applies a reported 429 (`{ workspace, retryInMs }`) at `now`. */
  feedback(ev, now) {
    const ws = this.#workspace(String(ev?.workspace ?? ""));
    const retry = Math.min(60_000, Math.max(0, finite(ev?.retryInMs, 0)));
    ws.pauseUntil = Math.max(ws.pauseUntil, now + retry);
    ws.slowFloor = Math.max(MIN_FACTOR, RateBudgets.#factor(ws, now) / 2);
    ws.slowSince = now;
  }
}

/**
 * An in-process coordinator over {@link RateBudgets} (one process, several realms or clients
 * that should share exactly one budget; mostly for tests).
 */
export function memoryCoordinator(budgets = new RateBudgets(), now = () => Date.now()) {
  return {
    lease: (req) => budgets.lease(req, now()),
    feedback: (ev) => budgets.feedback(ev, now()),
  };
}
