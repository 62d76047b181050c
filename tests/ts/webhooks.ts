// A webhook consumer type-checked against the built package (tsc --strict, every resolution):
// `switch (event.event_type)` narrows the payload, documented fields keep their exact types
// (never `any` or `unknown`), custom labels fall through to `default`, and the helpers have the
// declared signatures.
import {
  InstantlyClient,
  WebhookStatus,
  parseWebhook,
  normalizeEventType,
  dedupeKey,
  interestStatusOf,
  isInstantlyError,
  type WebhookEvent,
  type WebhookCustomEvent,
  type ParseWebhookOptions,
  type EventTypeNames,
  type KnownWebhookEventType,
  type Webhook,
  type WebhookDelivery,
  type WebhookTestResult,
  type WebhooksApi,
  type WebhookEventsApi,
  type WebhookCreateParams,
  type WebhookUpdateParams,
  type WebhookListParams,
  type WebhookPage,
  type WebhookEventTypeList,
  type WebhookEventTypeInfo,
  type WebhookDeliveryListParams,
  type WebhookDeliveryPage,
  type WebhookDeliverySummaryParams,
  type WebhookDeliverySummary,
  type WebhookDeliverySummaryByDate,
  type WebhookDeliverySummaryByDateItem,
  type ListIterator,
} from "instantly-wasm";

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(value: T): T {
  return value;
}

// A Fetch `Headers`, a Node-style plain object, or any object with a Headers-style `get`.
export const fetchHeaders: ParseWebhookOptions = {
  headers: new Headers({ "X-Shared-Secret": "s" }),
  secret: "s",
};
export const nodeStyle: ParseWebhookOptions = {
  headers: { "x-shared-secret": "s", "set-cookie": ["a", "b"], host: undefined },
};
const options: ParseWebhookOptions = {
  headers: { get: (name: string): string | null => (name === "x-shared-secret" ? "s" : null) },
  secret: "s",
  secretHeader: "x-shared-secret",
  maxBytes: 65536,
};
// @ts-expect-error unknown option
export const typo: ParseWebhookOptions = { secrett: "s" };

/** Answers like a webhook handler: the status to respond with and a note. */
export function handle(body: string | Uint8Array | ArrayBuffer): [number, string] {
  let event: WebhookEvent;
  try {
    event = parseWebhook(body, options);
  } catch (e) {
    if (isInstantlyError(e)) {
      switch (e.code) {
        case "webhook_unauthorized":
        case "payload_too_large":
          return [e.status ?? 500, e.name];
        case "decode":
          return [400, e.field ?? "body"];
        default:
          return [500, e.message];
      }
    }
    throw e;
  }

  // Always-present fields.
  assertType<Equal<typeof event.timestamp, string>>(true);
  assertType<Equal<typeof event.workspace, string>>(true);
  assertType<Equal<typeof event.campaign_id, string | null>>(true);
  assertType<Equal<typeof event.campaign_name, string | null>>(true);
  assertType<Equal<typeof event.lead_email, string | undefined>>(true);
  // Lead data and other extra keys are `unknown`, never `any`.
  const firstName = event["first_name"];
  assertType<Equal<typeof firstName, unknown>>(true);

  switch (event.event_type) {
    case "reply_received":
    case "auto_reply_received": {
      assertType<Equal<typeof event.reply_text, string | undefined>>(true);
      assertType<Equal<typeof event.reply_html, string | undefined>>(true);
      assertType<Equal<typeof event.reply_subject, string | undefined>>(true);
      assertType<Equal<typeof event.reply_text_snippet, string | undefined>>(true);
      assertType<Equal<typeof event.unibox_url, string | undefined>>(true);
      assertType<Equal<typeof event.email_id, string | undefined>>(true);
      assertType<Equal<typeof event.step, number | undefined>>(true);
      assertType<Equal<typeof event.variant, number | undefined>>(true);
      assertType<Equal<typeof event.is_first, boolean | undefined>>(true);
      // @ts-expect-error reply_text is a string, not a number
      const wrong: number | undefined = event.reply_text;
      return [200, `${wrong} ${event.reply_text?.toUpperCase()} ${event.email_id}`];
    }
    case "link_clicked":
    case "email_opened":
    case "email_sent": {
      assertType<Equal<typeof event.email_subject, string | undefined>>(true);
      assertType<Equal<typeof event.email_html, string | undefined>>(true);
      return [200, event.email_account ?? ""];
    }
    case "lead_interested":
    case "lead_neutral": {
      const status = interestStatusOf(event);
      assertType<Equal<typeof status, number | null | undefined>>(true);
      return [200, String(status)];
    }
    case "account_error": {
      assertType<Equal<typeof event.email_account, string | undefined>>(true);
      return [200, "account"];
    }
    default: {
      // Custom labels and future types: the raw name.
      const name: string = event.event_type;
      return [200, name];
    }
  }
}

