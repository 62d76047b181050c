//! The shape of the operation table that `codegen/` generates into `src/generated/table.rs`.
//!
//! Every operation of the spec is one [`Operation`]: its route, its parameters (path, query and
//! JSON body fields, each with a [`Schema`]), how it pages, whether it may be repeated after an
//! ambiguous failure, and the few checks the spec cannot express ([`Rule`]). The engine
//! interprets this data; nothing here is specific to one operation.

use crate::http::Method;

/// A value format the engine checks on strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// No format.
    None,
    /// An RFC 4122 UUID (`0190b4a2-…`), any version.
    Uuid,
    /// An email address.
    Email,
    /// A calendar date `YYYY-MM-DD`.
    Date,
    /// A date `YYYY-MM-DD` or an ISO 8601 date-time.
    DateOrDateTime,
    /// An ISO 8601 / RFC 3339 date-time.
    DateTime,
    /// An absolute URI with a scheme.
    Uri,
    /// An `http://` or `https://` URL with a host.
    HttpUrl,
    /// `HH:MM`, 24-hour.
    HhMm,
    /// At least one non-whitespace character.
    NonBlank,
    /// A background job id: 24 hexadecimal characters.
    Hex24,
    /// A prompt template id: `ptid_` then 1–45 of `[A-Za-z0-9_-]`.
    PromptId,
    /// Empty, blank, or an optional `ptid_` prefix then 1–45 of `[A-Za-z0-9_-]`.
    PromptIdOrBlank,
}

impl Format {
    /// Every format, in declaration order: a format's position is its code in the encoded table
    /// (`codegen/` writes the same order).
    pub const ALL: [Format; 13] = [
        Format::None,
        Format::Uuid,
        Format::Email,
        Format::Date,
        Format::DateOrDateTime,
        Format::DateTime,
        Format::Uri,
        Format::HttpUrl,
        Format::HhMm,
        Format::NonBlank,
        Format::Hex24,
        Format::PromptId,
        Format::PromptIdOrBlank,
    ];
}

/// A JSON Schema subset: what the spec's request schemas use.
#[derive(Debug)]
pub struct Schema {
    /// The value's type and constraints.
    pub kind: Kind,
    /// Whether `null` is accepted.
    pub nullable: bool,
    /// A schema the value must NOT match (JSON Schema `not`).
    pub not: Option<&'static Schema>,
}

/// The type of a [`Schema`] with its constraints.
#[derive(Debug)]
pub enum Kind {
    /// Any JSON value.
    Any,
    /// `true` or `false`.
    Bool,
    /// A boolean that must have this value.
    BoolIs(bool),
    /// A string.
    Str(Str),
    /// A number (or an integer).
    Num(Num),
    /// An array.
    Array(Array),
    /// An object.
    Object(Object),
    /// A value matching at least one of the schemas (`oneOf`, `anyOf`, type lists).
    OneOf(&'static [&'static Schema]),
}

/// String constraints.
#[derive(Debug)]
pub struct Str {
    /// Format checked on the value.
    pub format: Format,
    /// Allowed values (empty: any).
    pub values: &'static [&'static str],
    /// Minimum length in characters.
    pub min_len: u32,
    /// Maximum length in characters (`u32::MAX`: none).
    pub max_len: u32,
}

/// Number constraints.
#[derive(Debug)]
pub struct Num {
    /// Whether the value must be an integer.
    pub integer: bool,
    /// Inclusive minimum (`f64::NEG_INFINITY`: none).
    pub min: f64,
    /// Inclusive maximum (`f64::INFINITY`: none).
    pub max: f64,
    /// Allowed values (empty: any).
    pub values: &'static [f64],
}

/// Array constraints.
#[derive(Debug)]
pub struct Array {
    /// Schema of every item.
    pub items: &'static Schema,
    /// Minimum number of items.
    pub min: u32,
    /// Maximum number of items (`u32::MAX`: none).
    pub max: u32,
    /// A schema at least one item must match (JSON Schema `contains`).
    pub contains: Option<&'static Schema>,
}

/// Object constraints.
#[derive(Debug)]
pub struct Object {
    /// The declared fields.
    pub fields: &'static [Field],
    /// What other keys may hold.
    pub extra: Extra,
    /// Minimum number of keys.
    pub min_props: u32,
    /// Alternatives of which the object must match at least one (the spec's `anyOf` beside
    /// `properties`, typically "one of these fields is required"); empty: none.
    pub any_of: &'static [&'static Schema],
}

