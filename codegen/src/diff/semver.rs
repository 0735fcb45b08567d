//! The semver bump a set of changes implies, and what it means for a version under Cargo's
//! rules (where `0.x` crates treat the minor number as the breaking one).

/// How far the generated crate's version must move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Behaviour or documentation changed; the Rust API is the same.
    Patch,
    /// The Rust API grew; code written against the old crate still compiles.
    Minor,
    /// Code written against the old crate may stop compiling or change meaning.
    Major,
}

impl Bump {
    /// `none`, `patch`, `minor` or `major`.
    pub fn label(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    /// Why this bump, in a few words.
    pub fn reason(self) -> &'static str {
        match self {
            Bump::None => "nothing changed",
            Bump::Patch => "behaviour or documentation changes only",
            Bump::Minor => "additions, nothing breaking",
            Bump::Major => "breaking changes",
        }
    }

    /// The version after this bump under Cargo's compatibility rules: for `0.y.z` (y > 0) a
    /// breaking change bumps `y` and anything else bumps `z`; every `0.0.z` release is
    /// breaking, so `z` moves; from `1.0.0` on the usual semver rules apply. `None` when
    /// `current` is not `MAJOR.MINOR.PATCH` (pre-release and build suffixes included).
    pub fn next_version(self, current: &str) -> Option<String> {
        let mut parts = current.trim().split('.').map(|p| p.parse::<u64>().ok());
        let (major, minor, patch) = match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(Some(a)), Some(Some(b)), Some(Some(c)), None) => (a, b, c),
            _ => return None,
        };
        let (a, b, c) = match (self, major, minor) {
            (Bump::None, ..) => (major, minor, patch),
            (_, 0, 0) => (0, 0, patch + 1),
            (Bump::Major, 0, _) => (0, minor + 1, 0),
            (Bump::Minor | Bump::Patch, 0, _) => (0, minor, patch + 1),
            (Bump::Major, ..) => (major + 1, 0, 0),
            (Bump::Minor, ..) => (major, minor + 1, 0),
            (Bump::Patch, ..) => (major, minor, patch + 1),
        };
        Some(format!("{a}.{b}.{c}"))
    }

    /// One sentence on what the bump means for the crate at `version` (if known).
    pub fn cargo_note(self, version: Option<&str>) -> Option<String> {
        if self == Bump::None {
            return None;
        }
        let Some(v) = version else {
            return Some(match self {
                Bump::Major => {
                    "for a 0.x crate Cargo treats the minor number as breaking: bump 0.x to 0.(x+1)"
                        .into()
                }
                _ => "for a 0.x crate this is a patch release under Cargo's rules".into(),
            });
        };
        let next = self.next_version(v)?;
        let rule = if v.starts_with("0.0.") {
            "every 0.0.z release is breaking under Cargo's rules"
        } else if v.starts_with("0.") {
            match self {
                Bump::Major => "the crate is 0.x, so under Cargo's rules a breaking change bumps the minor number",
                _ => "the crate is 0.x, so under Cargo's rules this is a patch release",
            }
        } else {
            "semver rules"
        };
        Some(format!("{rule}: {v} → {next}"))
    }
}

#[cfg(test)]
mod tests {
    use super::Bump;

    #[test]
    fn cargo_rules_for_zero_x() {
        assert_eq!(Bump::Major.next_version("0.1.0").as_deref(), Some("0.2.0"));
        assert_eq!(Bump::Minor.next_version("0.1.3").as_deref(), Some("0.1.4"));
        assert_eq!(Bump::Patch.next_version("0.1.3").as_deref(), Some("0.1.4"));
        assert_eq!(Bump::Major.next_version("0.0.3").as_deref(), Some("0.0.4"));
        assert_eq!(Bump::Minor.next_version("0.0.3").as_deref(), Some("0.0.4"));
        assert_eq!(Bump::None.next_version("0.4.1").as_deref(), Some("0.4.1"));
    }

    #[test]
    fn semver_rules_from_one() {
        assert_eq!(Bump::Major.next_version("1.2.3").as_deref(), Some("2.0.0"));
        assert_eq!(Bump::Minor.next_version("1.2.3").as_deref(), Some("1.3.0"));
        assert_eq!(Bump::Patch.next_version("1.2.3").as_deref(), Some("1.2.4"));
    }

    #[test]
    fn odd_versions_are_not_guessed() {
        assert_eq!(Bump::Major.next_version("1.0.0-beta.1"), None);
        assert_eq!(Bump::Major.next_version("1.0"), None);
        assert_eq!(Bump::Major.next_version("1.0.0.0"), None);
        assert!(Bump::Major
            .cargo_note(Some("0.1.0"))
            .unwrap()
            .ends_with("0.1.0 → 0.2.0"));
        assert_eq!(Bump::None.cargo_note(Some("0.1.0")), None);
    }

    #[test]
    fn bumps_are_ordered() {
        assert!(Bump::None < Bump::Patch && Bump::Patch < Bump::Minor && Bump::Minor < Bump::Major);
    }
}
