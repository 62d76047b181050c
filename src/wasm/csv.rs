//! `parseLeadsCsv`: CSV text to leads for `leads.import` (see [`crate::csv`]).

use super::convert::{input_or_default, string_arg, typed};
use super::errors::to_js_error;
use crate::csv::{CsvLeads, CsvOptions};
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// Reads leads from CSV text: RFC 4180 quoting, a BOM, CRLF or LF, `,` `;` or tab separators;
/// header names map to lead fields (`Email Address`, `First Name`, `Company`, …), other columns
/// become custom variables, and `options.columns` overrides the mapping. Rows that cannot be
/// read are listed in `problems` with their line; `lines[i]` is the line of `leads[i]`.
#[wasm_bindgen(js_name = parseLeadsCsv)]
pub fn parse_leads_csv(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    options: Option<Ts<CsvOptions>>,
) -> Result<Ts<CsvLeads>, JsValue> {
    let text = string_arg("text", &text)?;
    let opts = input_or_default("parseLeadsCsv options", options)?;
    let leads = crate::csv::parse_leads_csv(&text, &opts).map_err(to_js_error)?;
    typed(&leads)
}
