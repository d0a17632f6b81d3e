//! Every value a request carries, in its variables and in the literals of
//! its document, held to the one text rule ([`validate::plain_text`]) and,
//! for variables, to the value nesting limit. Checked here, at the edge, so
//! no resolver or use case has to remember it: a NUL byte gave `INTERNAL` on
//! PostgreSQL, and ANSI escapes were stored verbatim.

use async_graphql::parser::types::{Directive, ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Positioned, Variables};
use async_graphql_value::{ConstValue, Value};
use service::ServiceError;
use service::rules::validate;

/// Variables: text as text, nested at most `max_depth` lists or objects.
/// Errors name the innermost field.
pub fn check_variables(variables: &Variables, max_depth: usize) -> Result<(), ServiceError> {
    variables.iter().try_for_each(|(name, value)| constant(name, value, 0, max_depth))
}

/// A constant value (a variable, a variable's default): text as text, at
/// most `max_depth` lists or objects deep counting from `depth`.
fn constant(field: &str, value: &ConstValue, depth: usize, max_depth: usize) -> Result<(), ServiceError> {
    match value {
        ConstValue::String(text) => validate::plain_text(field, text),
        ConstValue::List(_) | ConstValue::Object(_) if depth >= max_depth => {
            Err(ServiceError::validation(field, format!("nests lists or objects more than {max_depth} deep")))
        }
        ConstValue::List(items) => {
            items.iter().try_for_each(|item| constant(field, item, depth + 1, max_depth))
        }
        ConstValue::Object(fields) => {
            fields.iter().try_for_each(|(name, item)| constant(name, item, depth + 1, max_depth))
        }
        _ => Ok(()),
    }
}

/// The string literals of every operation and fragment (arguments,
/// directive arguments, variable defaults). Their nesting was bounded by
/// the text check before parsing.
pub fn check_literals(document: &ExecutableDocument) -> Result<(), ServiceError> {
    for (_, operation) in document.operations.iter() {
        for definition in &operation.node.variable_definitions {
            if let Some(default) = &definition.node.default_value {
                // Its nesting was bounded by the text check.
                constant(&definition.node.name.node, &default.node, 0, usize::MAX)?;
            }
            directives(&definition.node.directives)?;
        }
        directives(&operation.node.directives)?;
        selection_set(&operation.node.selection_set.node)?;
    }
    for fragment in document.fragments.values() {
        directives(&fragment.node.directives)?;
        selection_set(&fragment.node.selection_set.node)?;
    }
    Ok(())
}

fn selection_set(set: &SelectionSet) -> Result<(), ServiceError> {
    set.items.iter().try_for_each(|item| match &item.node {
        Selection::Field(field) => {
            arguments(&field.node.arguments)?;
            directives(&field.node.directives)?;
            selection_set(&field.node.selection_set.node)
        }
        Selection::InlineFragment(fragment) => {
            directives(&fragment.node.directives)?;
            selection_set(&fragment.node.selection_set.node)
        }
        Selection::FragmentSpread(spread) => directives(&spread.node.directives),
    })
}

fn directives(directives: &[Positioned<Directive>]) -> Result<(), ServiceError> {
    directives.iter().try_for_each(|d| arguments(&d.node.arguments))
}

fn arguments(arguments: &[(Positioned<async_graphql::Name>, Positioned<Value>)]) -> Result<(), ServiceError> {
    arguments.iter().try_for_each(|(name, value)| literal(&name.node, &value.node))
}

fn literal(field: &str, value: &Value) -> Result<(), ServiceError> {
    match value {
        Value::String(text) => validate::plain_text(field, text),
        Value::List(items) => items.iter().try_for_each(|item| literal(field, item)),
        Value::Object(fields) => fields.iter().try_for_each(|(name, item)| literal(name, item)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literals(query: &str) -> Result<(), ServiceError> {
        check_literals(&async_graphql::parser::parse_query(query).expect("parses"))
    }

    #[test]
    fn a_control_character_in_any_literal_is_refused_naming_the_innermost_field() {
        assert!(literals(r#"{ f(a: "ok\ttab\nline", b: {c: ["x"]}) }"#).is_ok());
        let err = literals(r#"mutation { login(input: {username: "a\u0000", password: "p"}) { token } }"#)
            .expect_err("NUL");
        assert_eq!(err.field(), Some("username"));
        let err = literals(r#"{ ... on Q { f(search: "\u001b[2J") } }"#).expect_err("escape");
        assert_eq!(err.field(), Some("search"));
        let err = literals(r#"query($q: String = "\u0007") { f(q: $q) }"#).expect_err("default");
        assert_eq!(err.field(), Some("q"));
        let err = literals("fragment F on Q { g @include(if: true) { h(x: \"\\u0008\") } } { ...F }")
            .expect_err("fragment");
        assert_eq!(err.field(), Some("x"));
    }

    #[test]
    fn variables_are_held_to_the_text_rule_and_the_nesting_limit() {
        let vars = |json: serde_json::Value| Variables::from_json(json);
        assert!(check_variables(&vars(serde_json::json!({"input": {"name": "徐工\n"}})), 4).is_ok());
        let err =
            check_variables(&vars(serde_json::json!({"input": {"name": "a\u{0}"}})), 4).expect_err("NUL");
        assert_eq!(err.field(), Some("name"));
        let deep = serde_json::json!({"ids": [[[[["1"]]]]]});
        assert_eq!(check_variables(&vars(deep.clone()), 5).map_err(|e| e.field().map(str::to_owned)), Ok(()));
        assert_eq!(check_variables(&vars(deep), 4).expect_err("deep").field(), Some("ids"));
    }
}