/// Keys of an object that are not declared fields.
#[derive(Debug)]
pub enum Extra {
    /// Refused: an unknown key is an error naming the closest field.
    Deny,
    /// Any key, any value (a free-form object).
    Any,
    /// Any key, values matching the schema (a map).
    Values(&'static Schema),
}

/// One named field of an object or of an operation's parameters.
#[derive(Debug)]
pub struct Field {
    /// The wire name.
    pub name: &'static str,
    /// Its schema.
    pub schema: &'static Schema,
    /// Whether it must be present.
    pub required: bool,
}

/// Where a list operation takes its cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// Not a cursor-paginated list.
    None,
    /// `limit` and `starting_after` in the query string; the answer is
    /// `{ items, next_starting_after? }`.
    Query,
    /// `limit` and `starting_after` in the JSON body (`POST /leads/list`).
    Body,
}

/// What a successful answer carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// JSON.
    Json,
    /// Text of another type (a CSV download).
    Text,
    /// Nothing (204).
    Empty,
}

/// Work the client does on an answer, beyond handing it over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hook {
    /// None.
    None,
    /// Adds `open_rate`, `reply_rate`, `click_rate` and `bounce_rate` to each analytics object.
    AnalyticsRates,
}

/// A check the spec's schemas cannot express. Field names are top-level parameters.
#[derive(Debug)]
pub enum Rule {
    /// Exactly one of the fields is set (not absent, not `null`).
    ExactlyOne(&'static [&'static str]),
    /// At most one of the fields is set.
    AtMostOne(&'static [&'static str]),
    /// When the first field is set (a non-empty array, or any other value), one of the others is
    /// set too; the message says why.
    Requires(&'static str, &'static [&'static str], &'static str),
    /// The date at the second dotted path is not before the one at the first.
    NotBefore(&'static str, &'static str),
    /// A field that must not be `null`, with the message to give when it is.
    NotNull(&'static str, &'static str),
    /// Each lead of the array field can be identified: with an `email` when the campaign field
    /// is set (campaign mode), else with an `email`, `first_name` or `last_name`.
    LeadIdentity(&'static str, &'static str),
    /// The params are one lead that can be identified the same way: with an `email` when the
    /// campaign field is set, else with an `email`, `first_name` or `last_name`.
    OneLeadIdentity(&'static str),
    /// Header names of the object field are HTTP tokens and values are single-line.
    HeaderMap(&'static str),
}

/// One operation of the API.
#[derive(Debug)]
pub struct Operation {
    /// The spec's `operationId`, e.g. `listCampaign`.
    pub id: &'static str,
    /// The client method, e.g. `campaigns.list`.
    pub call: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path template relative to `/api/v2`, e.g. `/campaigns/{id}`.
    pub path: &'static str,
    /// Path parameters in path order (all required strings).
    pub path_params: &'static [Field],
    /// Query parameters.
    pub query: &'static [Field],
    /// The JSON body's object schema (`None`: the operation sends no body).
    pub body: Option<&'static Object>,
    /// Whether a JSON body is sent even when no body field is given (`{}`).
    pub body_required: bool,
    /// True when repeating the request after a timeout, connection error or 5xx cannot
    /// duplicate an effect.
    pub retry_safe: bool,
    /// How the operation pages.
    pub paging: Paging,
    /// What a success carries.
    pub answer: Answer,
    /// Post-processing of the answer.
    pub hook: Hook,
    /// Checks beyond the schemas.
    pub rules: &'static [Rule],
    /// Keys callers mistype for another parameter: `(mistyped, meant)`.
    pub traps: &'static [(&'static str, &'static str)],
}

/// The decoded table: the operations and the value hints.
#[derive(Debug)]
pub struct Decoded {
    /// Every operation, in client order.
    pub operations: &'static [Operation],
    /// `(field name, value, suggestion)`: values outside a closed list that callers often try.
    pub value_hints: &'static [(&'static str, &'static str, &'static str)],
}

