//! `application/x-www-form-urlencoded` bodies: a body's JSON value flattened into
//! bracketed keys (`metadata[plan]=pro`, `items[0][price]=5`), lists in the style the spec
//! names, then form-encoded as a query string is (`+` for spaces). Query objects
//! (`filter[name]=x`) and the text parts of multipart bodies are flattened the same way.

use serde_json::Value;

/// How a form body writes the items of a list member.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormLists {
    /// `tags[]=a&tags[]=b`.
    Brackets,
    /// `tags[0]=a&tags[1]=b` (also for lists of objects: `items[0][price]=5`).
    Indexed,
    /// `tags=a&tags=b`.
    Repeated,
}

/// A flattened member: text, or the file part a multipart body carries at that key (its
/// index in the parts the body's encoding collected).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Leaf {
    Text(String),
    File(usize),
}

/// The `(key, value)` pairs of a body value: object members by their bracketed path, list
/// items as `lists` says, `null` as an empty value (the "unset" of partial updates), `true`
/// and `false` as words, numbers as JSON writes them. A top-level value that is not an
/// object has no keys: the pairs are empty.
pub(crate) fn pairs(value: &Value, lists: FormLists) -> Vec<(String, String)> {
    texts(leaves(value, lists))
}

/// As [`pairs`], keeping the file parts of a multipart body apart from the text.
pub(crate) fn leaves(value: &Value, lists: FormLists) -> Vec<(String, Leaf)> {
    let mut out = Vec::new();
    if let Value::Object(members) = value {
        for (k, v) in members {
            flatten(k.clone(), v, lists, &mut out);
        }
    }
    out
}

/// The pairs of a query object under `name`: `name[member]=value`, nested members and
/// lists as in a form body.
pub(crate) fn pairs_under(name: &str, value: &Value, lists: FormLists) -> Vec<(String, String)> {
    let mut out = Vec::new();
    flatten(name.to_string(), value, lists, &mut out);
    texts(out)
}

/// Text pairs; a file placeholder outside a multipart body (which validation rules out)
/// is sent as an empty value.
fn texts(leaves: Vec<(String, Leaf)>) -> Vec<(String, String)> {
    leaves
        .into_iter()
        .map(|(k, leaf)| match leaf {
            Leaf::Text(t) => (k, t),
            Leaf::File(_) => (k, String::new()),
        })
        .collect()
}

fn flatten(key: String, v: &Value, lists: FormLists, out: &mut Vec<(String, Leaf)>) {
    if let Some(i) = crate::file_part::placeholder(v) {
        out.push((key, Leaf::File(i)));
        return;
    }
    match v {
        Value::Object(members) => {
            for (k, x) in members {
                flatten(format!("{key}[{k}]"), x, lists, out);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                let item = match lists {
                    FormLists::Brackets => format!("{key}[]"),
                    FormLists::Indexed => format!("{key}[{i}]"),
                    FormLists::Repeated => key.clone(),
                };
                flatten(item, x, lists, out);
            }
        }
        Value::Null => out.push((key, Leaf::Text(String::new()))),
        Value::Bool(b) => out.push((key, Leaf::Text(b.to_string()))),
        Value::Number(n) => out.push((key, Leaf::Text(n.to_string()))),
        Value::String(s) => out.push((key, Leaf::Text(s.clone()))),
    }
}

/// The body's bytes: the pairs form-encoded.
pub(crate) fn encode(value: &Value, lists: FormLists) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs(value, lists))
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_members_are_bracketed() {
        let v = json!({"amount": 5, "metadata": {"plan": "pro plan", "n": null}, "ok": true});
        assert_eq!(
            encode(&v, FormLists::Brackets),
            "amount=5&metadata%5Bplan%5D=pro+plan&metadata%5Bn%5D=&ok=true"
        );
    }

    #[test]
    fn each_list_style() {
        let v = json!({"tags": ["a", "b"]});
        let show = |l| pairs(&v, l);
        let kv = |k: &str, x: &str| (k.to_string(), x.to_string());
        assert_eq!(
            show(FormLists::Brackets),
            [kv("tags[]", "a"), kv("tags[]", "b")]
        );
        assert_eq!(
            show(FormLists::Indexed),
            [kv("tags[0]", "a"), kv("tags[1]", "b")]
        );
        assert_eq!(
            show(FormLists::Repeated),
            [kv("tags", "a"), kv("tags", "b")]
        );
        let items = json!({"items": [{"price": 5, "qty": 1}]});
        assert_eq!(
            pairs(&items, FormLists::Indexed),
            [kv("items[0][price]", "5"), kv("items[0][qty]", "1")]
        );
    }

    #[test]
    fn a_query_object_is_bracketed_under_its_name() {
        let v = json!({"name": "web", "owner": {"id": 7}, "tags": ["a", "b"]});
        let kv = |k: &str, x: &str| (k.to_string(), x.to_string());
        assert_eq!(
            pairs_under("filter", &v, FormLists::Indexed),
            [
                kv("filter[name]", "web"),
                kv("filter[owner][id]", "7"),
                kv("filter[tags][0]", "a"),
                kv("filter[tags][1]", "b"),
            ]
        );
    }

    #[test]
    fn a_body_that_is_not_an_object_has_no_pairs() {
        assert!(pairs(&json!([1, 2]), FormLists::Indexed).is_empty());
    }
}
