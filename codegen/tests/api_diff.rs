//! `codegen::diff` on pairs of fixture specs (`fixtures/diff/<case>/{base,head}/<api>/`):
//! one case per rule, each asserting every change's impact, location and description and
//! the semver bump, with the text report snapshotted; plus the Markdown rendering and the
//! repository's own specs compared with themselves.

use codegen::diff::{self, render, Bump, Change, ChangeKind, Impact, Location, Report};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff")
}

fn load(case: &str, side: &str) -> codegen::ir::Spec {
    let dir = fixtures().join(case).join(side);
    codegen::load::load_dir(&dir, side)
        .unwrap_or_else(|d| panic!("{case}/{side} should load:\n{}", d.render()))
}

fn heading() -> render::Heading {
    render::Heading {
        base: "base".into(),
        head: "head".into(),
        version: Some("0.1.0".into()),
        notes: Vec::new(),
    }
}

/// Diffs `case` and checks its changes (`impact | location | what`, in report order) and
/// its bump; snapshots the text report.
fn check(case: &str, bump: Bump, expected: &[&str]) -> Report {
    let report = diff::diff(&load(case, "base"), &load(case, "head"));
    let got: Vec<String> = report
        .changes()
        .map(|(_, c)| format!("{} | {} | {}", c.impact.label(), c.location, c.what))
        .collect();
    assert_eq!(got, expected, "changes of {case}");
    assert_eq!(report.bump(), bump, "bump of {case}");
    assert_eq!(
        report.has_breaking(),
        expected.iter().any(|l| l.starts_with("breaking")),
        "{case}"
    );
    insta::assert_snapshot!(case, render::text(&report, &heading()));
    report
}

fn doc_only(report: &Report) -> usize {
    report.apis.iter().map(|a| a.doc_only).sum()
}

#[test]
fn alias_retargeted() {
    check(
        "alias_retargeted",
        Bump::Major,
        &["breaking | model Tags | alias of `list<string>` → `map<string>`"],
    );
}

#[test]
fn alias_same_type() {
    let report = check("alias_same_type", Bump::Patch, &[]);
    assert_eq!(
        doc_only(&report),
        1,
        "the field's type is spelled through the alias"
    );
}

#[test]
fn api_added_removed() {
    check(
        "api_added_removed",
        Bump::Major,
        &[
            "compatible | api fresh | added",
            "breaking | api legacy | removed",
        ],
    );
}

#[test]
fn api_error_body() {
    check(
        "api_error_body",
        Bump::Major,
        &[
            "breaking | error body | type `json` → `Problem` (narrowed)",
            "breaking | operation get_thing: error body | type `json` → `Problem` (narrowed)",
        ],
    );
}

#[test]
fn api_lenient() {
    check(
        "api_lenient",
        Bump::Patch,
        &[
            "behaviour | decoding | lenient decoding on",
            "behaviour | in-band error member | none → `error`",
        ],
    );
}

#[test]
fn auth_added_removed() {
    check(
        "auth_added_removed",
        Bump::Major,
        &[
            "breaking | auth scheme api_key | removed",
            "compatible | auth scheme basic | added (basic)",
        ],
    );
}

#[test]
fn auth_kind_changed() {
    check(
        "auth_kind_changed",
        Bump::Major,
        &[
            "breaking | auth scheme login | kind `query_token` → `basic`",
            "behaviour | auth scheme api_key | kind `api_key_header` → `query_token`",
        ],
    );
}

#[test]
fn auth_settings() {
    check(
        "auth_settings",
        Bump::Patch,
        &[
            "behaviour | auth scheme api_key | header `Authorization` → `X-Api-Key`",
            "behaviour | auth scheme api_key | prefix `Key ` → nothing",
        ],
    );
}

#[test]
fn base_url_changed() {
    check(
        "base_url_changed",
        Bump::Patch,
        &[
            "behaviour | base URL | default `https://demo.example.com` → `https://api.demo.example.com`",
        ],
    );
}

