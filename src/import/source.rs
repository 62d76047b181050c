//! Where an import reads its leads: a [`LeadSource`] yields rows in input order, a batch at a
//! time, so an import holds only the chunks it is sending, whatever the input's length.

use super::lead::Lead;
use crate::error::Result;
use std::future::Future;

/// One input row: a lead, or why the source could not make one of it (a CSV row with a bad
/// column, a value that is not a lead object). A bad row is reported `rejected` with the reason.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// A lead to check and send.
    Lead(Box<Lead>),
    /// A row that is not a lead.
    Bad {
        /// Why.
        reason: String,
        /// The field at fault, when one is.
        field: Option<String>,
    },
}

/// The leads of an import, in order.
pub trait LeadSource {
    /// Up to `max` more rows (at least one unless the input is over); an empty batch ends the
    /// input. An error ends the import's reading: the rows read so far are still sent and
    /// accounted for, and the report says why it stopped.
    fn next_rows(&mut self, max: usize) -> impl Future<Output = Result<Vec<Row>>>;

    /// Rows not yet read, when the source knows (an in-memory list does): an import that
    /// stops early reports them `failed`, instead of leaving them out of the report.
    fn remaining(&self) -> Option<u64> {
        None
    }

    /// The import stopped before the input's end (abort, a progress error, a bad item): let
    /// the source release what it holds (an iterator's `return()`, a stream's `cancel()`).
    fn close(&mut self) {}
}

/// A list of leads in memory: borrowed (each row a copy) or owned (each row moved out).
#[derive(Debug)]
pub struct VecSource<'a> {
    leads: Leads<'a>,
}

#[derive(Debug)]
enum Leads<'a> {
    Borrowed(&'a [Lead]),
    Owned(std::vec::IntoIter<Lead>),
}

impl<'a> VecSource<'a> {
    /// Reads `leads` from the start, copying each row it hands out.
    pub fn new(leads: &'a [Lead]) -> Self {
        VecSource {
            leads: Leads::Borrowed(leads),
        }
    }

    /// Reads `leads` from the start, moving each row out (no copy of a lead is made).
    pub fn owned(leads: Vec<Lead>) -> VecSource<'static> {
        VecSource {
            leads: Leads::Owned(leads.into_iter()),
        }
    }
}

impl LeadSource for VecSource<'_> {
    async fn next_rows(&mut self, max: usize) -> Result<Vec<Row>> {
        let row = |l: Lead| Row::Lead(Box::new(l));
        Ok(match &mut self.leads {
            Leads::Borrowed(leads) => {
                let all: &[Lead] = leads;
                let (now, rest) = all.split_at(max.min(all.len()));
                *leads = rest;
                now.iter().cloned().map(row).collect()
            }
            Leads::Owned(leads) => leads.take(max).map(row).collect(),
        })
    }

    fn remaining(&self) -> Option<u64> {
        Some(match &self.leads {
            Leads::Borrowed(leads) => leads.len(),
            Leads::Owned(leads) => leads.len(),
        } as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leads(n: usize) -> Vec<Lead> {
        (0..n)
            .map(|i| {
                let mut lead = Lead::new();
                lead.insert("email".into(), format!("l{i}@example.com").into());
                lead
            })
            .collect()
    }

    fn read_all(source: &mut VecSource<'_>, max: usize) -> Vec<(Vec<Row>, Option<u64>)> {
        let mut batches = Vec::new();
        loop {
            let rows = futures::executor::block_on(source.next_rows(max)).unwrap();
            if rows.is_empty() {
                return batches;
            }
            batches.push((rows, source.remaining()));
        }
    }

    #[test]
    fn borrowed_and_owned_lists_give_the_same_rows_in_order() {
        let input = leads(7);
        let borrowed = read_all(&mut VecSource::new(&input), 3);
        let owned = read_all(&mut VecSource::owned(input.clone()), 3);
        assert_eq!(borrowed, owned);
        let sizes: Vec<(usize, Option<u64>)> = owned
            .iter()
            .map(|(rows, left)| (rows.len(), *left))
            .collect();
        assert_eq!(sizes, [(3, Some(4)), (3, Some(1)), (1, Some(0))]);
        let rows: Vec<Row> = owned.into_iter().flat_map(|(rows, _)| rows).collect();
        let expected: Vec<Row> = input.into_iter().map(|l| Row::Lead(Box::new(l))).collect();
        assert_eq!(rows, expected);
    }
}
