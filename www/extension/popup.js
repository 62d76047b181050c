// Popup: asks the page's content script for the emails it found, lists them with their names,
// and adds the checked ones to the chosen campaign with one leads.bulkAdd call.
import { describeError, loadSettings, makeClient } from "./settings.js";

const list = document.getElementById("leads");
const form = document.getElementById("add-form");
const select = document.getElementById("campaign");
const message = document.getElementById("message");
const show = (text, isError = false) => { message.textContent = text; message.className = isError ? "error" : ""; };

/** The tab to read: `?tab=ID` when the popup is opened as a page (as the tests do), else the active tab. */
async function targetTab() {
  const fromQuery = Number(new URLSearchParams(location.search).get("tab"));
  if (fromQuery) return fromQuery;
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function main() {
  const settings = await loadSettings();
  if (!settings.apiKey) {
    show("Add your Instantly API key in Settings first.", true);
    return;
  }
  const client = makeClient(settings);
  const answer = await chrome.tabs.sendMessage(await targetTab(), { type: "instantly:collect-emails" }).catch(() => null);
  if (!answer) {
    show("This page cannot be read (reload it, or open a regular web page).", true);
    return;
  }
  document.getElementById("source").textContent = answer.title || answer.url;
  if (answer.leads.length === 0) {
    show("No email addresses on this page.");
    return;
  }
  list.replaceChildren(...answer.leads.map((lead, i) => {
    const li = document.createElement("li");
    const label = document.createElement("label");
    const box = Object.assign(document.createElement("input"), { type: "checkbox", checked: true, value: String(i) });
    const name = Object.assign(document.createElement("span"), { className: "name", textContent: lead.name });
    label.append(box, lead.email, name);
    li.append(label);
    return li;
  }));

  const page = await client.campaigns.list({ limit: 100 });
  select.replaceChildren(...page.items.map((c) => Object.assign(document.createElement("option"), { value: c.id, textContent: c.name })));
  form.hidden = false;

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const button = document.getElementById("add");
    button.disabled = true;
    try {
      const chosen = [...list.querySelectorAll("input:checked")].map((b) => answer.leads[Number(b.value)]);
      if (chosen.length === 0) throw new Error("check at least one address");
      const leads = chosen.map(({ email, first_name, last_name }) => ({ email, first_name, last_name }));
      const result = await client.leads.bulkAdd({ campaign_id: select.value, leads });
      const skipped = result.total_sent - result.leads_uploaded;
      show(`Added ${result.leads_uploaded} lead${result.leads_uploaded === 1 ? "" : "s"} to ${select.selectedOptions[0].textContent}` +
        (skipped ? ` (${skipped} skipped: already there, blocked or invalid).` : "."));
    } catch (err) {
      show(describeError(err), true);
    } finally {
      button.disabled = false;
    }
  });
}

main().catch((err) => show(describeError(err), true)).finally(() => { document.body.dataset.ready = "true"; });
