// The quick start of docs/runtimes.md as a runnable Node program.
//
//   INSTANTLY_API_KEY=... node www/node/quickstart.mjs                      # the real API
//   node www/node/quickstart.mjs http://127.0.0.1:8787                      # fake-instantly
//
// Without INSTANTLY_API_KEY it uses fake-instantly's default key; the base URL comes from the
// first argument, else INSTANTLY_BASE_URL, else the real API. It creates a campaign, activates it
// (handling a plan error by its stable `code`), lists campaigns and prints what it did.
import { InstantlyClient, CampaignStatus, isInstantlyError } from "instantly-wasm";

const baseUrl = process.argv[2] || process.env.INSTANTLY_BASE_URL || "https://api.instantly.ai";
const apiKey = process.env.INSTANTLY_API_KEY || "fake-instantly-test-key";

const client = new InstantlyClient({ apiKey, baseUrl });

const campaign = await client.campaigns.create({
  name: "Q1 Outreach",
  campaign_schedule: {
    schedules: [{
      name: "Weekdays",
      timing: { from: "09:00", to: "17:00" },
      days: { "1": true, "2": true, "3": true, "4": true, "5": true },
      timezone: "America/Chicago", // the API's closed list: "America/New_York" is not in it
    }],
  },
});
console.log(`created ${campaign.name} (${campaign.id}), status ${CampaignStatus[campaign.status]}`);

try {
  const active = await client.campaigns.activate(campaign.id);
  console.log(`activated: status ${CampaignStatus[active.status]}`);
} catch (e) {
  if (isInstantlyError(e) && e.code === "payment_required") console.error("upgrade your plan");
  else throw e;
}

const page = await client.campaigns.list({ limit: 10 });
for (const c of page.items) console.log(`- ${c.name}: ${CampaignStatus[c.status] ?? c.status}`);
