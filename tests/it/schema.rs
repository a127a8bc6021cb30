//! The JSON reports' JSON Schema (`docs/schema/`, from `yoy schema`): the
//! published files are what the wire types make, and real outputs of every
//! JSON-writing command validate against them (a validator of the part of
//! JSON Schema 2020-12 that schemars writes: type, properties, required,
//! items, $ref, anyOf, minimum).

use crate::common::*;
use serde_json::Value;

fn validate(schema: &Value, root: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        let def = &root["$defs"][name];
        assert!(!def.is_null(), "no $defs/{name}");
        return validate(def, root, v, at, errors);
    }
    if let Some(any) = schema.get("anyOf").and_then(Value::as_array) {
        let ok = any.iter().any(|s| {
            let mut e = Vec::new();
            validate(s, root, v, at, &mut e);
            e.is_empty()
        });
        if !ok {
            errors.push(format!("{at}: matches none of anyOf"));
        }
        return;
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let is = |name: &str| match name {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "boolean" => v.is_boolean(),
            "null" => v.is_null(),
            "integer" => v.is_i64() || v.is_u64(),
            "number" => v.is_number(),
            _ => false,
        };
        if !types.iter().any(|t| is(t)) {
            errors.push(format!("{at}: {v} is not {types:?}"));
            return;
        }
    }
    if let (Some(min), Some(n)) = (schema.get("minimum").and_then(Value::as_f64), v.as_f64())
        && n < min
    {
        errors.push(format!("{at}: {n} < {min}"));
    }
    if let (Some(props), Some(obj)) = (
        schema.get("properties").and_then(Value::as_object),
        v.as_object(),
    ) {
        for req in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let key = req.as_str().unwrap_or("");
            if !obj.contains_key(key) {
                errors.push(format!("{at}: lacks {key}"));
            }
        }
        for (k, val) in obj {
            match props.get(k) {
                Some(s) => validate(s, root, val, &format!("{at}.{k}"), errors),
                None => errors.push(format!("{at}: {k} is not in the schema")),
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), v.as_array()) {
        for (i, x) in arr.iter().enumerate() {
            validate(items, root, x, &format!("{at}[{i}]"), errors);
        }
    }
}

fn check_against(name: &str, output: &str) {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("docs/schema/{name}.schema.json")).expect("schema"),
    )
    .expect("schema JSON");
    let v: Value = serde_json::from_str(output).expect("output JSON");
    let mut errors = Vec::new();
    validate(&schema, &schema, &v, "$", &mut errors);
    assert!(errors.is_empty(), "{name}: {errors:#?}");
}

#[test]
fn the_published_schemas_are_the_wire_types() {
    for name in ["check", "compare", "explain"] {
        let r = yoy(&["schema", name]);
        assert_eq!(r.code, 0);
        let published =
            std::fs::read_to_string(format!("docs/schema/{name}.schema.json")).expect("file");
        assert_eq!(
            r.stdout, published,
            "docs/schema/{name}.schema.json is stale: yoy schema {name} > it"
        );
    }
}

#[test]
fn real_outputs_validate() {
    for spec in [
        "tests/specs/wrong.yaml",
        "tests/forms/change_by.yaml",
        "tests/forms/scrutiny.yaml",
        "tests/panels/shares.yaml",
        "tests/provenance/wrong.yaml",
        "tests/coverage/spec.yaml",
        "tests/hostile/text.yaml",
        "specs/example.yaml",
    ] {
        let r = yoy(&["check", spec, "--format", "json", "--today=2026-01-01"]);
        check_against("check", &r.stdout);
    }
    let r = yoy(&["compare", "specs/example.yaml", "--format", "json"]);
    check_against("compare", &r.stdout);
    let r = yoy(&[
        "explain",
        "tests/specs/wrong.yaml",
        "cases_up_a_quarter",
        "--format",
        "json",
    ]);
    check_against("explain", &r.stdout);
}
