//! The refreshable login session: its tokens (shared by all clones of a client), where an
//! API puts them in a login answer, and the refresh request's shape.

use std::sync::{Mutex, MutexGuard};

use serde_json::Value;

use crate::secret::Secret;

/// Login-session routes of an API whose auth is a refreshable token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionConfig {
    /// Path of the refresh route, e.g. `/token`.
    pub refresh_path: &'static str,
    /// JSON member of the refresh request carrying the refresh token.
    pub refresh_request_field: &'static str,
    /// Member of a login or refresh answer holding the access token: a top-level name, or a
    /// dotted path from the top (`data.token`). Nothing else is searched, so a two-factor
    /// challenge (`{"token": null, "mfa": {"token": ".."}}`) does not start a session.
    pub token_field: &'static str,
    /// Member holding the refresh token (same rules as `token_field`).
    pub refresh_token_field: &'static str,
}

/// The non-empty string at `path` (dot-separated member names from the top of `body`).
fn string_at(body: &Value, path: &str) -> Option<String> {
    let mut v = body;
    for key in path.split('.') {
        v = v.as_object()?.get(key)?;
    }
    match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

/// The access token and refresh token of a login or refresh answer, if it carries an access
/// token where the API puts it.
pub(crate) fn tokens(body: &Value, cfg: &SessionConfig) -> Option<(Secret, Option<Secret>)> {
    let token = string_at(body, cfg.token_field)?;
    let refresh = string_at(body, cfg.refresh_token_field);
    Some((Secret::new(token), refresh.map(Secret::new)))
}

#[derive(Default)]
struct SessionState {
    token: Option<Secret>,
    refresh: Option<Secret>,
    generation: u64,
}

/// The tokens of a logged-in session, shared by all clones of a transport.
///
/// Every change of tokens bumps a generation counter; the transport uses it
/// so that many requests failing on one expired token share one refresh.
#[derive(Default)]
pub struct Session {
    state: Mutex<SessionState>,
    refresh_lock: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = self.lock();
        f.debug_struct("Session")
            .field("has_token", &state.token.is_some())
            .field("has_refresh_token", &state.refresh.is_some())
            .field("generation", &state.generation)
            .finish()
    }
}

impl Session {
    /// An empty session (no token).
    pub fn new() -> Self {
        Session::default()
    }

    fn lock(&self) -> MutexGuard<'_, SessionState> {
        // A poisoned lock only means another thread panicked mid-update of
        // plain data; the data is still usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Stores the access token and, if given, a new refresh token.
    ///
    /// When `refresh` is `None` the previous refresh token is kept.
    pub fn set_tokens(&self, token: Secret, refresh: Option<Secret>) {
        let mut state = self.lock();
        state.token = Some(token);
        if refresh.is_some() {
            state.refresh = refresh;
        }
        state.generation += 1;
    }

    /// Forgets both tokens (log out).
    pub fn clear(&self) {
        let mut state = self.lock();
        state.token = None;
        state.refresh = None;
        state.generation += 1;
    }

    /// The stored refresh token, if any.
    pub fn refresh_token(&self) -> Option<Secret> {
        self.lock().refresh.clone()
    }

    /// Whether an access token is stored.
    pub fn has_token(&self) -> bool {
        self.lock().token.is_some()
    }

    /// The current access token and the generation it belongs to.
    pub(crate) fn snapshot(&self) -> (Option<Secret>, u64) {
        let state = self.lock();
        (state.token.clone(), state.generation)
    }

    /// The current generation.
    pub(crate) fn generation(&self) -> u64 {
        self.lock().generation
    }

    /// Waits for the right to refresh; held while one refresh runs.
    pub(crate) async fn refreshing(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.refresh_lock.lock().await
    }

    /// The current secrets (for scrubbing error text).
    pub(crate) fn secrets(&self) -> Vec<String> {
        let state = self.lock();
        [&state.token, &state.refresh]
            .into_iter()
            .flatten()
            .map(|s| s.expose().to_owned())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const CFG: SessionConfig = SessionConfig {
        refresh_path: "/token",
        refresh_request_field: "refresh_token",
        token_field: "token",
        refresh_token_field: "refresh",
    };

    #[test]
    fn a_login_answer_gives_both_tokens() {
        let (t, r) = tokens(&json!({"token": "jwt-1", "refresh": "ref-1"}), &CFG).unwrap();
        assert_eq!(t.expose(), "jwt-1");
        assert_eq!(r.unwrap().expose(), "ref-1");
    }

    #[test]
    fn a_two_factor_challenge_starts_no_session() {
        let mfa = json!({"token": null, "refresh": null, "mfa": {"token": "challenge"}});
        assert!(tokens(&mfa, &CFG).is_none());
        assert!(tokens(&json!({"mfa": {"token": "challenge"}}), &CFG).is_none());
        assert!(tokens(&json!({"token": ""}), &CFG).is_none());
    }

    #[test]
    fn a_dotted_field_reads_a_nested_token() {
        let cfg = SessionConfig {
            token_field: "data.token",
            refresh_token_field: "data.refresh",
            ..CFG
        };
        let (t, r) = tokens(&json!({"data": {"token": "a", "refresh": "b"}}), &cfg).unwrap();
        assert_eq!((t.expose(), r.unwrap().expose()), ("a", "b"));
        assert!(tokens(&json!({"token": "top"}), &cfg).is_none());
    }

    #[test]
    fn tokens_bump_the_generation_and_refresh_is_kept() {
        let s = Session::new();
        let g0 = s.generation();
        s.set_tokens(Secret::new("a"), Some(Secret::new("r")));
        s.set_tokens(Secret::new("tok-second"), None);
        assert!(
            !format!("{s:?}").contains("tok-second"),
            "Debug shows no token"
        );
        assert_eq!(s.generation(), g0 + 2);
        assert_eq!(s.refresh_token().unwrap().expose(), "r");
        assert_eq!(s.snapshot().0.unwrap().expose(), "tok-second");
        s.clear();
        assert!(!s.has_token() && s.refresh_token().is_none());
    }
}
