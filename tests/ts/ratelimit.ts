// Types of the shared rate budget (issue 10): coordinators, the Durable Object class and the
// Redis coordinator, type-checked under every resolution mode. Lines marked `@ts-expect-error`
// must stay errors.

import {
  type DurableObjectNamespaceLike,
  type Lease,
  type LeaseRequest,
  type RateLimitCoordinator,
  type RateLimitFeedback,
  InstantlyClient,
} from "instantly-wasm";
import { InstantlyRateLimiter } from "instantly-wasm/rate-limiter";
import { type RedisClientLike, type RedisCoordinatorOptions, redisCoordinator } from "instantly-wasm/redis";

const seen: RateLimitFeedback[] = [];
const coordinator: RateLimitCoordinator = {
  lease(request: LeaseRequest): Lease {
    const paced = request.windows.filter((w) => w.paced).length;
    return { slotsMs: Array.from({ length: Math.min(request.want, 1 + paced) }, (_, i) => i * 10), ttlMs: 50 };
  },
  async feedback(event: RateLimitFeedback) {
    seen.push(event);
  },
};
export const withCoordinator = new InstantlyClient({ apiKey: "k", rateLimit: { shared: coordinator, perSecond: 50 } });
export const alone = new InstantlyClient({ apiKey: "k", rateLimit: { shared: false, perSecond: 200 } });

declare const namespace: DurableObjectNamespaceLike;
export const withDurableObject = new InstantlyClient({ apiKey: "k", rateLimit: { shared: namespace } });
export const limiter: InstantlyRateLimiter = new InstantlyRateLimiter({}, {});
export const answer: Promise<Response> = limiter.fetch(new Request("https://instantly-rate-limiter/lease", { method: "POST", body: "{}" }));

declare const redis: RedisClientLike;
const options: RedisCoordinatorOptions = { prefix: "my-app" };
export const viaRedis = new InstantlyClient({ apiKey: "k", rateLimit: { shared: redisCoordinator(redis, options) } });

// @ts-expect-error a coordinator needs lease()
export const broken = new InstantlyClient({ apiKey: "k", rateLimit: { shared: { feedback() {} } } });
