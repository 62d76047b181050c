// A TypeScript consumer of every public method and type of `instantly-wasm`, type-checked
// (never run) with `tsc -p tests/ts` under strict settings. Lines marked `@ts-expect-error` must
// stay errors: they prove the declarations reject typos and wrong types.

import {
  type CallEndpointOptions,
  type Campaign,
  type CampaignCreateParams,
  type CampaignDuplicateParams,
  type CampaignListParams,
  type CampaignPage,
  type CampaignSchedule,
  type CampaignUpdateParams,
  type InstantlyClientOptions,
  type InstantlyError,
  type InstantlyErrorCode,
  type InstantlyErrorName,
  type Schedule,
  type Sequence,
  type SequenceStep,
  type SequenceVariant,
  type Timing,
  CampaignStatus,
  CampaignsApi,
  InstantlyClient,
  LeadInterestStatus,
  LeadStatus,
  isInstantlyError,
  scheduleTimezones,
} from "instantly-wasm";

/** Compile-time equality: `Expect<Equal<A, B>>` fails unless A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;
/** True when T is `any`. */
type IsAny<T> = 0 extends 1 & T ? true : false;

// The API's closed time zone list, for pickers.
export const zones: string[] = scheduleTimezones();

// The results are precise types, never `any`.
export type Checks = [
  Expect<Equal<ReturnType<CampaignsApi["create"]>, Promise<Campaign>>>,
  Expect<Equal<ReturnType<CampaignsApi["list"]>, Promise<CampaignPage>>>,
  Expect<Equal<ReturnType<CampaignsApi["get"]>, Promise<Campaign>>>,
  Expect<Equal<ReturnType<CampaignsApi["update"]>, Promise<Campaign>>>,
  Expect<Equal<ReturnType<CampaignsApi["delete"]>, Promise<Campaign>>>,
  Expect<Equal<ReturnType<CampaignsApi["activate"]>, Promise<Campaign>>>,
  Expect<Equal<ReturnType<CampaignsApi["pause"]>, Promise<Campaign>>>,
  Expect<Equal<ReturnType<CampaignsApi["duplicate"]>, Promise<Campaign>>>,
  Expect<Equal<ReturnType<InstantlyClient["callEndpoint"]>, Promise<unknown>>>,
  Expect<Equal<IsAny<Campaign["status"]>, false>>,
  Expect<Equal<IsAny<InstantlyError["body"]>, false>>,
  Expect<Equal<CampaignPage["items"], Campaign[]>>,
  Expect<Equal<InstantlyError["code"], InstantlyErrorCode>>,
  Expect<Equal<InstantlyError["name"], InstantlyErrorName>>,
];

const timing: Timing = { from: "09:00", to: "17:00" };
const weekdays: Schedule = {
  name: "Weekdays",
  timing,
  days: { "1": true, "2": true, "3": true, "4": true, "5": true },
  timezone: "America/Chicago",
};
const schedule: CampaignSchedule = { start_date: "2026-12-01", schedules: [weekdays] };
const variant: SequenceVariant = { subject: "Hi {{firstName}}", body: "Hello<br/>there" };
const step: SequenceStep = { type: "email", delay: 2, delay_unit: "days", variants: [variant] };
const sequence: Sequence = { steps: [step] };

const options: InstantlyClientOptions = {
  apiKey: "key",
  baseUrl: "https://api.instantly.ai",
  timeoutMs: 10_000,
  maxRetries: 2,
  workspaceId: "0199a3f2-1c2d-7e3f-8a9b-0c1d2e3f4a5b",
  dangerouslyAllowBrowser: false,
};
const client = new InstantlyClient(options);
const proxied = new InstantlyClient({ baseUrl: "/instantly" });

// @ts-expect-error: snake_case option names are not options.
new InstantlyClient({ api_key: "key" });
// @ts-expect-error: timeoutMs is a number.
new InstantlyClient({ apiKey: "key", timeoutMs: "10s" });

/** Optional inputs take `undefined` (left out, as JSON.stringify does), also under
 * `exactOptionalPropertyTypes`: options and params can be passed straight from maybe-values. */
export async function maybeValues(env: { base?: string; retries?: number }, signal?: AbortSignal): Promise<void> {
  const maybe = new InstantlyClient({ apiKey: "key", baseUrl: env.base, maxRetries: env.retries, rateLimit: undefined });
  const first: string | undefined = env.base ? "Ada" : undefined;
  await maybe.leads.create({ email: "ada@example.com", first_name: first }, { signal, timeoutMs: undefined });
  for await (const c of maybe.campaigns.listAll({ limit: env.retries }, { signal, maxItems: undefined })) void c;
  await maybe.leads.import([{ email: "ada@example.com" }], { list_id: "l", concurrency: env.retries, signal, onProgress: undefined });
  await maybe.backgroundJobs.wait("job", { intervalMs: env.retries, signal });
  await maybe.callEndpoint("/campaigns", { method: undefined, query: { limit: env.retries } });
  // @ts-expect-error: a required field is still required.
  await maybe.leadLists.create({ name: undefined });
}