/** Narrowing with `if` works the same, and custom labels compare without a "no overlap" error. */
export function replyText(event: WebhookEvent): string | undefined {
  if (event.event_type === "reply_received") {
    return event.reply_text;
  }
  if (event.event_type === "Hot Lead") {
    return event.lead_email;
  }
  return undefined;
}

const custom: WebhookCustomEvent = {
  event_type: "Hot Lead",
  timestamp: "2026-08-15T12:00:00.000Z",
  workspace: "0199a3f2-0000-7000-8000-000000000001",
  campaign_id: null,
  campaign_name: null,
  first_name: "Jane",
};
export const key: string = dedupeKey(custom);
export const names: EventTypeNames = normalizeEventType("email_link_clicked");
assertType<Equal<typeof names.payload, string | null>>(true);
assertType<Equal<typeof names.subscription, string | null>>(true);
export const known: KnownWebhookEventType = "link_clicked";
// @ts-expect-error the subscription name is not a payload type
export const notPayload: KnownWebhookEventType = "email_link_clicked";

/** Managing subscriptions: typed params and answers. */
export async function subscribe(client: InstantlyClient, url: string, secret: string): Promise<string> {
  const w: Webhook = await client.webhooks.create({
    target_hook_url: url,
    event_type: "reply_received",
    headers: { "x-shared-secret": secret },
  });
  // A custom-label subscription: event_type null plus the label's interest value.
  await client.webhooks.create({ target_hook_url: url, event_type: null, custom_interest_value: 7 });
  // @ts-expect-error the payload name is not a subscription name
  await client.webhooks.create({ target_hook_url: url, event_type: "link_clicked" });
  // @ts-expect-error the list filter does not take lead_no_show
  await client.webhooks.list({ event_type: "lead_no_show" });
  const page = await client.webhooks.list({ limit: 10, event_type: "all_events" });
  const first: Webhook | undefined = page.items[0];
  await client.webhooks.update(w.id, { campaign: null, headers: { "x-shared-secret": "rotated" } });
  const test: WebhookTestResult = await client.webhooks.test(w.id);
  if (w.status === WebhookStatus.Disabled) await client.webhooks.resume(w.id);
  const types = await client.webhooks.eventTypes();
  const log = await client.webhookEvents.list({ success: false, from: "2026-08-01", to: "2026-08-31" });
  const delivery: WebhookDelivery | undefined = log.items[0];
  const payload: Record<string, unknown> | undefined = delivery?.payload;
  const summary = await client.webhookEvents.summary({ from: "2026-08-01" });
  const byDate = await client.webhookEvents.summaryByDate();
  const rate: number = summary.success_rate;
  for await (const each of client.webhooks.listAll({ limit: 100 }, { maxItems: 500 })) {
    const id: string = each.id;
    if (id === w.id) break;
  }
  for await (const d of client.webhookEvents.listAll({ success: false })) {
    const failed: boolean = d.success;
    if (!failed) break;
  }
  // The iterator protocol by hand: next() and an early return().
  const subscriptions: WebhooksApi = client.webhooks;
  const deliveries: WebhookEventsApi = client.webhookEvents;
  const it = deliveries.listAll({ limit: 10 });
  const step = await it.next();
  if (!step.done) {
    const d: WebhookDelivery = step.value;
    await it.return?.(d);
  }
  await subscriptions.delete(w.id);
  return [first?.id, test.success, (types.event_types ?? []).length, payload, rate, (byDate.items ?? []).length].join();
}

/** Every params and answer type by name. */
export async function namedTypes(client: InstantlyClient, id: string): Promise<number> {
  const create: WebhookCreateParams = { target_hook_url: "https://hooks.example.test", campaign: null };
  const update: WebhookUpdateParams = { name: null, custom_interest_value: 3 };
  const filter: WebhookListParams = { campaign: "019ffad2-5cf8-732d-8cf0-41466f7573b6", limit: 5 };
  const window: WebhookDeliverySummaryParams = { from: "2026-08-01", to: "2026-08-31" };
  const logFilter: WebhookDeliveryListParams = { ...window, search: "jane@acme.test", success: true };
  await client.webhooks.create(create);
  await client.webhooks.update(id, update);
  const page: WebhookPage = await client.webhooks.list(filter);
  const types: WebhookEventTypeList = await client.webhooks.eventTypes();
  const info: WebhookEventTypeInfo | undefined = types.event_types?.[0];
  const log: WebhookDeliveryPage = await client.webhookEvents.list(logFilter);
  const total: WebhookDeliverySummary = await client.webhookEvents.summary(window);
  const daily: WebhookDeliverySummaryByDate = await client.webhookEvents.summaryByDate(window);
  const day: WebhookDeliverySummaryByDateItem | undefined = daily.items?.[0];
  return page.items.length + log.items.length + total.total_events + (day?.failed_events ?? 0) + (info?.label?.length ?? 0);
}

/** The class behind every `listAll`. */
export type AnyListIterator = ListIterator;