#[test]
fn base_url_removed() {
    check(
        "base_url_removed",
        Bump::Major,
        &["breaking | base URL | default `https://demo.example.com` removed"],
    );
}

#[test]
fn body_added() {
    check(
        "body_added",
        Bump::Major,
        &["breaking | operation create_thing: body | added"],
    );
}

#[test]
fn response_headers() {
    check(
        "response_headers",
        Bump::Major,
        &[
            "breaking | operation list_things: response: header X-Total | type changed: integer → number",
            "breaking | operation list_things: response: header X-Cursor | removed",
            "compatible | operation list_things: response: header Retry-After | added",
        ],
    );
}

#[test]
fn body_retyped() {
    check(
        "body_retyped",
        Bump::Major,
        &[
            "breaking | model ThingInput | no longer in a request body",
            "breaking | operation create_thing: body | type `ThingInput` → `OtherInput`",
        ],
    );
}

#[test]
fn client_renamed() {
    check(
        "client_renamed",
        Bump::Major,
        &["breaking | client | client type `DemoClient` → `DemoApiClient`"],
    );
}

#[test]
fn closed_enum_value_added() {
    check(
        "closed_enum_value_added",
        Bump::Major,
        &["breaking | model Status: value deleted | added to a closed enum"],
    );
}

#[test]
fn constructor_args_reordered() {
    check(
        "constructor_args_reordered",
        Bump::Major,
        &[
            "breaking | model ThingInput | arguments of `ThingInput::new` reordered: (`first`, `last`) → (`last`, `first`)",
        ],
    );
}

#[test]
fn docs_only() {
    let report = check("docs_only", Bump::Patch, &[]);
    assert_eq!(
        doc_only(&report),
        3,
        "API description, field description, summary"
    );
}

#[test]
fn enum_open_closed() {
    check(
        "enum_open_closed",
        Bump::Major,
        &[
            "breaking | model Kind | open (was closed)",
            "breaking | model Status | closed (was open)",
        ],
    );
}

#[test]
fn enum_reordered() {
    check(
        "enum_reordered",
        Bump::Patch,
        &["behaviour | model Status | values reordered"],
    );
}

#[test]
fn enum_value_removed() {
    check(
        "enum_value_removed",
        Bump::Major,
        &[
            "breaking | model Kind: value paused | removed",
            "breaking | model Status: value paused | removed",
        ],
    );
}

#[test]
fn enum_value_renamed() {
    check(
        "enum_value_renamed",
        Bump::Major,
        &[
            "breaking | model Status: value active | Rust variant `Active` → `Enabled`",
            "behaviour | model Status: value in_progress | wire value `in-progress` → `in_progress`",
        ],
    );
}

#[test]
fn error_body_changed() {
    check(
        "error_body_changed",
        Bump::Major,
        &["breaking | operation get_thing: error body | type `json` → `Problem` (narrowed)"],
    );
}

#[test]
fn field_default() {
    check(
        "field_default",
        Bump::Major,
        &[
            "breaking | model ThingInput: field size | made optional, default `1` added",
            "behaviour | model ThingInput: field limit | default `10` → `20`",
        ],
    );
}

#[test]
fn field_lenient() {
    check(
        "field_lenient",
        Bump::Patch,
        &["behaviour | model Thing: field size | decoded leniently"],
    );
}

#[test]
fn field_optional_flags() {
    check(
        "field_optional_flags",
        Bump::Patch,
        &["behaviour | model ThingInput: field note | no longer optional, made nullable"],
    );
}

#[test]
fn field_removed() {
    check(
        "field_removed",
        Bump::Major,
        &["breaking | model ThingInput: field color | removed"],
    );
}

#[test]
fn field_renamed() {
    check(
        "field_renamed",
        Bump::Major,
        &[
            "breaking | model Thing: field name | Rust name `name` → `title`",
            "behaviour | model Thing: field color | wire name `colour` → `color`",
        ],
    );
}

#[test]
fn field_secret() {
    check(
        "field_secret",
        Bump::Major,
        &[
            "breaking | model ThingInput: field token | type `string` → `string (secret)` (same wire values)",
        ],
    );
}

