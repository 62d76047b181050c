// Options page: the API key and the API address (another origin is useful with fake-instantly).
import { describeError, loadSettings, makeClient, saveSettings } from "./settings.js";

const form = document.getElementById("settings");
const message = document.getElementById("message");
const show = (text, isError = false) => { message.textContent = text; message.className = isError ? "error" : ""; };

const current = await loadSettings();
form.elements.apiKey.value = current.apiKey;
form.elements.baseUrl.value = current.baseUrl;

function read() {
  return { apiKey: form.elements.apiKey.value.trim(), baseUrl: form.elements.baseUrl.value.trim().replace(/\/+$/, "") };
}

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  try {
    const settings = read();
    makeClient(settings); // validates the key's shape and the address before saving
    await saveSettings(settings);
    show("Saved.");
  } catch (err) {
    show(describeError(err), true);
  }
});

document.getElementById("check").addEventListener("click", async () => {
  try {
    const page = await makeClient(read()).campaigns.list({ limit: 100 });
    show(`Connected: ${page.items.length} campaign${page.items.length === 1 ? "" : "s"} found.`);
  } catch (err) {
    show(describeError(err), true);
  }
});
document.body.dataset.ready = "true";
