// A small CSV reader for pasted leads (RFC 4180: quoted fields, "" escapes, CRLF or LF).
// The header row names the lead fields: email, first_name, last_name, company_name, job_title,
// phone, website, personalization; any other column becomes a custom variable.

const LEAD_FIELDS = new Set(["email", "first_name", "last_name", "company_name", "job_title", "phone", "website", "personalization"]);

/** Splits CSV text into rows of fields. */
export function parseCsv(text) {
  const rows = [];
  let row = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field); field = "";
      if (row.some((f) => f.trim() !== "")) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f.trim() !== "")) rows.push(row);
  return rows;
}

/** CSV text with a header row → lead objects for `leads.bulkAdd` (empty cells left out). */
export function leadsFromCsv(text) {
  const [header, ...rows] = parseCsv(text.trim());
  if (!header) return [];
  const names = header.map((h) => h.trim().toLowerCase().replace(/\s+/g, "_"));
  if (!names.includes("email")) throw new Error("the CSV header must have an 'email' column");
  return rows.map((cells) => {
    const lead = {};
    const custom = {};
    names.forEach((name, i) => {
      const value = (cells[i] ?? "").trim();
      if (value === "") return;
      if (LEAD_FIELDS.has(name)) lead[name] = value;
      else custom[name] = value;
    });
    if (Object.keys(custom).length) lead.custom_variables = custom;
    return lead;
  });
}