export async function everyOperation(): Promise<void> {
  const campaigns: CampaignsApi = client.campaigns;

  const createParams: CampaignCreateParams = {
    name: "Q1 Outreach",
    campaign_schedule: schedule,
    sequences: [sequence],
    daily_limit: 50,
    auto_variant_select: { trigger: "reply_rate" },
  };
  const created: Campaign = await campaigns.create(createParams);
  const id: string = created.id;
  const status: number = created.status;
  if (status === CampaignStatus.Active) console.log("already active");

  const listParams: CampaignListParams = { limit: 10, search: "Q1", status: CampaignStatus.Paused };
  let page: CampaignPage = await campaigns.list(listParams);
  while (page.next_starting_after !== undefined && page.items.length > 0) {
    page = await campaigns.list({ limit: 10, starting_after: page.next_starting_after });
  }
  await campaigns.list();
  await campaigns.list(null);

  const got: Campaign = await campaigns.get(id);
  const name: string = got.name;
  const firstStepSubject: string | undefined = got.sequences?.[0]?.steps[0]?.variants[0]?.subject;
  console.log(name, firstStepSubject);

  const update: CampaignUpdateParams = { name: "Renamed", open_tracking: true };
  await campaigns.update(id, update);
  await campaigns.activate(id);
  await campaigns.pause(id);
  const dup: CampaignDuplicateParams = { name: "Copy" };
  await campaigns.duplicate(id, dup);
  await campaigns.duplicate(id);
  const deleted: Campaign = await campaigns.delete(id);
  console.log(deleted.timestamp_updated);

  // @ts-expect-error: name is required.
  await campaigns.create({ campaign_schedule: schedule });
  // @ts-expect-error: unknown fields are excess properties.
  await campaigns.update(id, { nmae: "typo" });
  // @ts-expect-error: limit is a number.
  await campaigns.list({ limit: "10" });
  // @ts-expect-error: day keys are "0".."6".
  const badDays: Schedule = { ...weekdays, days: { "7": true } };
  console.log(badDays);

  const endpointOptions: CallEndpointOptions = { method: "GET", query: { limit: 5, ids: ["a", "b"], on: true } };
  const raw: unknown = await client.callEndpoint("/webhooks/event-types", endpointOptions);
  await client.callEndpoint("/campaigns", { method: "POST", json: createParams });
  await proxied.callEndpoint("/accounts");
  // @ts-expect-error: the result is `unknown`, so it must be narrowed before use.
  raw.items;
  if (typeof raw === "object" && raw !== null && "items" in raw) console.log(raw.items);

  const description: { baseUrl: string; hasApiKey: boolean; timeoutMs: number; maxRetries: number } = client.toJSON();
  const text: string = client.toString();
  console.log(description, text);
  client.free();
  {
    using scoped = new InstantlyClient({ apiKey: "key" });
    console.log(String(scoped));
  }
}

export async function errorHandling(): Promise<void> {
  try {
    await client.campaigns.get("x");
  } catch (e: unknown) {
    // @ts-expect-error: `e` is unknown until narrowed.
    e.code;
    if (isInstantlyError(e)) {
      const err: Error = e;
      const name: InstantlyErrorName = e.name;
      const code: InstantlyErrorCode = e.code;
      const statusCode: number | undefined = e.status;
      const retryAfter: number | undefined = e.retryAfter;
      const body: unknown = e.body;
      const method: string | undefined = e.method;
      const path: string | undefined = e.path;
      const field: string | undefined = e.field;
      console.log(err.message, name, statusCode, retryAfter, body, method, path, field);
      switch (code) {
        case "rate_limit":
        case "timeout":
        case "connection":
        case "server_error":
          break;
        case "validation":
        case "not_found":
          break;
        // @ts-expect-error: not an error code.
        case "teapot":
          break;
      }
    }
  }
}

// Enums are values and types.
const statuses: CampaignStatus[] = [
  CampaignStatus.Draft,
  CampaignStatus.Active,
  CampaignStatus.Paused,
  CampaignStatus.Completed,
  CampaignStatus.RunningSubsequences,
  CampaignStatus.AccountsUnhealthy,
  CampaignStatus.BounceProtect,
  CampaignStatus.AccountSuspended,
];
const interest: LeadInterestStatus[] = [
  LeadInterestStatus.OutOfOffice,
  LeadInterestStatus.Interested,
  LeadInterestStatus.MeetingBooked,
  LeadInterestStatus.MeetingCompleted,
  LeadInterestStatus.Won,
  LeadInterestStatus.NotInterested,
  LeadInterestStatus.WrongPerson,
  LeadInterestStatus.Lost,
  LeadInterestStatus.NoShow,
];
const leadStatuses: LeadStatus[] = [
  LeadStatus.Active,
  LeadStatus.Paused,
  LeadStatus.Completed,
  LeadStatus.Bounced,
  LeadStatus.Unsubscribed,
  LeadStatus.Skipped,
];
// A custom-label value is still a number the fields accept.
const customLabel: number = 12345;
const withCustom: Campaign["status"] = customLabel;
console.log(statuses, interest, leadStatuses, withCustom);
