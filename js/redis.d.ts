/**
 * `instantly-wasm/redis`: a rate-limit coordinator backed by Redis, so a fleet of Node processes
 * shares one Instantly budget: `rateLimit: { shared: redisCoordinator(redis) }`. Each lease is one
 * atomic Lua script on Redis' own clock. Takes your connected client; imports none.
 *
 * @packageDocumentation
 */
import type { RateLimitCoordinator } from "./instantly_wasm.js";

/** A connected node-redis (v4/v5) client, or an ioredis client. */
export type RedisClientLike =
  | { sendCommand(args: string[]): Promise<unknown> }
  | { call(command: string, ...args: string[]): Promise<unknown> };

/** Options of {@link redisCoordinator}. */
export interface RedisCoordinatorOptions {
  /** Key prefix (default `"instantly-rate"`). */
  prefix?: string;
}

/** A coordinator sharing one rate budget through Redis. */
export declare function redisCoordinator(redis: RedisClientLike, options?: RedisCoordinatorOptions): RateLimitCoordinator;
