//! Authentication schemes and the refreshable login session.

use std::sync::{Mutex, MutexGuard};

use crate::secret::Secret;

/// How requests authenticate. Secrets are redacted in `Debug`.
#[derive(Debug, Clone, Default)]
pub enum Auth {
    /// No authentication.
    #[default]
    None,
    /// A key in a header, e.g. `Authorization: APIKey <key>`.
    ApiKeyHeader {
        /// Header name.
        header: String,
        /// Text before the key; joined to it with one space. Empty sends the
        /// key alone.
        prefix: String,
        /// The key.
        key: Secret,
    },
    /// A token sent as a query parameter on every request.
    QueryToken {
        /// Query parameter name.
        param: String,
        /// The token.
        token: Secret,
    },
    /// HTTP basic authentication.
    Basic {
        /// User name.
        username: String,
        /// Password.
        password: Secret,
    },
    /// `Authorization: Bearer <token>`.
    Bearer(Secret),
    /// Use the transport's [`Session`] (a JWT obtained from a login route,
    /// renewed through the API's refresh route).
    Session,
}

impl Auth {
    /// A key sent in `header` as `<prefix> <key>`.
    pub fn api_key_header(
        header: impl Into<String>,
        prefix: impl Into<String>,
        key: impl Into<String>,
    ) -> Self {
        Auth::ApiKeyHeader {
            header: header.into(),
            prefix: prefix.into(),
            key: Secret::new(key),
        }
    }

    /// A token sent as the query parameter `param`.
    pub fn query_token(param: impl Into<String>, token: impl Into<String>) -> Self {
        Auth::QueryToken {
            param: param.into(),
            token: Secret::new(token),
        }
    }

    /// HTTP basic authentication.
    pub fn basic(username: impl Into<String>, password: impl Into<String>) -> Self {
        Auth::Basic {
            username: username.into(),
            password: Secret::new(password),
        }
    }

    /// A fixed bearer token.
    pub fn bearer(token: impl Into<String>) -> Self {
        Auth::Bearer(Secret::new(token))
    }

    /// The secret values carried by this scheme (for scrubbing error text).
    pub(crate) fn secrets(&self) -> Vec<String> {
        match self {
            Auth::None | Auth::Session => Vec::new(),
            Auth::ApiKeyHeader { key, .. } => vec![key.expose().to_owned()],
            Auth::QueryToken { token, .. } => vec![token.expose().to_owned()],
            Auth::Basic { username, password } => {
                // The header's base64 form too: a server may echo request headers.
                use base64::Engine as _;
                let pair = format!("{username}:{}", password.expose());
                let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
                vec![password.expose().to_owned(), encoded]
            }
            Auth::Bearer(token) => vec![token.expose().to_owned()],
        }
    }
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
    pub(crate) refresh_lock: tokio::sync::Mutex<()>,
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
