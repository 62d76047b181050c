//! `client.leads.import(leads, options)`: the bulk importer ([`crate::import`]) for JS.

use super::convert::{input_objects, output};
use super::engine::Engine;
use super::errors::to_js_error;
use super::signal::{split_options, AbortLink, Callback, SplitOptions};
use super::source::JsSource;
use crate::import::{check_lead_shape, ImportOptions, LeadSource, Row, VecSource};
use crate::models::{ImportProgress, LeadImportSettings};
use js_sys::Promise;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_LEAD_IMPORT: &'static str = r#"
/** One lead of `POST /leads/add` (what `leads.import` and `parseLeadsCsv` deal in). */
export type LeadBulkItem = LeadBulkAddParamsLeadsItem;

/** What `leads.import` reads: an array of lead objects, or an iterable, async iterable or
 * `ReadableStream` of lead objects or of CSV text pieces (strings or bytes, e.g. a request body;
 * `csv` holds `parseLeadsCsv`'s options), read as the import goes, so memory stays flat
 * whatever its length. An array whose first item is a string or bytes is read as CSV pieces. */
export type LeadImportSource =
  | LeadBulkItem[]
  | Iterable<LeadBulkItem | string | Uint8Array>
  | AsyncIterable<LeadBulkItem | string | Uint8Array>
  | ReadableStream<LeadBulkItem | string | Uint8Array>;

/** Options of `leads.import`: the target and the `POST /leads/add` options (snake_case, as on
 * the wire), how the import runs (camelCase), plus: */
export type LeadImportOptions = LeadImportSettings & {
  /** Stops the import: no further chunk is sent (a request already in flight finishes, so its
   * rows are accounted exactly); unsent rows are reported in `failed` with an `aborted` error.
   * The promise still resolves with the report. */
  signal?: AbortSignal | undefined;
  /** Called after each chunk. If it throws, the import stops as if aborted and the unsent rows
   * carry the thrown message. */
  onProgress?: ((progress: ImportProgress) => void) | undefined;
};
"#;

/// What an import reads: an array, checked strictly before anything is sent (a bad item
/// rejects the call), or a stream read as the import goes (a bad item is a rejected row).
/// One type for both, so the import's code exists once in the wasm.
enum Source {
    Array(VecSource<'static>),
    Stream(JsSource),
}

impl LeadSource for Source {
    async fn next_rows(&mut self, max: usize) -> crate::Result<Vec<Row>> {
        match self {
            Source::Array(s) => s.next_rows(max).await,
            Source::Stream(s) => s.next_rows(max).await,
        }
    }

    fn remaining(&self) -> Option<u64> {
        match self {
            Source::Array(s) => s.remaining(),
            Source::Stream(s) => s.remaining(),
        }
    }

    fn close(&mut self) {
        if let Source::Stream(s) = self {
            s.close();
        }
    }
}

/// True for an array whose first item is CSV text (a string or bytes): such an array is read
/// like any iterable of CSV pieces, as its type says, not as an array of lead objects.
fn holds_csv(array: &JsValue) -> bool {
    js_sys::Reflect::get_u32(array, 0)
        .is_ok_and(|first| first.is_string() || super::js::is_binary_view(&first).unwrap_or(false))
}

#[wasm_bindgen]
impl Engine {
    /// Imports any number of leads into one campaign or list through `POST /leads/add` in
    /// chunks of up to 1000, under the rate limiter. Resolves with a report in which every
    /// input index appears exactly once (`created`, `rejected`, `not_created`, `failed`);
    /// rejects only for bad options or leads that are not lead objects (before sending).
    #[wasm_bindgen(js_name = importLeads, skip_typescript)]
    pub fn import_leads(&self, leads: JsValue, options: JsValue) -> Promise {
        let read = || -> Result<_, JsValue> {
            let core = self.core()?;
            let split: SplitOptions<LeadImportSettings> =
                split_options("leads.import options", &options)?;
            let source = if super::js::is_array(&leads).unwrap_or(false) && !holds_csv(&leads) {
                Source::Array(VecSource::owned(input_objects(
                    "leads.import leads",
                    &leads,
                    check_lead_shape,
                )?))
            } else {
                let csv = split.data.csv.clone().unwrap_or_default();
                match JsSource::open(&leads, csv).map_err(to_js_error)? {
                    Some(s) => Source::Stream(s),
                    None => {
                        return Err(to_js_error(crate::Error::validation(
                            "leads",
                            "must be an array of lead objects, or an iterable, async iterable or ReadableStream of them",
                        )))
                    }
                }
            };
            Ok((core, source, split))
        };
        let (core, mut source, split) = match read() {
            Ok(r) => r,
            Err(e) => return Promise::reject(&e),
        };
        super::promise(async move {
            let callback = split.on_progress.map(Callback::new);
            let report = |p: &ImportProgress| -> crate::Result<()> {
                match &callback {
                    Some(cb) => cb.call(&output(p).map_err(|_| {
                        crate::Error::new(crate::ErrorKind::Decode, "could not convert progress")
                    })?),
                    None => Ok(()),
                }
            };
            let opts = ImportOptions {
                settings: split.data,
                cancel: split.abort.as_ref().map(AbortLink::token),
                on_progress: Some(&report),
            };
            let result = core
                .import_from(&mut source, &opts)
                .await
                .map_err(to_js_error)?;
            output(&result)
        })
    }
}
