// client.leads, client.leadLists and client.backgroundJobs as a TypeScript user writes them
// (type-checked only; see consumer.ts for the conventions).

import {
  type BackgroundJob,
  type BackgroundJobData,
  type BackgroundJobGetParams,
  type CreatedLead,
  type Lead,
  type LeadBulkAddParams,
  type LeadBulkAddResult,
  type LeadBulkItem,
  type LeadCreateParams,
  type LeadLastStep,
  type LeadList,
  type LeadListCreateParams,
  type LeadListListParams,
  type LeadListPage,
  type LeadListParams,
  type LeadListUpdateParams,
  type LeadMoveParams,
  type LeadPage,
  type LeadQuery,
  type LeadStatusSummary,
  type LeadStatusSummarySubseq,
  type LeadUpdateParams,
  type RateLimitOptions,
  type UpdateInterestStatusParams,
  type UpdateInterestStatusResult,
  BackgroundJobsApi,
  InstantlyClient,
  LeadInterestStatus,
  LeadListsApi,
  LeadStatus,
  LeadsApi,
} from "instantly-wasm";

const rateLimit: RateLimitOptions = { perSecond: 10, perMinute: 600, routeLimits: true };
const client = new InstantlyClient({ apiKey: "key", rateLimit });
new InstantlyClient({ apiKey: "key", rateLimit: false });
// @ts-expect-error: `true` is not a rate limit (only options or `false`).
new InstantlyClient({ apiKey: "key", rateLimit: true });

const CAMPAIGN = "0199a3f2-1c2d-7e3f-8a9b-0c1d2e3f4a5b";

export async function leads(): Promise<void> {
  const api: LeadsApi = client.leads;

  const create: LeadCreateParams = {
    campaign: CAMPAIGN,
    email: "ada@example.com",
    first_name: "Ada",
    lt_interest_status: LeadInterestStatus.Interested,
    custom_variables: { plan: "pro", seats: 3, trial: false, note: null },
    skip_if_in_campaign: true,
  };
  const lead: Lead = await api.create(create);
  // @ts-expect-error: the wire name is `campaign`; `campaign_id` is the classic typo.
  await api.create({ campaign_id: CAMPAIGN, email: "ada@example.com" });
  // @ts-expect-error: custom variable values are scalars.
  await api.create({ email: "a@b.co", custom_variables: { nested: { no: 1 } } });

  const status: number = lead.status;
  if (status === LeadStatus.Bounced || status === LeadStatus.Unsubscribed) console.log("gone");
  const summary: LeadStatusSummary | undefined = lead.status_summary;
  const lastStep: LeadLastStep | undefined = summary?.lastStep;
  const subsequence: LeadStatusSummarySubseq | undefined = lead.status_summary_subseq;
  console.log(lastStep?.stepID, subsequence?.from, lead.payload);

  const filter: LeadListParams["filter"] = "FILTER_LEAD_INTERESTED";
  const values: LeadQuery["values"] = {
    "occurrence-days": 7,
    "occurrence-count": { condition: "more", count: 2 },
    "lead-status": { status: 1, condition: "is" },
  };
  const query: LeadQuery = { actionType: "email-open", values };
  const listParams: LeadListParams = { campaign: CAMPAIGN, filter, queries: [query], limit: 50 };
  let page: LeadPage = await api.list(listParams);
  if (page.next_starting_after) page = await api.list({ ...listParams, starting_after: page.next_starting_after });
  await api.list();
  // The spec declares `filter` a plain string (the service may add values).
  await api.list({ filter: "FILTER_VAL_CONTACTED" });

  const got: Lead = await api.get(lead.id);
  const update: LeadUpdateParams = { job_title: null, last_name: "Lovelace", lt_interest_status: 1 };
  // @ts-expect-error: PATCH takes a number; reset the interest status with updateInterestStatus.
  const noReset: LeadUpdateParams = { lt_interest_status: null };
  console.log(noReset);
  const updated: Lead = await api.update(got.id, update);
  const deleted: Lead = await api.delete(updated.id);
  console.log(deleted.email, page.items.length);

  const item: LeadBulkItem = { email: "b@example.com", company_name: "B Corp" };
  const bulk: LeadBulkAddParams = { campaign_id: CAMPAIGN, leads: [item], skip_if_in_workspace: true };
  const added: LeadBulkAddResult = await api.bulkAdd(bulk);
  const created: CreatedLead[] = added.created_leads;
  console.log(added.leads_uploaded, added.duplicated_leads, created[0]?.index);

  const interest: UpdateInterestStatusParams = {
    lead_email: "ada@example.com",
    interest_value: LeadInterestStatus.MeetingBooked,
  };
  const accepted: UpdateInterestStatusResult = await api.updateInterestStatus(interest);
  console.log(accepted.message);
  // `null` resets the lead to plain "Lead"; the key is required so a reset is never implicit.
  await api.updateInterestStatus({ lead_email: "ada@example.com", interest_value: null });
  // @ts-expect-error: interest_value must be given (a number, or null to reset).
  await api.updateInterestStatus({ lead_email: "ada@example.com" });

  const move: LeadMoveParams = { campaign: CAMPAIGN, to_list_id: "0199a3f2-1c2d-7e3f-8a9b-0c1d2e3f4a5c", copy_leads: true };
  const job: BackgroundJob = await api.move(move);
  const jobs: BackgroundJobsApi = client.backgroundJobs;
  const jobParams: BackgroundJobGetParams = { data_fields: "moved_lead_emails" };
  const polled: BackgroundJob = await jobs.get(job.id, jobParams);
  await jobs.get(job.id);
  const progress: number = polled.progress;
  const jobStatus: string = polled.status;
  const data: BackgroundJobData | undefined = polled.data;
  console.log(progress, jobStatus, data?.["moved_lead_emails"]);
}

export async function leadLists(): Promise<void> {
  const api: LeadListsApi = client.leadLists;
  const create: LeadListCreateParams = { name: "Imports", has_enrichment_task: false };
  const list: LeadList = await api.create(create);
  const params: LeadListListParams = { limit: 10, search: "Imp" };
  const page: LeadListPage = await api.list(params);
  await api.list();
  const got: LeadList = await api.get(list.id);
  const update: LeadListUpdateParams = { name: "Imports 2", owned_by: null };
  await api.update(got.id, update);
  const deleted: LeadList = await api.delete(got.id);
  console.log(page.items.length, deleted.organization_id);
  // @ts-expect-error: name is required.
  await api.create({ has_enrichment_task: true });
}