#[test]
fn field_string_to_enum() {
    check(
        "field_string_to_enum",
        Bump::Major,
        &[
            "breaking | model Thing: field status | type `string` → `Status` (same wire values)",
            "breaking | model Thing: field kind | type `string` → `Kind` (narrowed)",
        ],
    );
}

#[test]
fn field_to_list() {
    check(
        "field_to_list",
        Bump::Major,
        &["breaking | model Thing: field tag | type `string` → `list<string>`"],
    );
}

#[test]
fn field_type_widened_narrowed() {
    check(
        "field_type_widened_narrowed",
        Bump::Major,
        &[
            "breaking | model Thing: field weight | type `integer` → `decimal` (widened)",
            "breaking | model Thing: field price | type `number` → `integer` (narrowed)",
            "breaking | model Thing: field seen | type `date` → `date_or_date_time` (widened)",
        ],
    );
}

#[test]
fn identical() {
    let report = check("identical", Bump::None, &[]);
    assert_eq!(doc_only(&report), 0);
    assert_eq!(
        render::text(&report, &heading())
            .matches("no changes")
            .count(),
        1
    );
}

#[test]
fn inline_body_members() {
    check(
        "inline_body_members",
        Bump::Major,
        &[
            "breaking | model Credentials: field otp | added (required)",
            "breaking | operation login: body: member otp | added (required)",
            "compatible | model Credentials: field remember | added (optional)",
            "compatible | operation login: body: member remember | added (optional)",
        ],
    );
}

#[test]
fn method_and_path_changed() {
    check(
        "method_and_path_changed",
        Bump::Patch,
        &[
            "behaviour | operation touch_thing | method `POST` → `PUT`",
            "behaviour | operation touch_thing | path `/things/{id}/touch` → `/things/{id}/refresh`",
            "behaviour | operation touch_thing | made retry-safe",
        ],
    );
}

#[test]
fn mixed() {
    let report = check(
        "mixed",
        Bump::Major,
        &[
            "breaking | model Status: value deleted | added to a closed enum",
            "breaking | model ThingInput: field color | added (required)",
            "compatible | model Thing: field status | added (optional)",
            "compatible | operation list_things: query parameter owner | added (optional)",
            "behaviour | operation create_thing | method `POST` → `PUT`",
            "behaviour | operation create_thing | made retry-safe",
            "behaviour | operation list_things: query parameter size | wire name `limit` → `size`",
        ],
    );
    insta::assert_snapshot!("mixed_markdown", render::markdown(&report, &heading()));
}

#[test]
fn model_added() {
    check(
        "model_added",
        Bump::Minor,
        &["compatible | model Color | added (enum)"],
    );
}

#[test]
fn model_kind_changed() {
    check(
        "model_kind_changed",
        Bump::Major,
        &["breaking | model Color | struct → enum"],
    );
}

#[test]
fn model_no_longer_in_request_body() {
    check(
        "model_no_longer_in_request_body",
        Bump::Major,
        &[
            "breaking | model Thing | no longer in a request body",
            "breaking | operation create_thing | removed (POST /things)",
        ],
    );
}

#[test]
fn model_now_in_request_body() {
    check(
        "model_now_in_request_body",
        Bump::Minor,
        &[
            "compatible | model Thing | now in a request body",
            "compatible | operation create_thing | added (POST /things)",
        ],
    );
}

#[test]
fn model_removed() {
    check(
        "model_removed",
        Bump::Major,
        &["breaking | model Color | removed"],
    );
}

#[test]
fn open_enum_value_added() {
    check(
        "open_enum_value_added",
        Bump::Minor,
        &["compatible | model Status: value deleted | added to an open enum"],
    );
}

#[test]
fn operation_added() {
    check(
        "operation_added",
        Bump::Minor,
        &["compatible | operation list_things | added (GET /things)"],
    );
}

#[test]
fn operation_removed() {
    check(
        "operation_removed",
        Bump::Major,
        &["breaking | operation delete_thing | removed (DELETE /things/{id})"],
    );
}

