//! Security schemes to the format's auth kinds: API keys in a header or the query, HTTP
//! Basic, bearer tokens (as an `Authorization: Bearer` key), our export's session scheme
//! (`x-session`); OAuth 2 and OpenID Connect keep only the bearer token, with a loss.

use super::cx::{Cx, Note};
use super::draft::DraftAuth;
use super::names::{self, Idents};
use serde_json::Value;

impl<'a> Cx<'a> {
    /// The API's auth schemes and the comments for what could not be mapped.
    /// `logout` lists the operations our export marks `x-session-role: logout`.
    pub fn auth(&mut self, ops: &[String], logout: &[String]) -> (Vec<DraftAuth>, Vec<String>) {
        let mut out: Vec<DraftAuth> = Vec::new();
        let mut comments = Vec::new();
        let Some(schemes) = self
            .doc
            .pointer("/components/securitySchemes")
            .and_then(Value::as_object)
        else {
            return (out, comments);
        };
        let mut scope = Idents::new();
        for (key, scheme) in schemes {
            let subject = format!("auth {key}");
            let Ok(s) = self.refs.resolve(scheme) else {
                self.record(
                    &subject,
                    &[Note::loss("unresolvable `$ref`", "")],
                    &mut comments,
                );
                continue;
            };
            let get = |k: &str| s.get(k).and_then(Value::as_str).unwrap_or("");
            let mut notes = Vec::new();
            let mut a = DraftAuth {
                description: self.text(s.get("description")),
                ..Default::default()
            };
            let bearer = |a: &mut DraftAuth| {
                a.kind = "api_key_header";
                a.header = Some("Authorization".into());
                a.prefix = Some("Bearer ".into());
            };
            match (
                get("type"),
                get("in"),
                get("scheme").to_ascii_lowercase().as_str(),
            ) {
                ("apiKey", "header", _) => {
                    let header = get("name");
                    if header.is_empty()
                        || !header
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                    {
                        notes.push(Note::loss(
                            "API key header name is not a valid header",
                            header.to_string(),
                        ));
                    } else {
                        a.kind = "api_key_header";
                        a.header = Some(header.to_string());
                        if self.own {
                            a.prefix = super::own_export::key_prefix(get("description"), header);
                        }
                    }
                }
                ("apiKey", "query", _) => {
                    a.kind = "query_token";
                    a.param = Some(get("name").to_string());
                }
                ("apiKey", "cookie", _) => {
                    notes.push(Note::loss("API keys in cookies are not supported", ""));
                }
                ("http", _, "basic") => a.kind = "basic",
                ("http", _, "bearer") => {
                    if let Some(x) = s.get("x-session") {
                        self.session(&mut a, x, ops, logout, &mut notes);
                    } else {
                        bearer(&mut a);
                    }
                }
                ("oauth2", _, _) | ("openIdConnect", _, _) => {
                    bearer(&mut a);
                    notes.push(Note::loss(
                        "OAuth 2 / OpenID Connect flows are not supported; the client sends a bearer token obtained elsewhere",
                        get("type").to_string(),
                    ));
                }
                (t, _, scheme) => {
                    notes.push(Note::loss(
                        "this security scheme is not supported",
                        format!("type {t} {scheme}").trim().to_string(),
                    ));
                }
            }
            let duplicate = !a.kind.is_empty()
                && out.iter().any(|b| {
                    b.kind == a.kind
                        && b.header == a.header
                        && b.prefix == a.prefix
                        && b.param == a.param
                        && a.kind != "session"
                });
            if duplicate {
                notes.push(Note::info("same as an earlier scheme; left out", ""));
            }
            let mut these = Vec::new();
            self.record(&subject, &notes, &mut these);
            if a.kind.is_empty() || duplicate {
                comments.extend(these.into_iter().map(|c| format!("{c}: `{key}`")));
                continue;
            }
            a.comments = these;
            a.name = scope.claim(&names::snake_name(key, "auth"));
            out.push(a);
        }
        (out, comments)
    }

    fn session(
        &mut self,
        a: &mut DraftAuth,
        x: &Value,
        ops: &[String],
        logout: &[String],
        notes: &mut Vec<Note>,
    ) {
        let get = |k: &str| x.get(k).and_then(Value::as_str).map(str::to_string);
        let (Some(login), Some(refresh)) = (get("login"), get("refresh")) else {
            notes.push(Note::loss(
                "`x-session` without login and refresh operations",
                "",
            ));
            return;
        };
        if !ops.contains(&login) || !ops.contains(&refresh) {
            notes.push(Note::loss(
                "session login or refresh operation not imported; sent as a bearer token",
                format!("{login}, {refresh}"),
            ));
            a.kind = "api_key_header";
            a.header = Some("Authorization".into());
            a.prefix = Some("Bearer ".into());
            return;
        }
        a.kind = "session";
        a.login = Some(login);
        a.refresh = Some(refresh);
        a.logout = logout.to_vec();
        let not_default = |k: &str, d: &str| get(k).filter(|v| v != d);
        a.token_field = not_default("token_field", "token");
        a.refresh_token_field = not_default("refresh_token_field", "refresh");
        a.refresh_request_field = not_default("refresh_request_field", "refresh_token");
    }
}