/// Decodes the table that `codegen/` encodes (`src/generated/table.rs`, written by
/// `codegen/src/emit_table.rs`); `None` when the bytes are not a well-formed table.
///
/// Layout: `IWT3`; the items (a count, then each a tag and its payload: 0 a string list, 1 a
/// schema, 2 a field list, 3 a body object; an item refers only to items before it, by number
/// within its kind); the operations; the value hints. Numbers are LEB128; an optional number is
/// 0 for none, else the value + 1; floats are 8 bytes little-endian; a string is its length
/// then its UTF-8 bytes, written where it is used (gzip shares repeated names more cheaply than
/// a pool's numbers would). Strings stay in the static bytes; the structures are built once and
/// live as long as the program.
pub fn decode(bytes: &'static [u8]) -> Option<Decoded> {
    let mut r = Reader { bytes, pos: 0 };
    if r.take(4)? != b"IWT3" {
        return None;
    }
    let mut items = Items::default();
    for _ in 0..r.var()? {
        match r.u8()? {
            0 => {
                let list = r.str_list()?;
                items.lists.push(list);
            }
            1 => {
                let schema = r.schema(&items)?;
                items.schemas.push(Box::leak(Box::new(schema)));
            }
            2 => {
                let fields = r.seq(|r| {
                    Some(Field {
                        name: r.str()?,
                        schema: items.schema(r.var()?)?,
                        required: r.bool()?,
                    })
                })?;
                items.fields.push(fields);
            }
            3 => {
                let object = r.object(&items)?;
                items.bodies.push(Box::leak(Box::new(object)));
            }
            _ => return None,
        }
    }
    let operations = r.seq(|r| r.operation(&items))?;
    let value_hints = r.seq(|r| Some((r.str()?, r.str()?, r.str()?)))?;
    (r.pos == bytes.len()).then_some(Decoded {
        operations,
        value_hints,
    })
}

fn leak<T>(v: Vec<T>) -> &'static [T] {
    Box::leak(v.into_boxed_slice())
}

/// The items decoded so far, by kind.
#[derive(Default)]
struct Items {
    lists: Vec<&'static [&'static str]>,
    schemas: Vec<&'static Schema>,
    fields: Vec<&'static [Field]>,
    bodies: Vec<&'static Object>,
}

impl Items {
    fn schema(&self, n: u32) -> Option<&'static Schema> {
        self.schemas.get(n as usize).copied()
    }

    /// An optional field list: empty for none.
    fn fields(&self, n: Option<u32>) -> Option<&'static [Field]> {
        match n {
            None => Some(&[]),
            Some(n) => self.fields.get(n as usize).copied(),
        }
    }
}

struct Reader {
    bytes: &'static [u8],
    pos: usize,
}

