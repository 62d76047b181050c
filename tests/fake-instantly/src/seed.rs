//! Seed scenarios (`POST /__fake/seed`, `--seed demo`).

use crate::campaigns::{self, STATUS_ACTIVE, STATUS_COMPLETED, STATUS_PAUSED};
use crate::events::record;
use crate::generic::hooks::accounts;
use crate::ids::iso;
use crate::leads::build_lead;
use crate::lists;
use crate::simulate;
use crate::state::{ActivityKind, AppState, Store};
use chrono::{Duration, TimeZone, Utc};
use serde_json::{json, Map, Value};

const FIRST: &[&str] = &[
    "Ava", "Liam", "Maya", "Noah", "Zoe", "Ethan", "Lena", "Omar", "Iris", "Jonas", "Priya",
    "Mateo", "Sofia", "Kenji", "Nora", "Felix", "Amara", "Lucas", "Hana", "Diego",
];
const LAST: &[&str] = &[
    "Nguyen", "Schmidt", "Okafor", "Rossi", "Kowalski", "Tanaka", "Silva", "Haddad", "Larsen",
    "Moreau", "Patel", "Cohen", "Fischer", "Ibrahim", "Novak",
];
const COMPANIES: &[(&str, &str)] = &[
    ("Northwind Analytics", "northwind.io"),
    ("Bluefin Labs", "bluefinlabs.com"),
    ("Copperleaf", "copperleaf.co"),
    ("Helio Systems", "heliosys.dev"),
    ("Quarry & Co", "quarryco.com"),
    ("Tandem Health", "tandemhealth.org"),
    ("Lumen Freight", "lumenfreight.com"),
    ("Orbital Foods", "orbitalfoods.net"),
];
const TITLES: &[&str] = &[
    "CEO",
    "Head of Growth",
    "VP Sales",
    "Founder",
    "Marketing Lead",
    "CTO",
];

fn schedule() -> Value {
    json!({
        "start_date": null,
        "end_date": null,
        "schedules": [{
            "name": "Weekdays",
            "timing": {"from": "09:00", "to": "17:00"},
            "days": {"0": false, "1": true, "2": true, "3": true, "4": true, "5": true, "6": false},
            "timezone": "America/Chicago"
        }]
    })
}

fn sequence(topic: &str) -> Value {
    json!([{ "steps": [
        {"type": "email", "delay": 2, "delay_unit": "days", "variants": [
            {"subject": format!("{topic} for {{{{companyName}}}}"), "body": format!("Hi {{{{firstName}}}},<br/><br/>Quick note about {topic}.<br/><br/>Worth a chat?")},
            {"subject": "Idea for {{companyName}}", "body": format!("Hey {{{{firstName}}}},<br/><br/>We help teams like yours with {topic}.")}
        ]},
        {"type": "email", "delay": 3, "delay_unit": "days", "variants": [
            {"subject": "Re: following up", "body": "Hi {{firstName}},<br/><br/>Just bumping this up your inbox."}
        ]},
        {"type": "email", "delay": 1, "delay_unit": "days", "variants": [
            {"subject": "Closing the loop", "body": "Hi {{firstName}},<br/><br/>Should I close your file?"}
        ]}
    ]}])
}

fn person(i: usize, tag: &str) -> Map<String, Value> {
    let first = FIRST[i % FIRST.len()];
    let last = LAST[(i * 7 + 3) % LAST.len()];
    let (company, domain) = COMPANIES[(i * 5 + 1) % COMPANIES.len()];
    let v = json!({
        "email": format!("{}.{}.{}{}@{}", first.to_lowercase(), last.to_lowercase(), tag, i, domain),
        "first_name": first,
        "last_name": last,
        "company_name": company,
        "job_title": TITLES[i % TITLES.len()],
        "website": format!("https://{domain}"),
        "custom_variables": {"source": "demo-seed", "lead_score": (i * 37) % 100},
    });
    v.as_object().unwrap().clone()
}