#[test]
fn operation_renamed() {
    let report = check(
        "operation_renamed",
        Bump::Major,
        &[
            "breaking | operation get_thing | removed (GET /things/{id})",
            "compatible | operation fetch_thing | added (GET /things/{id})",
        ],
    );
    let kinds: Vec<ChangeKind> = report.changes().map(|(_, c)| c.kind).collect();
    assert_eq!(kinds, [ChangeKind::Removed, ChangeKind::Added]);
}

#[test]
fn ordering_field_added() {
    check(
        "ordering_field_added",
        Bump::Minor,
        &[
            "compatible | operation list_things: query parameter ordering: field created_at | added to an open enum",
        ],
    );
}

#[test]
fn ordering_multi() {
    check(
        "ordering_multi",
        Bump::Major,
        &[
            "breaking | operation list_things: query parameter ordering | several fields at once (multi)",
        ],
    );
}

#[test]
fn pagination_added() {
    check(
        "pagination_added",
        Bump::Minor,
        &["compatible | operation list_things: pagination | added (offset)"],
    );
}

#[test]
fn pagination_removed() {
    check(
        "pagination_removed",
        Bump::Major,
        &["breaking | operation list_things: pagination | removed"],
    );
}

#[test]
fn pagination_settings() {
    check(
        "pagination_settings",
        Bump::Patch,
        &["behaviour | operation list_things: pagination | default page size 100 → 25"],
    );
}

#[test]
fn pagination_paths() {
    check(
        "pagination_paths",
        Bump::Patch,
        &[
            "behaviour | operation list_things: pagination | `next` `meta.next` → `meta.next_token`",
            "behaviour | operation list_things: pagination | `has_more` none → `has_more`",
            "behaviour | operation list_things: pagination | `total` none → `meta.total`",
        ],
    );
}

#[test]
fn path_param_added() {
    check(
        "path_param_added",
        Bump::Major,
        &[
            "breaking | operation get_thing: path parameter zone | added",
            "behaviour | operation get_thing | path `/things/{id}` → `/zones/{zone}/things/{id}`",
        ],
    );
}

#[test]
fn path_param_renamed() {
    let report = check(
        "path_param_renamed",
        Bump::Patch,
        &["behaviour | operation get_thing | path `/things/{id}` → `/things/{thing_id}`"],
    );
    assert_eq!(
        doc_only(&report),
        1,
        "the argument's name shows in the docs only"
    );
}

#[test]
fn path_param_retyped() {
    check(
        "path_param_retyped",
        Bump::Major,
        &["breaking | operation get_thing: path parameter id | type `integer` → `string`"],
    );
}

#[test]
fn path_params_reordered() {
    check(
        "path_params_reordered",
        Bump::Major,
        &[
            "breaking | operation delete_record | arguments of `delete_record(..)` reordered: (`zone_id`, `record_id`) → (`record_id`, `zone_id`)",
            "behaviour | operation delete_record | path `/zones/{zone_id}/records/{record_id}` → `/records/{record_id}/zones/{zone_id}`",
        ],
    );
}

#[test]
fn query_group_member_added() {
    check(
        "query_group_member_added",
        Bump::Minor,
        &[
            "compatible | operation list_things: query parameter filters: member filters[owner] | added (optional)",
        ],
    );
}

#[test]
fn query_made_required() {
    check(
        "query_made_required",
        Bump::Major,
        &["breaking | operation list_things: query parameter name | made required"],
    );
}

#[test]
fn query_null_value() {
    check(
        "query_null_value",
        Bump::Minor,
        &[
            "compatible | operation list_things: query parameter country | null literal `null` added",
            "behaviour | operation list_things: query parameter region | null literal `null` → `none`",
        ],
    );
}

#[test]
fn query_optional_added() {
    check(
        "query_optional_added",
        Bump::Minor,
        &["compatible | operation list_things: query parameter limit | added (optional)"],
    );
}

#[test]
fn query_removed() {
    check(
        "query_removed",
        Bump::Major,
        &["breaking | operation list_things: query parameter limit | removed"],
    );
}

