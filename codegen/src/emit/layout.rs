//! The last touches on formatted code: blank lines between items (prettyplease packs them)
//! and doc comments wrapped at 100 columns.

/// Longest line a doc comment may have.
pub const MAX_COLUMNS: usize = 100;

/// Puts a blank line between items, so generated files and snapshots read like hand-written
/// code.
pub fn space_items(code: &str) -> String {
    const STARTS: &[&str] = &[
        "///", "#[", "pub ", "fn ", "impl", "mod ", "const ", "static ", "type ", "struct ",
        "enum ", "async ", "use ",
    ];
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    let mut prev: Option<&str> = None;
    // Whether the top-level item being printed is a `use` (consecutive ones stay together).
    let mut in_use = false;
    for line in code.lines() {
        let was_use = in_use;
        if !line.starts_with(' ') && !line.starts_with('}') && !line.is_empty() {
            in_use = line.starts_with("use ");
        }
        if let Some(p) = prev {
            let indent = line.len() - line.trim_start().len();
            let p_indent = p.len() - p.trim_start().len();
            let starts_item = STARTS.iter().any(|s| line.trim_start().starts_with(s));
            // A declaration (`fn f(..);`, in a `setters!` list) keeps the next one close.
            let item_after_statement = p.ends_with(';')
                && !p.trim_start().starts_with("//")
                && !p.trim_start().starts_with("fn ")
                && (indent == 0 || line.trim_start().starts_with("///"))
                && !(was_use && line.starts_with("use "));
            let closes = p.trim() == "}" || p.ends_with(" {}") || item_after_statement;
            let after_module_docs = indent == 0 && p.starts_with("//!") && !line.starts_with("//!");
            if (indent == p_indent && closes && starts_item) || after_module_docs {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        prev = Some(line);
    }
    out
}

/// Wraps doc-comment lines longer than [`MAX_COLUMNS`] at spaces, keeping the spec's own
/// line breaks; code blocks and table rows are left alone.
pub fn wrap_docs(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + code.len() / 32);
    let mut in_fence = false;
    for line in code.lines() {
        let trimmed = line.trim_start();
        let marker = ["/// ", "//! "]
            .into_iter()
            .find(|m| trimmed.starts_with(m));
        let Some(marker) = marker else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let text = &trimmed[marker.len()..];
        if text.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        if in_fence || text.starts_with('|') || line.chars().count() <= MAX_COLUMNS {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let prefix = format!("{}{marker}", &line[..line.len() - trimmed.len()]);
        let room = MAX_COLUMNS.saturating_sub(prefix.chars().count()).max(20);
        let mut current = String::new();
        for word in text.split(' ') {
            let needed = if current.is_empty() {
                word.chars().count()
            } else {
                current.chars().count() + 1 + word.chars().count()
            };
            if needed > room && !current.is_empty() {
                out.push_str(&prefix);
                out.push_str(&current);
                out.push('\n');
                current.clear();
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        out.push_str(&prefix);
        out.push_str(&current);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_doc_lines_wrap_at_100_columns() {
        let long = format!("    /// {}", "word ".repeat(40).trim_end());
        let wrapped = wrap_docs(&format!("{long}\nfn f() {{}}\n"));
        for l in wrapped.lines() {
            assert!(l.chars().count() <= MAX_COLUMNS, "{l}");
        }
        assert!(
            wrapped
                .lines()
                .filter(|l| l.starts_with("    /// word"))
                .count()
                >= 2
        );
        assert!(wrapped.ends_with("fn f() {}\n"));
        let code = format!("/// ```\n/// {}\n/// ```\n", "x ".repeat(80));
        assert_eq!(wrap_docs(&code), code, "code blocks are kept");
    }
}
