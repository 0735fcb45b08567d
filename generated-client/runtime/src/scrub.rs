//! Removing secrets from error text: every secret a request can leak, in each form a server
//! may echo it back in.

/// Replaces secrets with `[redacted]`; built once per error and applied to every text of it.
pub(crate) struct Scrubber {
    forms: Vec<String>,
}

impl Scrubber {
    pub(crate) fn new(secrets: impl IntoIterator<Item = String>) -> Self {
        // Secrets shorter than this would mangle ordinary text; real keys are longer.
        const MIN_SCRUBBED: usize = 4;
        let mut forms = Vec::new();
        for s in secrets.into_iter().filter(|s| s.len() >= MIN_SCRUBBED) {
            // As JSON escapes it (quotes, backslashes, control characters), with PHP's
            // `\/` for `/`, and as it appears in a URL query.
            let json = serde_json::to_string(&s).unwrap_or_default();
            let json = json[1..json.len().saturating_sub(1).max(1)].to_owned();
            let url: String = url::form_urlencoded::byte_serialize(s.as_bytes()).collect();
            forms.push(json.replace('/', "\\/"));
            forms.extend([json, url, s]);
        }
        // Longest first, so a form that contains another is replaced whole.
        forms.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        forms.dedup();
        Scrubber { forms }
    }

    /// `text` with every form of every secret replaced by `[redacted]`.
    pub(crate) fn scrub(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for form in &self.forms {
            if out.contains(form.as_str()) {
                out = out.replace(form.as_str(), "[redacted]");
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Scrubber;

    #[test]
    fn every_echoed_form_is_scrubbed() {
        let s = Scrubber::new(["a/b\"c+d".to_string(), "xyz".to_string()]);
        assert_eq!(s.scrub("raw a/b\"c+d"), "raw [redacted]");
        assert_eq!(s.scrub(r#"json "a/b\"c+d""#), r#"json "[redacted]""#);
        assert_eq!(s.scrub(r#"php "a\/b\"c+d""#), r#"php "[redacted]""#);
        assert_eq!(s.scrub("url a%2Fb%22c%2Bd"), "url [redacted]");
        assert_eq!(s.scrub("xyz stays: too short"), "xyz stays: too short");
    }
}
