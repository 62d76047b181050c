// The analytics view of the open campaign: counts, the rates the client computes (percent of the
// leads contacted, on every analytics object) and a daily chart.
import { h, percent } from "./ui.js";
import { dailyChart, legend } from "./chart.js";

const RATES = [
  ["open_rate", "Open rate"],
  ["reply_rate", "Reply rate"],
  ["click_rate", "Click rate"],
  ["bounce_rate", "Bounce rate"],
];

/** Fills `#overview` with the workspace-wide totals and rates (`analytics.overview`). */
export async function showOverview(client) {
  const o = await client.analytics.overview();
  document.getElementById("overview").replaceChildren(
    h("strong", {}, "All campaigns: "),
    `${o.emails_sent_count ?? 0} emails sent to ${o.contacted_count ?? 0} leads · `,
    ...RATES.flatMap(([key, label], i) => [i ? " · " : "", h("span", { "data-rate": key }, `${label.toLowerCase()} ${percent(o[key])}`)]),
  );
}

/** Mounts the view; call `show(campaign)` to load its analytics. */
export function mountAnalytics(client) {
  const cards = document.getElementById("rate-cards");
  const counts = document.getElementById("analytics-counts");
  const chart = document.getElementById("daily-chart");

  async function show(c) {
    if (!c) return;
    const [items, days] = await Promise.all([
      client.analytics.campaigns({ id: c.id }),
      client.analytics.daily({ campaign_id: c.id }),
    ]);
    const a = items.find((x) => x.campaign_id === c.id);
    cards.replaceChildren(...RATES.map(([key, label]) =>
      h("div", { class: "card", "data-rate": key }, h("div", { class: "value" }, percent(a?.[key])), h("div", { class: "label" }, label))));
    counts.textContent = a
      ? `${a.contacted_count} contacted of ${a.leads_count} leads · ${a.emails_sent_count} emails sent · ${a.open_count_unique ?? a.open_count} opened · ${a.reply_count_unique ?? a.reply_count} replied · ${a.link_click_count_unique ?? a.link_click_count} clicked · ${a.bounced_count} bounced`
      : "No analytics yet: the campaign has not sent anything.";
    chart.replaceChildren(dailyChart(days), legend());
    cards.dataset.campaign = c.id;
  }

  return { show };
}