#[test]
fn query_renamed() {
    check(
        "query_renamed",
        Bump::Major,
        &[
            "breaking | operation list_things: query parameter name | builder method `.name(..)` → `.title(..)`",
            "behaviour | operation list_things: query parameter page_size | wire name `limit` → `page_size`",
        ],
    );
}

#[test]
fn query_required_added() {
    check(
        "query_required_added",
        Bump::Major,
        &["breaking | operation list_things: query parameter tenant | added (required)"],
    );
}

#[test]
fn query_settings() {
    check(
        "query_settings",
        Bump::Patch,
        &[
            "behaviour | operation list_things: query parameter created | bounds `created_from`/`created_to` → `created_gte`/`created_lte`",
            "behaviour | operation list_things: query parameter deleted | `all` literal `all` → `any`",
            "behaviour | operation list_things: query parameter sorting | sent differently",
        ],
    );
}

#[test]
fn query_type_widened() {
    check(
        "query_type_widened",
        Bump::Major,
        &[
            "breaking | operation list_things: query parameter min_size | type `integer` → `number` (widened)",
        ],
    );
}

#[test]
fn query_value_to_csv() {
    check(
        "query_value_to_csv",
        Bump::Major,
        &[
            "breaking | operation list_things: query parameter id | kind `value` → `csv` (widened: one value → a list)",
        ],
    );
}

#[test]
fn request_field_optional_added() {
    check(
        "request_field_optional_added",
        Bump::Minor,
        &["compatible | model ThingInput: field color | added (optional)"],
    );
}

#[test]
fn request_field_required_added() {
    check(
        "request_field_required_added",
        Bump::Major,
        &["breaking | model ThingInput: field color | added (required)"],
    );
}

#[test]
fn response_field_added() {
    check(
        "response_field_added",
        Bump::Minor,
        &[
            "compatible | model Thing: field color | added (optional)",
            "compatible | model Thing: field size | added (required)",
        ],
    );
}

#[test]
fn response_field_made_optional() {
    check(
        "response_field_made_optional",
        Bump::Major,
        &[
            "breaking | model Thing: field name | made optional",
            "breaking | model Thing: field color | made nullable",
        ],
    );
}

#[test]
fn response_field_made_required() {
    check(
        "response_field_made_required",
        Bump::Major,
        &["breaking | model Thing: field color | no longer optional"],
    );
}

#[test]
fn response_retyped() {
    check(
        "response_retyped",
        Bump::Major,
        &["breaking | operation list_things: response | type `list<Thing>` → `page<Thing>`"],
    );
}

#[test]
fn response_unwrap() {
    check(
        "response_unwrap",
        Bump::Patch,
        &["behaviour | operation list_things: response | unwraps `things`"],
    );
}

#[test]
fn retry_and_auth_flags() {
    check(
        "retry_and_auth_flags",
        Bump::Patch,
        &[
            "behaviour | operation get_thing | no longer retry-safe",
            "behaviour | operation ping | no longer authenticated",
        ],
    );
}

#[test]
fn session_settings() {
    check(
        "session_settings",
        Bump::Patch,
        &[
            "behaviour | auth scheme session | token member `token` → `access`",
            "behaviour | auth scheme session | logout operations `logout` → `logout, close_all`",
            "behaviour | operation close_all | now the session's logout operation",
        ],
    );
}

#[test]
fn body_inlined() {
    check(
        "body_inlined",
        Bump::Major,
        &["breaking | operation login: body | inlined"],
    );
}

#[test]
fn enum_integer_string() {
    check(
        "enum_integer_string",
        Bump::Major,
        &[
            "breaking | model Product | integer values → string values",
            "behaviour | model Product: value cdn | wire value `1` → `cdn`",
            "behaviour | model Product: value dns | wire value `2` → `dns`",
        ],
    );
}

#[test]
fn query_required_renamed() {
    let report = check("query_required_renamed", Bump::Patch, &[]);
    assert_eq!(
        doc_only(&report),
        1,
        "the argument's name shows in the docs only"
    );
}

