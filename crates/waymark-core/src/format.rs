//! The file format: parsing a `*.journey.json` document and writing it canonically.
//!
//! Canonical means the same journey always serializes to the same bytes: nodes sorted by id,
//! edges by (from, port, to), keys in the order of the Rust types, two-space indentation and a
//! final newline. Parsing the canonical text and writing it again gives the same bytes, so a
//! `git diff` of two canonical files shows only real changes.

use std::fmt;

use crate::model::{FORMAT, JourneyDocument};

/// Documents larger than this are refused before parsing.
pub const MAX_DOCUMENT_BYTES: usize = 32 * 1024 * 1024;

/// Why bytes could not be read as a journey document, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub kind: ParseErrorKind,
    /// What went wrong, in words.
    pub message: String,
    /// 1-based line and column, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The JSON path of the offending value (`nodes[2].delay`), for errors about content.
    pub path: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseErrorKind {
    Empty,
    TooLarge,
    NotUtf8,
    /// Not JSON at all: a syntax error, or nesting too deep.
    Syntax,
    /// Valid JSON that is not a journey: missing fields, wrong types, unknown kinds.
    Content,
    /// A `format` this version does not read.
    UnsupportedFormat,
}

impl ParseError {
    fn new(kind: ParseErrorKind, message: impl Into<String>) -> ParseError {
        ParseError { kind, message: escape_controls(&message.into()), line: None, column: None, path: None }
    }

    /// The place, as `line:column` and/or the JSON path, for error messages.
    pub fn place(&self) -> Option<String> {
        let position = match (self.line, self.column) {
            (Some(line), Some(column)) => Some(format!("{line}:{column}")),
            _ => None,
        };
        match (position, &self.path) {
            (Some(position), Some(path)) => Some(format!("{position} (at {path})")),
            (Some(position), None) => Some(position),
            (None, Some(path)) => Some(format!("at {path}")),
            (None, None) => None,
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.place() {
            Some(place) => write!(f, "{place}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ParseError {}

/// Refuses a document by its size before it is read whole.
pub fn check_size(len: u64) -> Result<(), ParseError> {
    if len > MAX_DOCUMENT_BYTES as u64 {
        return Err(ParseError::new(
            ParseErrorKind::TooLarge,
            format!(
                "the document is {:.1} MB, larger than the {} MB a journey may be",
                len as f64 / 1_048_576.0,
                MAX_DOCUMENT_BYTES / 1_048_576
            ),
        ));
    }
    Ok(())
}

/// Parses raw bytes, reporting non-UTF-8 input with its line and column.
pub fn parse_bytes(bytes: &[u8]) -> Result<JourneyDocument, ParseError> {
    check_size(bytes.len() as u64)?;
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let valid = &bytes[..error.valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..]).chars().count() + 1;
        ParseError {
            line: Some(line),
            column: Some(column),
            ..ParseError::new(
                ParseErrorKind::NotUtf8,
                format!("the file is not UTF-8 text (invalid byte at offset {})", error.valid_up_to()),
            )
        }
    })?;
    parse(text)
}

/// Parses a journey document from JSON text.
pub fn parse(text: &str) -> Result<JourneyDocument, ParseError> {
    check_size(text.len() as u64)?;
    if text.trim().is_empty() {
        return Err(ParseError::new(ParseErrorKind::Empty, "the file is empty; a journey is a JSON object"));
    }
    let first = text.trim_start().chars().next().unwrap_or(' ');
    if first != '{' {
        let offset = text.len() - text.trim_start().len();
        let line = text[..offset].matches('\n').count() + 1;
        let column = text[..offset].rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        return Err(ParseError {
            line: Some(line),
            column: Some(column),
            ..ParseError::new(
                ParseErrorKind::Syntax,
                format!("a journey is a JSON object starting with `{{`, not `{first}`"),
            )
        });
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let document: JourneyDocument = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        json_error(error.into_inner(), Some(path))
    })?;
    // Trailing characters after the document are a syntax error too.
    deserializer.end().map_err(|error| json_error(error, None))?;
    if document.format != FORMAT {
        return Err(ParseError {
            path: Some("format".to_owned()),
            ..ParseError::new(
                ParseErrorKind::UnsupportedFormat,
                format!("unsupported format `{}`; this version of Waymark reads `{FORMAT}`", document.format),
            )
        });
    }
    Ok(document)
}

fn json_error(error: serde_json::Error, path: Option<String>) -> ParseError {
    let kind = match error.classify() {
        serde_json::error::Category::Data => ParseErrorKind::Content,
        _ => ParseErrorKind::Syntax,
    };
    ParseError {
        kind,
        message: json_message(&error),
        line: (error.line() > 0).then_some(error.line()),
        column: (error.line() > 0).then_some(error.column()),
        path: path.filter(|path| path != "." && path != "?").map(|path| escape_controls(&shorten_path(path))),
    }
}

/// serde_json's message in our words, without its position and with the file's control
/// characters escaped.
pub(crate) fn json_message(error: &serde_json::Error) -> String {
    let message = strip_position(&error.to_string());
    // serde_json says "unexpected end of hex escape" for `"\ud800"` not followed by a second
    // `\u` escape: the only cause of that message, as of serde_json 1.0.
    if message == "unexpected end of hex escape" || message == "lone leading surrogate in hex escape" {
        return "a lone surrogate: a `\\u` escape between `\\ud800` and `\\udfff` is half of a character \
                and must be paired (`\\ud83d\\ude00`); write the character itself instead"
            .to_owned();
    }
    escape_controls(&message)
}

/// Escapes control characters (`\r`, `\n`, `\u{1b}`…) so that text quoted from a file cannot
/// move the cursor or rewrite the line an error is printed on.
pub fn escape_controls(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_owned();
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            escaped.extend(c.escape_debug());
        } else {
            escaped.push(c);
        }
    }
    escaped
}

