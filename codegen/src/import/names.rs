//! Spec names from OpenAPI names, through `crate::naming`: UpperCamelCase type names that
//! are unique in the API module, snake_case operation and member names, and collisions
//! resolved by numbering (`Pet2`, `list_pets_2`) in document order.

use crate::naming;
use std::collections::BTreeSet;

/// Names the generated code uses unqualified next to the models (the prelude, the API
/// module's `Error` alias): a model named like one would shadow it.
const RESERVED_TYPES: &[&str] = &[
    "Option",
    "Result",
    "Vec",
    "String",
    "Box",
    "Some",
    "None",
    "Ok",
    "Err",
    "Error",
    "Self",
    "Default",
    "Into",
    "From",
    "IntoIterator",
    "Iterator",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "ToString",
    "ToOwned",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "AsRef",
    "AsMut",
    "TryFrom",
    "TryInto",
    "Extend",
    "FromIterator",
    "Unknown",
];

/// Type names taken in one API module: models, request builders, ordering enums, the client.
#[derive(Debug, Default)]
pub struct TypeNames {
    taken: BTreeSet<String>,
    /// Put before a reserved name (`Error` -> `PetsError`): the API's name.
    prefix: String,
}

impl TypeNames {
    /// A scope with the reserved names and the client type taken; `prefix` (the API's
    /// UpperCamelCase name) goes before reserved names.
    pub fn new(client: &str, prefix: &str) -> Self {
        let mut taken: BTreeSet<String> = RESERVED_TYPES.iter().map(|s| s.to_string()).collect();
        taken.insert(client.to_string());
        TypeNames {
            taken,
            prefix: prefix.to_string(),
        }
    }

    /// Whether `name` is taken.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Takes `name` as it is; `false` when it was taken already.
    pub fn take(&mut self, name: &str) -> bool {
        self.taken.insert(name.to_string())
    }

    /// Takes `base` or, when it is taken, the first free `base2`, `base3`, ...
    pub fn claim(&mut self, base: &str) -> String {
        let base = if naming::is_camel_ident(base) {
            base.to_string()
        } else {
            type_name(base)
        };
        if self.taken.insert(base.clone()) {
            return base;
        }
        let base = if RESERVED_TYPES.contains(&base.as_str()) {
            let prefixed = format!("{}{base}", self.prefix);
            if self.taken.insert(prefixed.clone()) {
                return prefixed;
            }
            prefixed
        } else {
            base
        };
        let mut n = 2;
        loop {
            let candidate = format!("{base}{n}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

/// An UpperCamelCase type name for any text (`Model` when nothing usable is left).
pub fn type_name(raw: &str) -> String {
    match naming::camel(raw) {
        Some(n) if naming::is_camel_ident(&n) => n,
        Some(n) => {
            let cleaned: String = n.chars().filter(char::is_ascii_alphanumeric).collect();
            if naming::is_camel_ident(&cleaned) {
                cleaned
            } else {
                format!("Model{cleaned}")
            }
        }
        None => "Model".to_string(),
    }
}

/// A snake_case identifier for any text, `fallback` when nothing usable is left.
pub fn snake_name(raw: &str, fallback: &str) -> String {
    match naming::snake(raw) {
        Some(s) if naming::is_snake_ident(&s) => s,
        Some(s) => {
            let stripped = s.trim_start_matches("r#").trim_end_matches('_');
            let plain = stripped.starts_with(|c: char| c.is_ascii_lowercase())
                && stripped
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if plain {
                // A keyword: say what it is for instead.
                format!("{stripped}_{fallback}")
            } else {
                fallback.to_string()
            }
        }
        None => fallback.to_string(),
    }
}

/// The operation name for an operationId, or from the method and path without one.
pub fn operation_name(operation_id: Option<&str>, method: &str, path: &str) -> String {
    if let Some(id) = operation_id {
        let s = snake_name(id, "operation");
        if s != "operation" {
            return s;
        }
    }
    let words: String = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| s.trim_matches(|c| c == '{' || c == '}'))
        .collect::<Vec<_>>()
        .join("_");
    snake_name(&format!("{method}_{words}"), "operation")
}

/// Snake_case names unique in one scope (operations of an API, members of a builder).
#[derive(Debug, Default)]
pub struct Idents {
    taken: BTreeSet<String>,
}

impl Idents {
    /// An empty scope.
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks `name` taken (as the loader compares them: without `r#`).
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.trim_start_matches("r#").to_string());
    }

    /// Whether `name` is taken.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name.trim_start_matches("r#"))
    }

    /// Takes `base` or the first free `base_2`, `base_3`, ...
    pub fn claim(&mut self, base: &str) -> String {
        if !self.is_taken(base) {
            self.reserve(base);
            return base.to_string();
        }
        let stem = base.trim_start_matches("r#");
        let mut n = 2;
        loop {
            let candidate = format!("{stem}_{n}");
            if !self.is_taken(&candidate) {
                self.reserve(&candidate);
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(type_name("pet.Status"), "PetStatus");
        assert_eq!(type_name("v1.Pod"), "V1Pod");
        assert_eq!(type_name("_"), "Model");
        assert_eq!(type_name("Self"), "ModelSelf");
        assert_eq!(
            operation_name(Some("listPets"), "get", "/pets"),
            "list_pets"
        );
        assert_eq!(
            operation_name(None, "get", "/pets/{petId}"),
            "get_pets_pet_id"
        );
        assert_eq!(operation_name(Some("$$"), "post", "/"), "post");
        assert_eq!(snake_name("type", "param"), "type_param");
        assert_eq!(snake_name("%%", "param"), "param");
        let mut t = TypeNames::new("PetsClient", "Pets");
        assert_eq!(t.claim("Pet"), "Pet");
        assert_eq!(t.claim("Pet"), "Pet2");
        assert_eq!(t.claim("String"), "PetsString");
        assert_eq!(t.claim("String"), "PetsString2");
        assert_eq!(t.claim("PetsClient"), "PetsClient2");
        let mut i = Idents::new();
        assert_eq!(i.claim("id"), "id");
        assert_eq!(i.claim("id"), "id_2");
    }
}