/// Seeds `scenario` into the workspace; returns a summary.
pub fn run(app: &AppState, s: &mut Store, ws_id: &str, scenario: &str) -> Option<Value> {
    if scenario != "demo" {
        return None;
    }
    let today = Utc::now().date_naive();
    let start = today - Duration::days(13);
    let start_at = Utc.from_utc_datetime(&start.and_hms_opt(9, 0, 0).unwrap());
    let ws = s.ws(ws_id);
    let list = lists::create_in(
        ws,
        json!({"name": "Conference Leads 2026"})
            .as_object()
            .unwrap(),
    );
    let list_id = list["id"].as_str().unwrap().to_string();
    for i in 0..12 {
        let lead = build_lead(&ws.id, &person(i, "conf"), None, Some(&list_id), start_at);
        ws.insert_lead(lead);
    }
    let specs = [
        (
            "Q3 Outreach - SaaS Founders",
            "pipeline analytics",
            40,
            5,
            500.0,
            STATUS_ACTIVE,
        ),
        (
            "Agency Partnerships",
            "white-label reporting",
            25,
            3,
            250.0,
            STATUS_PAUSED,
        ),
        (
            "Webinar Follow-up",
            "our webinar recording",
            20,
            7,
            100.0,
            STATUS_COMPLETED,
        ),
        ("Product Launch (draft)", "the new launch", 10, 5, 0.0, 0),
    ];
    let mut ids = Vec::new();
    for (n, (name, topic, leads, per_day, value, _)) in specs.iter().enumerate() {
        let body = json!({
            "name": name,
            "campaign_schedule": schedule(),
            "sequences": sequence(topic),
            "email_list": [format!("alex@outreach{}.fake-instantly.dev", n + 1), format!("sam@outreach{}.fake-instantly.dev", n + 1)],
            "daily_limit": 50,
            "daily_max_leads": per_day,
            "pl_value": value,
            "open_tracking": true,
            "link_tracking": true,
            "stop_on_reply": true,
        });
        for (first, last) in [("Alex", "Rivera"), ("Sam", "Okoye")] {
            let email = format!(
                "{}@outreach{}.fake-instantly.dev",
                first.to_lowercase(),
                n + 1
            );
            accounts::insert_account(ws, &email, first, last);
        }
        let c = campaigns::create_in(ws, body.as_object().unwrap());
        let cid = c["id"].as_str().unwrap().to_string();
        let created = iso(start_at - Duration::days(1));
        let stored = ws.campaigns.get_mut(&cid).unwrap();
        stored.insert("timestamp_created".into(), json!(created));
        stored.insert("timestamp_updated".into(), json!(created));
        for i in 0..*leads {
            let lead = build_lead(
                &ws.id,
                &person(i + n * 50, &format!("c{}", n + 1)),
                Some(&cid),
                None,
                start_at,
            );
            ws.insert_lead(lead);
        }
        ids.push(cid);
    }
    // 14 days of history: the first three campaigns send every day.
    for cid in ids.iter().take(3) {
        s.ws(ws_id)
            .campaigns
            .get_mut(cid)
            .unwrap()
            .insert("status".into(), json!(STATUS_ACTIVE));
    }
    for day in 0..14 {
        let at = start_at + Duration::days(day) + Duration::minutes(37 * day);
        simulate::run(app, s, ws_id, 1, None, Some(at));
    }
    let ws = s.ws(ws_id);
    for ((_, _, _, _, _, status), cid) in specs.iter().zip(&ids) {
        ws.campaigns
            .get_mut(cid)
            .unwrap()
            .insert("status".into(), json!(status));
    }
    // A few repliers become opportunities.
    let repliers: Vec<(String, String, String)> = ws
        .leads
        .values()
        .filter(|l| l.num("email_reply_count") > 0 && l.campaign().is_some())
        .filter_map(|l| {
            Some((
                l.id().to_string(),
                l.campaign()?.to_string(),
                l.data.get("timestamp_last_reply")?.as_str()?.to_string(),
            ))
        })
        .collect();
    for (i, (lid, cid, when)) in repliers.iter().enumerate() {
        let value = [1, 2, -1, 4, 1, 3][i % 6];
        let at = chrono::DateTime::parse_from_rfc3339(when)
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_else(|_| Utc::now());
        let lead = ws.leads.get_mut(lid).unwrap();
        lead.data.insert("lt_interest_status".into(), json!(value));
        lead.data
            .insert("timestamp_last_interest_change".into(), json!(when));
        if value > 0 {
            record(ws, ActivityKind::Opportunity, cid, lid, 0, 0, false, at);
        }
    }
    Some(json!({
        "scenario": scenario,
        "campaigns": ws.campaigns.len(),
        "lead_lists": ws.lead_lists.len(),
        "leads": ws.leads.len(),
        "accounts": ws.coll_ref(accounts::ACCOUNTS).map_or(0, |a| a.len()),
        "activities": ws.activities.len(),
    }))
}
