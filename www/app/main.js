// The demo page: plain ES modules, no build step. The import map in index.html maps
// "instantly-wasm" to the package's browser entry (/pkg/browser.js), which loads the wasm with
// top-level await, so by the time this module runs the client is ready.
//
// The page holds no API key: it talks to /instantly on its own origin, and www/server.mjs
// forwards those calls to the API with the key added.
import { InstantlyClient } from "instantly-wasm";
import { mountCampaigns } from "./campaigns.js";
import { mountLeads } from "./leads.js";
import { mountAnalytics, showOverview } from "./analytics.js";
import { busy } from "./ui.js";

const client = new InstantlyClient({ baseUrl: location.origin + "/instantly" });

const detail = document.getElementById("detail");
const leads = mountLeads(client);
const analytics = mountAnalytics(client);
let allCampaigns = [];
let current = null;

async function open(campaign) {
  current = campaign;
  detail.hidden = !campaign;
  if (!campaign) return;
  document.getElementById("detail-title").textContent = campaign.name;
  leads.setCampaigns(allCampaigns);
  await Promise.all([leads.show(campaign), analytics.show(campaign)]);
}

const campaigns = mountCampaigns(client, {
  onOpen: (c) => busy(null, () => open(c)),
  onChange: (items) => {
    allCampaigns = items;
    leads.setCampaigns(items);
    busy(null, () => showOverview(client));
  },
});

document.getElementById("refresh-analytics").addEventListener("click", (e) => busy(e.currentTarget, () => analytics.show(current)));

const items = await busy(null, campaigns.reload);
if (items?.length) campaigns.open(items[0]);
document.body.dataset.ready = "true";
