// Shared inputs and small assertions for the JS suites.

import assert from "node:assert/strict";
import { InstantlyClient, isInstantlyError } from "instantly-wasm";

/** A schedule the API accepts (the time zone is from the spec's closed list). */
export function schedule() {
  return {
    schedules: [
      {
        name: "Weekdays",
        timing: { from: "09:00", to: "17:00" },
        days: { 1: true, 2: true, 3: true, 4: true, 5: true },
        timezone: "America/Chicago",
      },
    ],
  };
}

/** Valid `campaigns.create` params. */
export function campaignParams(name = "Q1 Outreach") {
  return { name, campaign_schedule: schedule() };
}

/**
 * A client for `fake` that does not retry (`maxRetries: 0`): an error status or an injected
 * fault reaches the test on the first attempt, with no backoff wait. `options` override it
 * (tests of retries pass their own `maxRetries`).
 */
export function clientFor(fake, options = {}) {
  return new InstantlyClient({ apiKey: fake.key, baseUrl: fake.url, maxRetries: 0, ...options });
}

/** Awaits `promise`, asserts it rejected with an InstantlyError, and returns the error. */
export async function rejection(promise) {
  let error;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  assert.ok(error !== undefined, "expected the call to reject");
  assert.ok(error instanceof Error, `expected an Error, got ${String(error)}`);
  assert.ok(isInstantlyError(error), `expected an InstantlyError, got ${error.name}: ${error.message}`);
  return error;
}

/** Runs `fn`, asserts it threw an InstantlyError synchronously, and returns the error. */
export function thrown(fn) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error !== undefined, "expected the call to throw");
  assert.ok(isInstantlyError(error), `expected an InstantlyError, got ${String(error)}`);
  return error;
}