/// Deeply nested input gives paths like `value[0][0][0]…`; the start says enough.
fn shorten_path(path: String) -> String {
    const LIMIT: usize = 80;
    if path.len() <= LIMIT {
        return path;
    }
    // Cut on a character boundary: a path may hold any key, in any script.
    let limit = path.floor_char_boundary(LIMIT);
    let cut = path[..limit].rfind(['.', '[']).unwrap_or(limit);
    format!("{}…", &path[..cut])
}

/// serde_json appends " at line L column C" to its messages; the place is reported separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(index) => message[..index].to_owned(),
        None => message.to_owned(),
    }
}

/// Puts the document in canonical order: nodes by id, edges by (from, port, to).
pub fn canonicalize(document: &mut JourneyDocument) {
    document.nodes.sort_by(|a, b| a.id.cmp(&b.id));
    document.edges.sort();
}

/// The canonical text of a document: the bytes that are hashed, stored and written to files.
pub fn to_canonical_json(document: &JourneyDocument) -> String {
    let mut sorted;
    let document = if is_canonical_order(document) {
        document
    } else {
        sorted = document.clone();
        canonicalize(&mut sorted);
        &sorted
    };
    let mut text = serde_json::to_string_pretty(document).expect("journey documents always serialize");
    text.push('\n');
    text
}

