//! Small string helpers that keep the wasm lean.
//!
//! `[S].join` instantiates the standard library's generic copying join once per element type
//! (about 0.9 KB of wasm each), and `str::find` / `contains` / `replace` with a `&str` pattern
//! bring in the two-way substring searcher (about 2.5 KB). What this crate joins and searches
//! is short (error messages, a path template, a query), so a plain loop does the same work, and
//! hexadecimal digits are written without the formatter.

/// `parts` joined with `sep` between them.
pub(crate) fn join<S: AsRef<str>>(parts: &[S], sep: &str) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(part.as_ref());
    }
    out
}

/// The byte offset of the first occurrence of `needle` in `haystack` (an empty needle is
/// found at 0).
pub(crate) fn find(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return Some(0);
    }
    // A match of a whole `&str` starts and ends on character boundaries, so the byte offset
    // is a valid `str` index.
    h.windows(n.len()).position(|w| w == n)
}

/// `text` with every occurrence of `needle` (not empty) replaced by `with`, or `None` when
/// there is none.
pub(crate) fn replace_all(text: &str, needle: &str, with: &str) -> Option<String> {
    if needle.is_empty() {
        return None;
    }
    let mut at = find(text, needle)?;
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        out.push_str(&rest[..at]);
        out.push_str(with);
        rest = &rest[at + needle.len()..];
        match find(rest, needle) {
            Some(next) => at = next,
            None => break,
        }
    }
    out.push_str(rest);
    Some(out)
}

/// `bytes` as lowercase hexadecimal, two digits per byte.
pub(crate) fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        push_hex(&mut out, b, b"0123456789abcdef");
    }
    out
}

/// Appends the two hexadecimal digits of `b`, from `digits` (lowercase or uppercase).
pub(crate) fn push_hex(out: &mut String, b: u8, digits: &[u8; 16]) {
    out.push(digits[usize::from(b >> 4)] as char);
    out.push(digits[usize::from(b & 15)] as char);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_like_the_standard_join() {
        for parts in [&[][..], &["a"][..], &["a", "b", "c"][..], &["", "", ""][..]] {
            assert_eq!(join(parts, ", "), parts.join(", "));
            let owned: Vec<String> = parts.iter().map(|s| s.to_string()).collect();
            assert_eq!(join(&owned, "+"), owned.join("+"));
        }
    }

    #[test]
    fn hex_digits_like_the_formatter() {
        let all: Vec<u8> = (0..=255).collect();
        let expected: String = all.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex(&all), expected);
        let mut upper = String::new();
        push_hex(&mut upper, 0xAF, b"0123456789ABCDEF");
        push_hex(&mut upper, 0x07, b"0123456789ABCDEF");
        assert_eq!(upper, "AF07");
    }

    #[test]
    fn finds_like_the_standard_find() {
        let cases = [
            ("", ""),
            ("", "a"),
            ("abc", ""),
            ("abc", "c"),
            ("abcabc", "ca"),
            ("ab", "abc"),
            ("aaab", "aab"),
            ("/x/{id}/y/{id}", "{id}"),
            ("é{ü}é", "{ü}"),
        ];
        for (h, n) in cases {
            assert_eq!(find(h, n), h.find(n), "{h:?} {n:?}");
        }
    }

    #[test]
    fn replaces_like_the_standard_replace() {
        let cases = [
            ("no match here", "key"),
            ("key", "key"),
            ("keykey", "key"),
            ("a key and a key.", "key"),
            ("kkey", "key"),
            ("ééKEYé", "KEY"),
        ];
        for (text, needle) in cases {
            let expected = text.contains(needle).then(|| text.replace(needle, "[x]"));
            assert_eq!(replace_all(text, needle, "[x]"), expected, "{text:?}");
        }
        assert_eq!(replace_all("abc", "", "x"), None);
    }
}