impl Reader {
    fn take(&mut self, n: usize) -> Option<&'static [u8]> {
        let bytes: &'static [u8] = self.bytes;
        let end = self.pos.checked_add(n)?;
        let out = bytes.get(self.pos..end)?;
        self.pos = end;
        Some(out)
    }

    fn u8(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    fn bool(&mut self) -> Option<bool> {
        match self.u8()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    /// A LEB128 number. Most numbers of the table take one byte and string numbers two: those
    /// are read without the loop.
    fn var(&mut self) -> Option<u32> {
        match *self.bytes.get(self.pos..)? {
            [first, ..] if first < 0x80 => {
                self.pos += 1;
                Some(u32::from(first))
            }
            [first, second, ..] if second < 0x80 => {
                self.pos += 2;
                Some((u32::from(first) & 0x7f) + (u32::from(second) << 7))
            }
            _ => self.long_var(),
        }
    }

    /// [`Reader::var`] for three bytes or more, a cut number or one of more than five bytes.
    fn long_var(&mut self) -> Option<u32> {
        let mut v: u32 = 0;
        for shift in (0..35).step_by(7) {
            let b = self.u8()?;
            v |= u32::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    /// An optional number (0: none).
    fn opt(&mut self) -> Option<Option<u32>> {
        Some(self.var()?.checked_sub(1))
    }

    fn f64(&mut self) -> Option<f64> {
        let b = self.take(8)?;
        Some(f64::from_le_bytes(b.try_into().ok()?))
    }

    /// A string: its length, then its UTF-8 bytes (`None` when they are not UTF-8).
    fn str(&mut self) -> Option<&'static str> {
        let n = self.var()?;
        std::str::from_utf8(self.take(n as usize)?).ok()
    }

    /// A count, then that many items read by `item`, as a slice that lives as long as the
    /// program. Each item takes at least one byte, so a count larger than the bytes left is
    /// refused rather than allocated.
    fn seq<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<&'static [T]> {
        let n = self.var()? as usize;
        if self.bytes.get(self.pos..)?.len() < n {
            return None;
        }
        let mut list = Vec::with_capacity(n);
        for _ in 0..n {
            list.push(item(self)?);
        }
        Some(leak(list))
    }

    fn str_list(&mut self) -> Option<&'static [&'static str]> {
        self.seq(Self::str)
    }

    fn schema(&mut self, items: &Items) -> Option<Schema> {
        let tag = self.u8()?;
        let kind = match tag & 0x0f {
            0 => Kind::Any,
            1 => Kind::Bool,
            2 => Kind::BoolIs(false),
            3 => Kind::BoolIs(true),
            4 => Kind::Str(Str {
                format: format(self.u8()?)?,
                values: match self.opt()? {
                    None => &[],
                    Some(n) => items.lists.get(n as usize).copied()?,
                },
                min_len: self.var()?,
                max_len: self.opt()?.unwrap_or(u32::MAX),
            }),
            5 => {
                let flags = self.u8()?;
                let min = if flags & 2 != 0 {
                    self.f64()?
                } else {
                    f64::NEG_INFINITY
                };
                let max = if flags & 4 != 0 {
                    self.f64()?
                } else {
                    f64::INFINITY
                };
                Kind::Num(Num {
                    integer: flags & 1 != 0,
                    min,
                    max,
                    values: self.seq(Self::f64)?,
                })
            }
            6 => Kind::Array(Array {
                items: items.schema(self.var()?)?,
                min: self.var()?,
                max: self.opt()?.unwrap_or(u32::MAX),
                contains: match self.opt()? {
                    None => None,
                    Some(n) => Some(items.schema(n)?),
                },
            }),
            7 => Kind::Object(self.object(items)?),
            8 => Kind::OneOf(self.seq(|r| items.schema(r.var()?))?),
            _ => return None,
        };
        let not = if tag & 0x20 != 0 {
            Some(items.schema(self.var()?)?)
        } else {
            None
        };
        Some(Schema {
            kind,
            nullable: tag & 0x10 != 0,
            not,
        })
    }

    fn object(&mut self, items: &Items) -> Option<Object> {
        let fields = items.fields(self.opt()?)?;
        let extra = match self.u8()? {
            0 => Extra::Deny,
            1 => Extra::Any,
            2 => Extra::Values(items.schema(self.var()?)?),
            _ => return None,
        };
        let min_props = self.var()?;
        Some(Object {
            fields,
            extra,
            min_props,
            any_of: self.seq(|r| items.schema(r.var()?))?,
        })
    }

    fn operation(&mut self, items: &Items) -> Option<Operation> {
        let id = self.str()?;
        let call = self.str()?;
        let method = match self.u8()? {
            0 => Method::Get,
            1 => Method::Post,
            2 => Method::Put,
            3 => Method::Patch,
            4 => Method::Delete,
            _ => return None,
        };
        let path = self.str()?;
        let path_params = items.fields(self.opt()?)?;
        let query = items.fields(self.opt()?)?;
        let body = match self.opt()? {
            None => None,
            Some(n) => Some(items.bodies.get(n as usize).copied()?),
        };
        let flags = self.u8()?;
        let paging = match self.u8()? {
            0 => Paging::None,
            1 => Paging::Query,
            2 => Paging::Body,
            _ => return None,
        };
        let answer = match self.u8()? {
            0 => Answer::Json,
            1 => Answer::Text,
            2 => Answer::Empty,
            _ => return None,
        };
        let hook = match self.u8()? {
            0 => Hook::None,
            1 => Hook::AnalyticsRates,
            _ => return None,
        };
        let rules = self.seq(Self::rule)?;
        let traps = self.seq(|r| Some((r.str()?, r.str()?)))?;
        Some(Operation {
            id,
            call,
            method,
            path,
            path_params,
            query,
            body,
            body_required: flags & 1 != 0,
            retry_safe: flags & 2 != 0,
            paging,
            answer,
            hook,
            rules,
            traps,
        })
    }

    fn rule(&mut self) -> Option<Rule> {
        Some(match self.u8()? {
            0 => Rule::ExactlyOne(self.str_list()?),
            1 => Rule::AtMostOne(self.str_list()?),
            2 => Rule::Requires(self.str()?, self.str_list()?, self.str()?),
            3 => Rule::NotBefore(self.str()?, self.str()?),
            4 => Rule::NotNull(self.str()?, self.str()?),
            5 => Rule::LeadIdentity(self.str()?, self.str()?),
            6 => Rule::OneLeadIdentity(self.str()?),
            7 => Rule::HeaderMap(self.str()?),
            _ => return None,
        })
    }
}

