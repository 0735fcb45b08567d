//! In-band errors: APIs that answer HTTP 200 with a non-empty error list in the body
//! (HostBill's `{"error": ["wronglogin"]}`), and which of their codes mean an expired session.

use serde_json::Value;

/// Reads the top-level member named `.0` of a JSON object, skipping every other member.
struct ErrorMember<'a>(&'a str);

impl<'de> serde::de::DeserializeSeed<'de> for ErrorMember<'_> {
    type Value = Option<Value>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for ErrorMember<'_> {
    type Value = Option<Value>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == self.0 && found.is_none() {
                found = Some(map.next_value::<Value>()?);
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

/// Renders one element of an API error array as text.
fn code_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Object(map) => ["code", "message", "msg"]
            .iter()
            .find_map(|k| map.get(*k))
            .map(code_text)
            .unwrap_or_else(|| v.to_string()),
        other => other.to_string(),
    }
}

/// The codes of a non-empty top-level array `field` of a JSON object body (empty
/// otherwise). Only that member is materialized; the rest of the body is skipped.
pub(crate) fn error_codes(body: &[u8], field: &str) -> Vec<String> {
    let trimmed = body.trim_ascii_start();
    if !trimmed.starts_with(b"{") {
        return Vec::new();
    }
    let mut de = serde_json::Deserializer::from_slice(trimmed);
    match serde::de::DeserializeSeed::deserialize(ErrorMember(field), &mut de) {
        Ok(Some(Value::Array(items))) => items.iter().map(code_text).collect(),
        _ => Vec::new(),
    }
}

/// Whether API error codes say the session token is expired or invalid (a code that names
/// the token or session, not e.g. "card expired").
pub(crate) fn codes_mean_expired_token(codes: &[String]) -> bool {
    codes.iter().any(|c| {
        let c = c.to_ascii_lowercase();
        let about_session = ["token", "session", "jwt"].iter().any(|w| c.contains(w));
        about_session && (c.contains("expired") || c.contains("invalid"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_non_empty_top_level_array_counts() {
        assert_eq!(
            error_codes(br#"{"error": ["wronglogin"]}"#, "error"),
            ["wronglogin"]
        );
        assert_eq!(
            error_codes(
                br#"{"error": [{"code": "E1"}, {"message": "m"}, 7]}"#,
                "error"
            ),
            ["E1", "m", "7"]
        );
        assert!(error_codes(br#"{"error": []}"#, "error").is_empty());
        assert!(error_codes(br#"{"items": [{"error": ["x"]}]}"#, "error").is_empty());
        assert!(error_codes(br#"["error"]"#, "error").is_empty());
        assert!(error_codes(b"not json", "error").is_empty());
    }

    #[test]
    fn expired_means_a_token_or_session_code() {
        assert!(codes_mean_expired_token(&["token_expired".into()]));
        assert!(codes_mean_expired_token(&["Invalid JWT".into()]));
        assert!(!codes_mean_expired_token(&["card_expired".into()]));
        assert!(!codes_mean_expired_token(&["session".into()]));
    }
}