#[test]
fn query_kind_changed() {
    check(
        "query_kind_changed",
        Bump::Major,
        &[
            "breaking | operation list_things: query parameter deleted | kind `tristate` → `value`",
            "breaking | operation list_things: query parameter ids | type `integer` → `string`",
        ],
    );
}

#[test]
fn base_url_added() {
    check(
        "base_url_added",
        Bump::Major,
        &["breaking | base URL | default `https://demo.example.com` added"],
    );
}

#[test]
fn lenient_dropped() {
    check(
        "lenient_dropped",
        Bump::Patch,
        &["behaviour | model Thing: field size | no longer decoded leniently"],
    );
}

#[test]
fn markdown_cells_are_escaped_and_breaking_is_bold() {
    let change = Change {
        location: Location::default()
            .child("operation", "a|b")
            .child("body", ""),
        kind: ChangeKind::Changed,
        impact: Impact::Breaking,
        what: "type `x` → `y`".into(),
        why: "line one\nline two | more".into(),
    };
    let report = Report {
        apis: vec![diff::ApiReport {
            name: "demo".into(),
            changes: vec![change],
            doc_only: 0,
        }],
    };
    let md = render::markdown(&report, &heading());
    assert!(
        md.contains("| **breaking** | operation `a\\|b`: body | type `x` → `y` | line one line two \\| more |"),
        "{md}"
    );
    assert!(md.contains("**Semver: major**"), "{md}");
}

#[test]
fn the_repository_specs_have_no_changes_against_themselves() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let spec = codegen::load::load_dir(&spec, "spec").expect("spec/ loads");
    let again = spec.clone();
    let report = diff::diff(&spec, &again);
    assert_eq!(report.apis.len(), spec.apis.len());
    assert!(report
        .apis
        .iter()
        .all(|a| a.changes.is_empty() && a.doc_only == 0));
    assert_eq!(report.bump(), Bump::None);
    let text = render::text(&report, &heading());
    assert_eq!(
        text.matches(": no changes").count(),
        spec.apis.len(),
        "{text}"
    );
}

#[test]
fn the_diff_is_deterministic_and_reversible() {
    for case in cases() {
        let (base, head) = (load(&case, "base"), load(&case, "head"));
        let forward = diff::diff(&base, &head);
        assert_eq!(forward, diff::diff(&base, &head), "{case}");
        // Backwards, what was added is removed and the other way round.
        let backward = diff::diff(&head, &base);
        let count = |r: &Report, k: ChangeKind| r.changes().filter(|(_, c)| c.kind == k).count();
        assert_eq!(
            count(&forward, ChangeKind::Added),
            count(&backward, ChangeKind::Removed),
            "{case}"
        );
        assert_eq!(
            count(&forward, ChangeKind::Removed),
            count(&backward, ChangeKind::Added),
            "{case}"
        );
    }
}

fn cases() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(fixtures())
        .expect("fixtures/diff")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .collect();
    out.sort();
    out
}

/// Every case folder has a test of its own (which also snapshots its report).
#[test]
fn every_case_is_checked() {
    let this = include_str!("api_diff.rs");
    let cases = cases();
    assert!(cases.len() > 50, "{cases:?}");
    for case in cases {
        assert!(
            this.contains(&format!("fn {case}() {{")) && this.contains(&format!("\"{case}\",")),
            "fixtures/diff/{case} has no test"
        );
    }
}

#[test]
fn field_boxed() {
    check(
        "field_boxed",
        Bump::Major,
        &[
            "breaking | model Comment: field thread | boxed (it now leads back to its own model)",
            "compatible | model Thread: field last | added (optional)",
        ],
    );
}

#[test]
fn union_variant_added_open() {
    check(
        "union_variant_added_open",
        Bump::Minor,
        &["compatible | model Source: variant Bank | added to an open union"],
    );
}

#[test]
fn union_variant_added_untagged() {
    check(
        "union_variant_added_untagged",
        Bump::Major,
        &["breaking | model Ref: variant StringList | added"],
    );
}