/// The [`Format`] with this code (see [`Format::ALL`]).
fn format(code: u8) -> Option<Format> {
    Format::ALL.get(usize::from(code)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generated::table::TABLE;

    #[test]
    fn the_generated_table_decodes_whole() {
        let d = decode(TABLE).expect("the generated table decodes");
        assert_eq!(d.operations.len(), 173);
        assert!(!d.value_hints.is_empty());
        let list = d
            .operations
            .iter()
            .find(|o| o.call == "leads.list")
            .unwrap();
        assert_eq!((list.method, list.path), (Method::Post, "/leads/list"));
        assert_eq!(list.paging, Paging::Body);
        let body = list.body.expect("a body");
        let limit = body.fields.iter().find(|f| f.name == "limit").unwrap();
        let Kind::Num(n) = &limit.schema.kind else {
            panic!("limit is a number")
        };
        assert!(n.integer && n.min == 1.0 && n.max == 100.0, "{n:?}");
        let get = d
            .operations
            .iter()
            .find(|o| o.call == "campaigns.get")
            .unwrap();
        assert_eq!(get.path_params.len(), 1);
        let Kind::Str(s) = &get.path_params[0].schema.kind else {
            panic!("a string path value")
        };
        assert_eq!(s.format, Format::Uuid);
        // The two flags, against the generator's counts (codegen's old static table had 124
        // retry-safe operations and 47 that always send a body).
        assert_eq!(d.operations.iter().filter(|o| o.retry_safe).count(), 124);
        assert_eq!(d.operations.iter().filter(|o| o.body_required).count(), 47);
        let create = d
            .operations
            .iter()
            .find(|o| o.call == "accounts.create")
            .unwrap();
        assert!(create.body_required && !create.retry_safe);
        let daily = d
            .operations
            .iter()
            .find(|o| o.call == "accounts.dailyAnalytics")
            .unwrap();
        assert!(!daily.body_required && daily.retry_safe);
        assert!(d.operations.iter().any(|o| !o.rules.is_empty()));
        assert!(d.operations.iter().any(|o| o.hook == Hook::AnalyticsRates));
        assert!(d.operations.iter().any(|o| o.answer == Answer::Empty));
    }

    /// A minimal table written by hand in the encoding (see [`decode`]), with what the spec's
    /// table happens not to use: a `PUT`, a boolean that must be `false`.
    #[test]
    fn every_method_and_schema_kind_decodes() {
        // Items: schema 0 = BoolIs(false); schema 1 = nullable BoolIs(true) with not: schema 0;
        // field list 0 = [flag: schema 0 (required), v: schema 1].
        let items = b"IWT3\x03\x01\x02\x01\x33\x00\x02\x02\x04flag\x00\x01\x01v\x01\x00";
        let mut b = items.to_vec();
        // One operation: id "id", call "x.put", PUT, path "/x", no path params, query = field
        // list 0, no body, flags (body required, not retry-safe), paging none, answer empty, no
        // hook, no rules, no traps; then no value hints.
        b.extend_from_slice(
            b"\x01\x02id\x05x.put\x02\x02/x\x00\x01\x00\x01\x00\x02\x00\x00\x00\x00",
        );
        let d = decode(Box::leak(b.into_boxed_slice())).expect("decodes");
        let op = &d.operations[0];
        assert_eq!(
            (op.id, op.call, op.method, op.path),
            ("id", "x.put", Method::Put, "/x")
        );
        assert!(op.body_required && !op.retry_safe && op.body.is_none());
        assert_eq!(
            (op.paging, op.answer, op.hook),
            (Paging::None, Answer::Empty, Hook::None)
        );
        let [flag, v] = op.query else {
            panic!("two query fields")
        };
        assert_eq!(
            (flag.name, flag.required, v.name, v.required),
            ("flag", true, "v", false)
        );
        assert!(matches!(flag.schema.kind, Kind::BoolIs(false)) && !flag.schema.nullable);
        assert!(matches!(v.schema.kind, Kind::BoolIs(true)) && v.schema.nullable);
        assert!(matches!(
            v.schema.not.map(|n| &n.kind),
            Some(Kind::BoolIs(false))
        ));
        // The same operation as GET, PATCH and DELETE, retry-safe and without a required body.
        for (code, method) in [(0u8, Method::Get), (3, Method::Patch), (4, Method::Delete)] {
            let mut b = items.to_vec();
            b.extend_from_slice(b"\x01\x02id\x05x.put");
            b.push(code);
            b.extend_from_slice(b"\x02/x\x00\x01\x00\x02\x00\x02\x00\x00\x00\x00");
            let d = decode(Box::leak(b.into_boxed_slice())).expect("decodes");
            let op = &d.operations[0];
            assert_eq!(op.method, method);
            assert!(!op.body_required && op.retry_safe);
        }
        // A string whose bytes are not UTF-8, or longer than the bytes left, is refused.
        let mut bad = items.to_vec();
        bad.extend_from_slice(
            b"\x01\x02\xff\xfe\x05x.put\x02\x02/x\x00\x01\x00\x01\x00\x02\x00\x00\x00\x00",
        );
        assert!(decode(Box::leak(bad.into_boxed_slice())).is_none());
        let mut cut = items.to_vec();
        cut.extend_from_slice(b"\x01\x7fid");
        assert!(decode(Box::leak(cut.into_boxed_slice())).is_none());
    }

    /// Numbers of one to five bytes read back in sequence, each ending where the next starts;
    /// a cut number and one of more than five bytes are refused.
    #[test]
    fn numbers_of_every_length_decode() {
        let values = [
            0,
            1,
            127,
            128,
            129,
            300,
            16_383,
            16_384,
            16_385,
            2_097_151,
            2_097_152,
            u32::MAX,
        ];
        let mut bytes = Vec::new();
        for &v in &values {
            let mut v = v;
            while v >= 0x80 {
                bytes.push((v as u8 & 0x7f) | 0x80);
                v >>= 7;
            }
            bytes.push(v as u8);
        }
        // 16,385 is written 0x81 0x80 0x01: a second byte that continues.
        assert!(bytes.windows(3).any(|w| w == [0x81, 0x80, 0x01]));
        let mut r = Reader {
            bytes: Box::leak(bytes.into_boxed_slice()),
            pos: 0,
        };
        for &v in &values {
            assert_eq!(r.var(), Some(v));
        }
        assert_eq!(r.pos, r.bytes.len());
        for bad in [
            &[0x80u8][..],
            &[0xff, 0x80],
            &[0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
        ] {
            let mut r = Reader {
                bytes: Box::leak(bad.to_vec().into_boxed_slice()),
                pos: 0,
            };
            assert_eq!(r.var(), None, "{bad:?}");
        }
    }

    /// xorshift: reproducible mutations without a dependency.
    fn next(x: &mut u64) -> u64 {
        *x ^= *x << 13;
        *x ^= *x >> 7;
        *x ^= *x << 17;
        *x
    }

    #[test]
    fn malformed_bytes_decode_to_none_never_a_panic() {
        let leaked = |v: Vec<u8>| -> &'static [u8] { Box::leak(v.into_boxed_slice()) };
        assert!(decode(b"").is_none());
        assert!(decode(b"IWT3").is_none());
        // A table of an earlier layout.
        assert!(decode(b"IWT2\x00\x00\x00\x00").is_none());
        // Every 61st prefix (a cut anywhere leaves a table that ends too soon), and the whole
        // table with one more byte (trailing bytes are refused).
        for end in (0..TABLE.len()).step_by(61) {
            assert!(decode(&TABLE[..end]).is_none(), "prefix of {end} bytes");
        }
        let mut longer = TABLE.to_vec();
        longer.push(0);
        assert!(decode(leaked(longer)).is_none());
        // Random byte changes: decoding may succeed or fail, but never panics.
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..300 {
            let mut bytes = TABLE.to_vec();
            for _ in 0..1 + next(&mut x) % 4 {
                let i = (next(&mut x) % bytes.len() as u64) as usize;
                bytes[i] = next(&mut x) as u8;
            }
            let _ = decode(leaked(bytes));
        }
    }
}
