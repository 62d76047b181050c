// Small DOM helpers shared by the demo's views: element building, the error banner, busy buttons.
import { CampaignStatus, LeadInterestStatus } from "instantly-wasm";

/** Builds an element: `h("button", { class: "x", onclick }, "Label")`. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k in el && k !== "list") el[k] = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  el.append(...children.flat().filter((c) => c !== null && c !== undefined));
  return el;
}

/** `Readable name: message` for any thrown value; never a stack trace. */
export function describeError(err) {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return `Error: ${String(err)}`;
}

const banner = () => document.getElementById("error");

/** Shows `err` in the page's error banner. */
export function showError(err) {
  const el = banner();
  el.replaceChildren(h("strong", {}, "Something went wrong. "), h("span", { class: "message" }, describeError(err)),
    h("button", { class: "link", type: "button", onclick: clearError }, "dismiss"));
  el.hidden = false;
}

/** Hides the error banner. */
export function clearError() {
  banner().hidden = true;
}

/**
 * Runs `fn` with `button` disabled; shows any error in the banner. Resolves with `fn`'s result,
 * or `undefined` after an error.
 */
export async function busy(button, fn) {
  if (button) button.disabled = true;
  try {
    clearError();
    return await fn();
  } catch (err) {
    showError(err);
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}

/** "RunningSubsequences" → "Running subsequences". */
function words(name) {
  return name.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/ ([A-Z])/g, (m) => m.toLowerCase());
}

/** Label of a campaign status code (open: unknown codes show as numbers). */
export function campaignStatusLabel(status) {
  const name = CampaignStatus[status];
  return name ? words(name) : `Status ${status}`;
}

/** `[value, label]` pairs of the interest statuses, `null` ("Lead") first. */
export function interestOptions() {
  const pairs = Object.entries(LeadInterestStatus)
    .filter(([, v]) => typeof v === "number")
    .map(([name, v]) => [v, words(name)]);
  return [[null, "Lead"], ...pairs];
}

/** Label of an interest status value; custom labels show as their number. */
export function interestLabel(value) {
  if (value === null || value === undefined) return "Lead";
  const name = LeadInterestStatus[value];
  return name ? words(name) : `Custom ${value}`;
}

/** Formats a rate the client computed (percent, 2 decimals), "—" when there is none. */
export function percent(rate) {
  return typeof rate === "number" && Number.isFinite(rate) ? `${rate.toFixed(2)}%` : "—";
}
