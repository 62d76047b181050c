// client.analytics as a TypeScript user writes it (type-checked only; see consumer.ts).

import {
  type AnalyticsOverviewParams,
  type AnalyticsParams,
  type AnalyticsRates,
  type CampaignAnalytics,
  type CampaignAnalyticsOverview,
  type DailyAnalytics,
  type DailyAnalyticsParams,
  AnalyticsApi,
  CampaignStatus,
  InstantlyClient,
} from "instantly-wasm";

const client = new InstantlyClient({ apiKey: "key" });
const ID = "0199a3f2-1c2d-7e3f-8a9b-0c1d2e3f4a5b";

export async function analytics(): Promise<void> {
  const api: AnalyticsApi = client.analytics;

  const params: AnalyticsParams = { ids: [ID], start_date: "2026-01-01", end_date: "2026-01-31", exclude_total_leads_count: true };
  const rows: Array<CampaignAnalytics & AnalyticsRates> = await api.campaigns(params);
  for (const row of rows) {
    const rates: AnalyticsRates = row;
    const openRate: number = row.open_rate;
    const uniqueOpens: number | undefined = row.open_count_unique;
    console.log(row.campaign_name, rates.reply_rate, openRate, uniqueOpens);
  }
  await api.campaigns();
  await api.campaigns({ id: ID });

  const overviewParams: AnalyticsOverviewParams = { id: ID, campaign_status: CampaignStatus.Active, expand_crm_events: true };
  const overview: CampaignAnalyticsOverview & AnalyticsRates = await api.overview(overviewParams);
  const counts: CampaignAnalyticsOverview = overview;
  console.log(counts.emails_sent_count, overview.bounce_rate, overview.click_rate);
  await api.overview();

  const dailyParams: DailyAnalyticsParams = { campaign_id: ID, start_date: "2026-01-01", end_date: "2026-01-07" };
  const days: DailyAnalytics[] = await api.daily(dailyParams);
  const firstDate: string | undefined = days[0]?.date;
  console.log(firstDate, days[0]?.unique_opened);
  await api.daily();

  // @ts-expect-error: daily takes `campaign_id`, not `id`.
  await api.daily({ id: ID });
  // @ts-expect-error: the rates are numbers computed by the client, not optional.
  const missing: undefined = rows[0]?.open_rate;
  console.log(missing);
}
