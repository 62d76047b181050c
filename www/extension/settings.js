// The extension's settings (chrome.storage.local, never synced) and its client.
import { InstantlyClient } from "./vendor/instantly-wasm/browser.js";

/** `{ apiKey, baseUrl }` as saved on the options page. */
export async function loadSettings() {
  const { apiKey = "", baseUrl = "" } = await chrome.storage.local.get(["apiKey", "baseUrl"]);
  return { apiKey, baseUrl };
}

/** Saves the settings. */
export function saveSettings({ apiKey, baseUrl }) {
  return chrome.storage.local.set({ apiKey, baseUrl });
}

/**
 * A client with the user's own key. `dangerouslyAllowBrowser` is set knowingly: an extension page
 * is a browser page, but the key is the user's, typed into their own browser, and only this
 * extension's pages can read it; no website ever sees it.
 */
export function makeClient({ apiKey, baseUrl }) {
  return new InstantlyClient({ apiKey, baseUrl: baseUrl || undefined, dangerouslyAllowBrowser: true });
}

/** `Name: message` for any error, never a stack trace. */
export function describeError(err) {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