#[test]
fn union_variant_removed() {
    check(
        "union_variant_removed",
        Bump::Major,
        &["breaking | model Ref: variant Boolean | removed"],
    );
}

#[test]
fn union_variant_renamed_retyped() {
    check(
        "union_variant_renamed_retyped",
        Bump::Major,
        &[
            "breaking | model Ref: variant Key | Rust variant `Id` → `Key`",
            "breaking | model Ref: variant Integer | type `integer` → `number` (widened)",
        ],
    );
}

#[test]
fn union_discriminator() {
    check(
        "union_discriminator",
        Bump::Patch,
        &[
            "behaviour | model Source | discriminator `object` → `type`",
            "behaviour | model Source: variant Bank | discriminator value `bank` → `bank_account`",
        ],
    );
}

#[test]
fn union_open_closed() {
    check(
        "union_open_closed",
        Bump::Major,
        &["breaking | model Source | closed (was open)"],
    );
}

#[test]
fn union_untagged_to_tagged() {
    check(
        "union_untagged_to_tagged",
        Bump::Major,
        &["breaking | model Source | tagged by `object` (was untagged)"],
    );
}

#[test]
fn union_variants_reordered() {
    check(
        "union_variants_reordered",
        Bump::Patch,
        &["behaviour | model Ref | variants reordered"],
    );
}

#[test]
fn field_patch() {
    let report = check(
        "field_patch",
        Bump::Major,
        &[
            "breaking | model ThingPatch: field note | made a patch member (absent, null or a value)",
        ],
    );
    let (_, change) = report.changes().next().unwrap();
    assert!(
        change
            .why
            .contains("`.note` is now `Patch<String>` instead of `Option<String>`"),
        "{}",
        change.why
    );
}

#[test]
fn field_unix_time() {
    check(
        "field_unix_time",
        Bump::Major,
        &["breaking | model Event: field at | type `integer` → `unix_seconds` (same wire values)"],
    );
}

#[test]
fn request_headers() {
    check(
        "request_headers",
        Bump::Major,
        &[
            "breaking | operation list_things: header X-Trace | removed",
            "breaking | operation list_things: header X-Limit | type `integer` → `string`",
            "breaking | operation list_things: header X-Tenant | made required",
            "breaking | operation list_things: header X-Token | type `string` → `string (secret)` (same wire values)",
            "breaking | operation list_things: header Idempotency-Key | added, required",
            "compatible | operation list_things: header X-Debug | added, optional",
            "behaviour | constant header Api-Version | `1` → `2`",
            "behaviour | constant header X-Client | no longer sent (was `demo`)",
        ],
    );
}

#[test]
fn body_encoding() {
    check(
        "body_encoding",
        Bump::Patch,
        &[
            "behaviour | operation create_thing: body | sent as a form (lists `brackets`) instead of JSON",
            "behaviour | operation update_thing: body | sent as a form (lists `indexed`) instead of a form (lists `brackets`)",
        ],
    );
}

#[test]
fn query_object() {
    check(
        "query_object",
        Bump::Major,
        &[
            "breaking | operation list_things: query parameter filter | kind `value` → `object`",
            "breaking | operation list_things: query parameter metadata | type `map<string>` → `map<integer>`",
            "behaviour | operation list_things: query parameter search | lists inside: `brackets` keys → `repeated`",
        ],
    );
}

#[test]
fn body_raw() {
    check(
        "body_raw",
        Bump::Major,
        &[
            "breaking | model Note | no longer in a request body",
            "breaking | operation put_note: body | type `Note` → `bytes`",
            "behaviour | operation put_file: body | sent as raw `image/png` instead of raw `application/octet-stream`",
            "behaviour | operation put_note: body | sent as raw `application/octet-stream` instead of JSON",
        ],
    );
}

#[test]
fn body_multipart() {
    check(
        "body_multipart",
        Bump::Major,
        &[
            "breaking | model Upload: field file | type `string` → `file`",
            "behaviour | operation upload_file: body | sent as multipart (lists `repeated`) instead of a form (lists `brackets`)",
        ],
    );
}
