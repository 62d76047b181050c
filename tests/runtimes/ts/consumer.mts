// A TypeScript consumer of the package, type-checked with `tsc --strict` once per way the package
// resolves (bundler + "browser", bundler + "workerd", Node's "node"): the types must be the real
// ones in every case (the @ts-expect-error lines fail the build if anything degrades to `any`).
import {
  CampaignStatus,
  InstantlyClient,
  LeadInterestStatus,
  isInstantlyError,
  scheduleTimezones,
  type Campaign,
  type CampaignCreateParams,
  type InstantlyError,
  type LeadBulkAddResult,
} from "instantly-wasm";

const client = new InstantlyClient({ baseUrl: "https://proxy.example/instantly", maxRetries: 2 });

const params: CampaignCreateParams = {
  name: "Typed",
  campaign_schedule: {
    schedules: [{ name: "Weekdays", timing: { from: "09:00", to: "17:00" }, days: { "1": true }, timezone: scheduleTimezones()[0] }],
  },
};

export async function run(): Promise<string> {
  const created: Campaign = await client.campaigns.create(params);
  const page = await client.campaigns.list({ limit: 10, status: CampaignStatus.Active });
  const names: string[] = page.items.map((c) => c.name);
  const next: string | undefined = page.next_starting_after;
  const added: LeadBulkAddResult = await client.leads.bulkAdd({ campaign_id: created.id, leads: [{ email: "a@b.co" }] });
  const uploaded: number = added.leads_uploaded;
  await client.leads.updateInterestStatus({ lead_email: "a@b.co", interest_value: LeadInterestStatus.Interested });
  // @ts-expect-error: status is a number, not a string
  const wrong: string = created.status;
  // @ts-expect-error: unknown option
  new InstantlyClient({ apikey: "typo" });
  return `${names.join(",")} ${next ?? ""} ${uploaded} ${wrong}`;
}

export function describe(e: unknown): string {
  if (isInstantlyError(e)) {
    const err: InstantlyError = e;
    const status: number | undefined = err.status;
    return `${err.name} ${err.code} ${status ?? ""} ${err.path ?? ""}`;
  }
  return String(e);
}
