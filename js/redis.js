// `instantly-wasm/redis`: a rate-limit coordinator backed by Redis, for a fleet of Node processes
// sharing one workspace. Pass it as `rateLimit: { shared: redisCoordinator(redis) }`.
//
// Each lease is one Lua script (atomic in Redis), running the grant algorithm of
// `ratelimit::shared::Budgets` (src/ratelimit/shared.rs) on Redis' own clock (`TIME`), so the
// processes' clocks need not agree. Keys: `<prefix>:{<workspace>}` (slow-down state, a hash) and
// `<prefix>:{<workspace>}:<lane>:*` (pacing and window logs); the hash tag keeps a workspace's
// keys in one Redis Cluster slot, and every key expires when idle. The workspace is a hash of the
// API key, never the key. This module imports no Redis client: it takes yours (node-redis v4/v5,
// whose `sendCommand` it uses, or ioredis, whose `call` it uses).

const TTL_MS = 50;
const LEASE_AHEAD_MS = 250;
const MAX_AHEAD_MS = 10_000;
const PACED_SHARE = 0.92;
const MAX_BATCH = 25;

const LEASE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local want = tonumber(ARGV[1])
local pacedBase = tonumber(ARGV[2])
local ttl = tonumber(ARGV[3])
local ahead = tonumber(ARGV[4])
local share = tonumber(ARGV[5])
local nwin = #KEYS - 2
local ws = redis.call('HMGET', KEYS[1], 'pause', 'floor', 'since')
local pause = tonumber(ws[1]) or 0
if pause > now then return { tostring(pause - now) } end
local floor = tonumber(ws[2]) or 1
local since = tonumber(ws[3]) or 0
local factor = 1
if floor < 1 then factor = math.min(1, floor + math.max(0, now - since) / 30000 * (1 - floor)) end
local tat = tonumber(redis.call('GET', KEYS[2]) or '0') or 0
for i = 1, nwin do
  local horizon = tonumber(ARGV[6 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', KEYS[2 + i], '-inf', tostring(now - horizon))
end
local out = { '0' }
local retry = -1
while #out - 1 < want do
  local at = now
  if pacedBase > 0 and tat > at then at = tat end
  for i = 1, nwin do
    local limit = tonumber(ARGV[5 + 2 * i])
    local horizon = tonumber(ARGV[6 + 2 * i])
    local count = redis.call('ZCARD', KEYS[2 + i])
    if count >= limit then
      local e = redis.call('ZRANGE', KEYS[2 + i], count - limit, count - limit, 'WITHSCORES')
      local free = tonumber(e[2]) + horizon
      if free > at then at = free end
    end
  end
  local reach = ahead
  if #out == 1 then reach = tonumber(ARGV[6]) end
  if at > now + reach then
    retry = at - now - tonumber(ARGV[6])
    break
  end
  if pacedBase > 0 then tat = at + pacedBase / (factor * share) end
  for i = 1, nwin do
    local seq = redis.call('INCR', KEYS[2] .. ':seq')
    redis.call('ZADD', KEYS[2 + i], at, tostring(seq))
    redis.call('PEXPIRE', KEYS[2 + i], math.ceil(tonumber(ARGV[6 + 2 * i])) + 1000)
  end
  out[#out + 1] = tostring(at - now)
end
if pacedBase > 0 then redis.call('SET', KEYS[2], tostring(tat), 'PX', 60000) end
redis.call('PEXPIRE', KEYS[2] .. ':seq', 86400000)
if #out == 1 then out[1] = tostring(math.max(1, math.min(60000, retry))) end
return out
`;

const FEEDBACK = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local retry = math.max(0, math.min(60000, tonumber(ARGV[1]) or 0))
local ws = redis.call('HMGET', KEYS[1], 'pause', 'floor', 'since')
local pause = tonumber(ws[1]) or 0
local floor = tonumber(ws[2]) or 1
local since = tonumber(ws[3]) or 0
local factor = 1
if floor < 1 then factor = math.min(1, floor + math.max(0, now - since) / 30000 * (1 - floor)) end
redis.call('HSET', KEYS[1], 'pause', tostring(math.max(pause, now + retry)),
  'floor', tostring(math.max(0.125, factor / 2)), 'since', tostring(now))
redis.call('PEXPIRE', KEYS[1], 120000)
return 1
`;

function command(redis, args) {
  if (typeof redis?.sendCommand === "function") return redis.sendCommand(args);
  if (typeof redis?.call === "function") return redis.call(...args);
  throw new TypeError("redisCoordinator needs a node-redis client (sendCommand) or an ioredis client (call)");
}

const finite = (x, d) => (typeof x === "number" && Number.isFinite(x) ? x : d);

/**
 * A coordinator sharing one rate budget through Redis.
 * @param {object} redis a connected node-redis (v4/v5) or ioredis client
 * @param {{ prefix?: string }} [options] key prefix (default `"instantly-rate"`)
 */
export function redisCoordinator(redis, { prefix = "instantly-rate" } = {}) {
  const wsKey = (workspace) => `${prefix}:{${String(workspace)}}`;
  return {
    async lease(req) {
      const ws = wsKey(req.workspace);
      const lane = `${ws}:${String(req.lane)}`;
      const windows = Array.isArray(req.windows) ? req.windows : [];
      const paced = windows.filter((w) => w.paced);
      const counted = windows.filter((w) => !w.paced);
      const pacedBase = paced.reduce((s, w) => Math.max(s, finite(w.periodMs, 1000) / Math.max(1, finite(w.limit, 1))), 0);
      const keys = [ws, `${lane}:tat`, ...counted.map((_, i) => `${lane}:w${i}`)];
      const args = [
        Math.min(MAX_BATCH, Math.max(1, Math.floor(finite(req.want, 1)))),
        pacedBase,
        TTL_MS,
        LEASE_AHEAD_MS,
        PACED_SHARE,
        MAX_AHEAD_MS,
        ...counted.flatMap((w) => {
          const period = finite(w.periodMs, 60_000);
          return [Math.max(1, Math.floor(finite(w.limit, 1))), period + period / 50 + TTL_MS];
        }),
      ];
      const reply = await command(redis, ["EVAL", LEASE, String(keys.length), ...keys, ...args.map(String)]);
      const [retry, ...slots] = reply.map(Number);
      return { slotsMs: slots, ttlMs: TTL_MS, retryInMs: slots.length ? 0 : retry };
    },
    async feedback(ev) {
      await command(redis, ["EVAL", FEEDBACK, "1", wsKey(ev.workspace), String(finite(ev.retryInMs, 0))]);
    },
  };
}
