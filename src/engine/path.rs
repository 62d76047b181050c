//! Where a value is in a caller's params, as the checks descend into them: a chain of steps on
//! the stack, written out as text (`campaign_schedule.schedules[0].timing.from`) only when an
//! error names it. Most values pass, and building their path text would cost an allocation
//! each.

/// A value's place: the params themselves or a prefix given as text (`""`, `"[3]"` for an item
/// of an import), a key below a place, or an index below one.
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    /// A place given as text; `""` is the params themselves.
    Text(&'a str),
    /// The value under a key of an object.
    Key(&'a Path<'a>, &'a str),
    /// An item of an array.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// Whether this is the params themselves (the empty text).
    pub fn is_empty(&self) -> bool {
        matches!(self, Path::Text(t) if t.is_empty())
    }

    /// The value under `key` here.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    /// The item at `index` here.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    /// The path as text: keys joined by `.`, indices in brackets (`a.b[2].c`, `[3].email`).
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Path::Text(t) => out.push_str(t),
            Path::Key(parent, key) => {
                parent.write(out);
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Path::Index(parent, i) => {
                parent.write(out);
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Path;

    #[test]
    fn paths_read_as_the_messages_name_fields() {
        let top = Path::Text("");
        assert_eq!(top.text(), "");
        assert_eq!(top.key("email").text(), "email");
        let leads = top.key("leads");
        let third = leads.index(3);
        assert_eq!(third.key("email").text(), "leads[3].email");
        let item = Path::Text("[3]");
        assert_eq!(item.key("email").text(), "[3].email");
        let tags = item.key("tags");
        assert_eq!(tags.index(0).index(1).text(), "[3].tags[0][1]");
        assert_eq!(top.index(0).text(), "[0]");
    }
}
