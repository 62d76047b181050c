// The leads view of the open campaign: the list with interest statuses, add one lead, bulk-add
// leads pasted as CSV with a progress bar (parseLeadsCsv + leads.import), and move selected leads
// to another campaign (a background job, followed with backgroundJobs.wait until it finishes).
import { parseLeadsCsv } from "instantly-wasm";
import { busy, h, interestLabel, interestOptions } from "./ui.js";

/** Mounts the view; call `show(campaign)` to load a campaign's leads. */
export function mountLeads(client) {
  const section = document.getElementById("leads");
  const tbody = section.querySelector("#lead-table tbody");
  const addForm = document.getElementById("add-lead-form");
  const csvForm = document.getElementById("csv-form");
  const progress = document.getElementById("csv-progress");
  const progressText = document.getElementById("csv-progress-text");
  const moveForm = document.getElementById("move-form");
  const jobText = document.getElementById("move-job");
  let campaign = null;

  async function show(c) {
    if (c?.id !== campaign?.id) {
      // Another campaign: forget the previous one's import and move results.
      progress.hidden = true;
      progressText.textContent = jobText.textContent = "";
      delete jobText.dataset.status;
      delete progressText.dataset.done;
      csvForm.reset();
    }
    campaign = c;
    if (!c) return;
    const page = await client.leads.list({ campaign: c.id, limit: 100 });
    tbody.replaceChildren(...page.items.map(row));
    if (page.items.length === 0) tbody.append(h("tr", {}, h("td", { colSpan: 5, class: "empty" }, "No leads in this campaign yet.")));
    document.getElementById("lead-count").textContent = page.next_starting_after ? "100+" : String(page.items.length);
  }

  function row(lead) {
    const name = [lead.first_name, lead.last_name].filter(Boolean).join(" ");
    const select = h("select", { "aria-label": `Interest status of ${lead.email}` },
      interestOptions().map(([v, label]) => h("option", { value: v === null ? "" : String(v), selected: (lead.lt_interest_status ?? null) === v }, label)));
    if (lead.lt_interest_status != null && !select.value) {
      select.append(h("option", { value: String(lead.lt_interest_status), selected: true }, interestLabel(lead.lt_interest_status)));
    }
    let previous = select.value;
    select.addEventListener("change", async () => {
      const done = await busy(select, async () => {
        await client.leads.updateInterestStatus({
          lead_email: lead.email,
          interest_value: select.value === "" ? null : Number(select.value),
          campaign_id: campaign.id,
        });
        return true;
      });
      if (done) {
        previous = select.value;
        flash(select.parentElement, "queued");
      } else {
        select.value = previous; // the change did not go through
      }
    });
    return h("tr", { "data-email": lead.email ?? "" },
      h("td", {}, h("input", { type: "checkbox", name: "lead", value: lead.id, "aria-label": `Select ${lead.email}` })),
      h("td", {}, lead.email ?? "—"),
      h("td", {}, name || "—"),
      h("td", {}, lead.company_name ?? "—"),
      h("td", {}, select));
  }

  addForm.addEventListener("submit", (e) => {
    e.preventDefault();
    const f = addForm.elements;
    busy(addForm.querySelector("button[type=submit]"), async () => {
      const params = { campaign: campaign.id, email: f.email.value.trim() };
      for (const k of ["first_name", "last_name", "company_name"]) if (f[k].value.trim()) params[k] = f[k].value.trim();
      await client.leads.create(params);
      addForm.reset();
      await show(campaign);
    });
  });

  csvForm.addEventListener("submit", (e) => {
    e.preventDefault();
    busy(csvForm.querySelector("button[type=submit]"), async () => {
      const csv = parseLeadsCsv(csvForm.elements.csv.value);
      if (csv.leads.length === 0) {
        throw new Error(csv.problems.length ? `no lead could be read: line ${csv.problems[0].line}: ${csv.problems[0].message}` : "paste a header row and at least one lead");
      }
      delete progressText.dataset.done;
      setProgress({ processed: 0, total: csv.leads.length, created: 0, failed: 0 });
      const report = await client.leads.import(csv.leads, { campaign_id: campaign.id, onProgress: setProgress });
      setProgress({ processed: report.total, total: report.total, created: report.created.length, failed: report.failed.length });
      const notes = [
        report.not_created.length && `${report.not_created.length} already there or skipped`,
        report.rejected.length && `${report.rejected.length} rejected (${report.rejected[0].reason})`,
        report.failed.length && `${report.failed.length} failed`,
        csv.problems.length && `${csv.problems.length} unreadable row${csv.problems.length === 1 ? "" : "s"} (line ${csv.problems[0].line}: ${csv.problems[0].message})`,
      ].filter(Boolean);
      if (notes.length) progressText.textContent += ` · ${notes.join(" · ")}`;
      progressText.dataset.done = "true";
      await show(campaign);
    });
  });

  function setProgress({ processed, total, created, failed }) {
    const pct = total ? Math.round((processed / total) * 100) : 100;
    progress.value = pct;
    progress.hidden = false;
    progressText.textContent = `${pct}% — ${processed}/${total} processed, ${created} added` + (failed ? `, ${failed} failed` : "");
  }

  moveForm.addEventListener("submit", (e) => {
    e.preventDefault();
    busy(moveForm.querySelector("button[type=submit]"), async () => {
      const ids = [...tbody.querySelectorAll("input[name=lead]:checked")].map((b) => b.value);
      const to = moveForm.elements.to.value;
      if (ids.length === 0) throw new Error("select at least one lead to move");
      if (!to) throw new Error("choose a destination campaign");
      delete jobText.dataset.status;
      const started = await client.leads.move({ ids, campaign: campaign.id, to_campaign_id: to });
      const report = (j) => { jobText.textContent = `Job ${j.id}: ${j.status} ${j.progress ?? 0}%`; };
      report(started);
      try {
        const job = await client.backgroundJobs.wait(started, { intervalMs: 400, timeoutMs: 120_000, onProgress: report });
        jobText.textContent = `Job ${job.id}: ${job.status} (${ids.length} lead${ids.length === 1 ? "" : "s"})`;
        jobText.dataset.status = job.status;
      } catch (err) {
        jobText.dataset.status = "failed";
        jobText.textContent = `Job ${started.id}: did not finish`;
        throw err;
      }
      await show(campaign);
    });
  });

  /** Refills the "move to" picker with the other campaigns. */
  function setCampaigns(campaigns) {
    const select = moveForm.elements.to;
    const keep = select.value;
    select.replaceChildren(h("option", { value: "" }, "Move selected to…"),
      ...campaigns.filter((c) => c.id !== campaign?.id).map((c) => h("option", { value: c.id, selected: c.id === keep }, c.name)));
  }

  return { show, setCampaigns };
}

function flash(el, text) {
  const note = h("span", { class: "flash" }, text);
  el.append(note);
  setTimeout(() => note.remove(), 1500);
}