fn is_canonical_order(document: &JourneyDocument) -> bool {
    document.nodes.windows(2).all(|pair| pair[0].id <= pair[1].id) && document.edges.is_sorted()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_error_paths_are_cut_between_characters() {
        // Found by the `parse` fuzz target: the cut at byte 80 fell inside a two-byte character.
        let path = format!("nodes[0].{}", "é".repeat(50));
        let short = shorten_path(path.clone());
        assert!(short.ends_with('…') && short.len() < path.len(), "{short}");
        let key = format!(r"{}\u07bd", r"\u007f".repeat(40));
        let input = format!(
            r#"{{"format": "waymark.journey/1", "id": "a", "name": "A", "nodes": [{{"{key}": 1}}], "edges": []}}"#
        );
        assert!(parse_bytes(input.as_bytes()).is_err());
    }

    fn check(input: &[u8], expect: &str) {
        let got = match parse_bytes(input) {
            Ok(document) => format!("ok: {}", document.id),
            Err(error) => format!("{:?} {error}", error.kind),
        };
        assert_eq!(got, expect);
    }

    const MINIMAL: &str = r#"{"format":"waymark.journey/1","id":"j","name":"J","nodes":[]}"#;

    #[test]
    fn reports_the_place_of_each_kind_of_bad_input() {
        check(MINIMAL.as_bytes(), "ok: j");
        check(b"", "Empty the file is empty; a journey is a JSON object");
        check(b"  \n ", "Empty the file is empty; a journey is a JSON object");
        check(b"{\n  \"format\": \xff}", "NotUtf8 2:13: the file is not UTF-8 text (invalid byte at offset 14)");
        check(b"{\"format\": }", "Syntax 1:12 (at format): expected value");
        check(format!("{MINIMAL} {{}}").as_bytes(), "Syntax 1:63: trailing characters");
        check(b"\n  [1, 2]", "Syntax 2:3: a journey is a JSON object starting with `{`, not `[`");
        check(
            br#"{"format":"waymark.journey/1","id":"j","name":"J","nodes":[{"id":"a","kind":"teleport"}]}"#,
            "Content 1:87 (at nodes[0]): unknown variant `teleport`, expected one of `entry`, `wait`, `wait_for_event`, `branch`, `split`, `parallel`, `message`, `update`, `exit`",
        );
        check(
            br#"{"format":"waymark.journey/1","id":7}"#,
            "Content 1:36 (at id): invalid type: integer `7`, expected a string",
        );
        check(br#"{"format":"waymark.journey/1","id":"j"}"#, "Content 1:39: missing field `name`");
        check(
            br#"{"format":"waymark.journey/9","id":"j","name":"J","nodes":[]}"#,
            "UnsupportedFormat at format: unsupported format `waymark.journey/9`; this version of Waymark reads `waymark.journey/1`",
        );
    }

    #[test]
    fn deep_nesting_is_a_syntax_error_not_a_stack_overflow() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        check(deep.as_bytes(), "Syntax 1:1: a journey is a JSON object starting with `{`, not `[`");
        let nested = format!(
            r#"{{"format":"waymark.journey/1","id":"j","name":"J","nodes":[{{"id":"b","kind":"branch","cases":[{{"port":"p","when":{{"attr":"a","op":"eq","value":{}}}}}]}}]}}"#,
            deep
        );
        check(
            nested.as_bytes(),
            "Syntax 1:265 (at nodes[0].cases[0].when.value[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]…): recursion limit exceeded",
        );
    }

    #[test]
    fn control_characters_quoted_from_the_file_are_escaped() {
        check(
            b"{\"format\":\"waymark.journey/1\",\"id\":\"j\",\"name\":\"J\",\"nodes\":[{\"id\":\"a\",\"kind\":\"x\\r\\nok\\u001b[2K\"}]}",
            "Content 1:95 (at nodes[0]): unknown variant `x\\r\\nok\\u{1b}[2K`, expected one of `entry`, `wait`, `wait_for_event`, `branch`, `split`, `parallel`, `message`, `update`, `exit`",
        );
        check(b"\x1b[2K", "Syntax 1:1: a journey is a JSON object starting with `{`, not `\\u{1b}`");
        assert_eq!(escape_controls("a\tb\u{7f}\u{85}"), "a\\tb\\u{7f}\\u{85}");
    }

    #[test]
    fn a_lone_surrogate_is_named_in_plain_words() {
        let lone = "Syntax 1:43 (at id): a lone surrogate: a `\\u` escape between `\\ud800` and `\\udfff` is half of a character and must be paired (`\\ud83d\\ude00`); write the character itself instead";
        check(br#"{"format":"waymark.journey/1","id":"\ud800"}"#, lone);
        check(br#"{"format":"waymark.journey/1","id":"\ud800\u0041"}"#, &lone.replace("1:43", "1:48"));
    }

    #[test]
    fn oversized_documents_are_refused() {
        let error = check_size(50 * 1_048_576).unwrap_err();
        assert_eq!(error.to_string(), "the document is 50.0 MB, larger than the 32 MB a journey may be");
    }
}
