// The campaigns view: the list with statuses and actions, and the create form with a schedule.
import { CampaignStatus, scheduleTimezones } from "instantly-wasm";
import { busy, campaignStatusLabel, h } from "./ui.js";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]; // "0" = Sunday, as JS getDay()
const MAX_CAMPAIGNS = 500; // listAll follows the cursor page by page up to this many

/**
 * Mounts the view. `onOpen(campaign)` is called when a campaign is opened; `onChange(campaigns)`
 * after every reload (the leads view uses the list for "move to").
 */
export function mountCampaigns(client, { onOpen, onChange }) {
  const tbody = document.querySelector("#campaign-table tbody");
  const form = document.getElementById("create-form");
  let openId = null;

  fillScheduleInputs(form);

  async function reload() {
    const items = [];
    for await (const c of client.campaigns.listAll({ limit: 100 }, { maxItems: MAX_CAMPAIGNS })) items.push(c);
    tbody.replaceChildren(...items.map(row));
    if (items.length === 0) tbody.append(h("tr", {}, h("td", { colSpan: 4, class: "empty" }, "No campaigns yet.")));
    onChange(items);
    return items;
  }

  function row(c) {
    const canPause = c.status === CampaignStatus.Active;
    const act = (label, fn, cls) => h("button", { type: "button", class: cls, onclick: (e) => busy(e.currentTarget, async () => { await fn(); await reload(); }) }, label);
    return h("tr", { "data-id": c.id, class: c.id === openId ? "selected" : undefined },
      h("td", {}, h("button", { type: "button", class: "link name", onclick: () => open(c) }, c.name)),
      h("td", {}, h("span", { class: `status s${c.status}` }, campaignStatusLabel(c.status))),
      h("td", { class: "muted" }, new Date(c.timestamp_created).toLocaleDateString()),
      h("td", { class: "actions" },
        canPause ? act("Pause", () => client.campaigns.pause(c.id)) : act("Activate", () => client.campaigns.activate(c.id)),
        act("Duplicate", () => client.campaigns.duplicate(c.id)),
        deleteButton(c)));
  }

  // Deleting takes two clicks: the first arms the button for three seconds.
  function deleteButton(c) {
    const btn = h("button", { type: "button", class: "danger" }, "Delete");
    btn.addEventListener("click", () => {
      if (!btn.dataset.armed) {
        btn.dataset.armed = "1";
        btn.textContent = "Confirm delete";
        setTimeout(() => { delete btn.dataset.armed; btn.textContent = "Delete"; }, 3000);
        return;
      }
      busy(btn, async () => {
        await client.campaigns.delete(c.id);
        if (c.id === openId) onOpen(null);
        await reload();
      });
    });
    return btn;
  }

  function open(c) {
    openId = c?.id ?? null;
    for (const tr of tbody.querySelectorAll("tr")) tr.classList.toggle("selected", tr.dataset.id === openId);
    onOpen(c);
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    busy(form.querySelector("button[type=submit]"), async () => {
      const created = await client.campaigns.create(readCreateForm(form));
      form.elements.name.value = "";
      form.closest("details").open = false;
      await reload();
      open(created);
    });
  });

  document.getElementById("refresh").addEventListener("click", (e) => busy(e.currentTarget, reload));
  return { reload, open };
}

/** Fills the time zone picker from the API's closed list, and the weekday checkboxes. */
function fillScheduleInputs(form) {
  const zones = scheduleTimezones();
  form.elements.timezone.replaceChildren(...zones.map((z) => h("option", { value: z, selected: z === "America/Chicago" }, z)));
  form.querySelector(".days").replaceChildren(...DAYS.map((d, i) =>
    h("label", {}, h("input", { type: "checkbox", name: "day", value: String(i), checked: i >= 1 && i <= 5 }), d)));
}

/** The `campaigns.create` params from the form; the client validates them before sending. */
function readCreateForm(form) {
  const f = form.elements;
  const days = {};
  for (const box of form.querySelectorAll("input[name=day]:checked")) days[box.value] = true;
  return {
    name: f.name.value.trim(),
    campaign_schedule: {
      schedules: [{
        name: "Default",
        timing: { from: f.from.value, to: f.to.value },
        days,
        timezone: f.timezone.value,
      }],
    },
  };
}
