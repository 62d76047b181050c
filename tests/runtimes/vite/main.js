// A web app as Vite builds it: the package imported by name, no init call, no plugin, no config
// beyond the defaults. The test serves the build and reads #result.
import { InstantlyClient, CampaignStatus } from "instantly-wasm";

const params = new URLSearchParams(location.search);
const client = new InstantlyClient({ baseUrl: params.get("api"), apiKey: params.get("key"), dangerouslyAllowBrowser: true });
const out = document.getElementById("result");
try {
  const page = await client.campaigns.list({ limit: 100 });
  out.textContent = page.items.map((c) => `${c.name}: ${CampaignStatus[c.status]}`).join("\n");
} catch (err) {
  out.textContent = `${err.name}: ${err.message}`;
}
out.dataset.done = "true";
