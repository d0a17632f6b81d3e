//! Answers in the order of the selection set. The GraphQL spec (7.1.1)
//! says the serialized map should keep the order the client asked in; the
//! engine builds a merged root (and a simple object with its complex
//! fields) part by part, so `{ units {…} me {…} }` answered `me` first
//! (async-graphql issue #612). Rather than fork the engine, the finished
//! data is put in order: a plan of response keys is built once from the
//! document, then applied to every object (a list's elements share one).

use async_graphql::Value;
use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, FragmentDefinition, Selection, SelectionSet,
};
use async_graphql::{Name, Positioned};

/// The response keys of a selection, in order, each with the plan of its
/// own selection.
#[derive(Debug, Default)]
struct Plan {
    keys: Vec<(Name, Plan)>,
}

type Fragments = std::collections::HashMap<Name, Positioned<FragmentDefinition>>;

/// Deeper than any document the limits let through.
const MAX_DEPTH: usize = 128;

impl Plan {
    fn of(sets: &[&SelectionSet], fragments: &Fragments, depth: usize) -> Self {
        let mut grouped: Vec<(Name, Vec<&SelectionSet>)> = Vec::new();
        // Each fragment is expanded once per level (as the spec's
        // CollectFields does), so spreads cannot multiply the work.
        let mut expanded = std::collections::HashSet::new();
        if depth < MAX_DEPTH {
            for set in sets {
                collect(set, fragments, &mut grouped, &mut expanded);
            }
        }
        let keys = grouped
            .into_iter()
            .map(|(key, subsets)| {
                let plan = Plan::of(&subsets, fragments, depth + 1);
                (key, plan)
            })
            .collect();
        Self { keys }
    }

    fn apply(&self, value: &mut Value) {
        match value {
            Value::Object(map) if !self.keys.is_empty() => {
                let in_order = map.len() == self.keys.len()
                    && map.keys().zip(&self.keys).all(|(have, (want, _))| have == want);
                if in_order {
                    for ((_, plan), inner) in self.keys.iter().zip(map.values_mut()) {
                        plan.apply(inner);
                    }
                    return;
                }
                // In place: the entries sorted by their key's place in
                // the plan (keys it does not name last), no new map.
                let rank = |key: &Name| self.keys.iter().position(|(k, _)| k == key).unwrap_or(usize::MAX);
                map.sort_by(|a, _, b, _| rank(a).cmp(&rank(b)));
                for (key, inner) in map.iter_mut() {
                    if let Some((_, plan)) = self.keys.iter().find(|(k, _)| k == key) {
                        plan.apply(inner);
                    }
                }
            }
            Value::List(items) => items.iter_mut().for_each(|item| self.apply(item)),
            _ => {}
        }
    }
}

/// Appends the response keys of `set` (fragments spread in place) to
/// `grouped`, with the selection sets under each key.
fn collect<'a>(
    set: &'a SelectionSet,
    fragments: &'a Fragments,
    grouped: &mut Vec<(Name, Vec<&'a SelectionSet>)>,
    expanded: &mut std::collections::HashSet<&'a Name>,
) {
    for selection in &set.items {
        match &selection.node {
            Selection::Field(field) => {
                let field = &field.node;
                let key = field.alias.as_ref().unwrap_or(&field.name).node.clone();
                match grouped.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, sets)) => sets.push(&field.selection_set.node),
                    None => grouped.push((key, vec![&field.selection_set.node])),
                }
            }
            Selection::FragmentSpread(spread) => {
                let name = &spread.node.fragment_name.node;
                if expanded.insert(name)
                    && let Some(fragment) = fragments.get(name)
                {
                    collect(&fragment.node.selection_set.node, fragments, grouped, expanded);
                }
            }
            Selection::InlineFragment(inline) => {
                collect(&inline.node.selection_set.node, fragments, grouped, expanded);
            }
        }
    }
}

/// Puts `data`, the answer to `operation` of `document`, in the order of
/// its selection set.
pub fn reorder(data: &mut Value, document: &ExecutableDocument, operation: Option<&str>) {
    // Nothing ran (the engine refused the document): nothing to order,
    // and the document may be one the engine refused for being hostile.
    if matches!(data, Value::Null) {
        return;
    }
    let selected = match (&document.operations, operation) {
        (DocumentOperations::Single(op), _) => Some(op),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name),
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops.values().next(),
        (DocumentOperations::Multiple(_), None) => None,
    };
    if let Some(op) = selected {
        Plan::of(&[&op.node.selection_set.node], &document.fragments, 0).apply(data);
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::parser::parse_query;

    use super::*;

    fn keys(value: &Value) -> Vec<String> {
        match value {
            Value::Object(map) => map.keys().map(|k| k.to_string()).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn objects_and_list_elements_follow_the_selection_fragments_included() {
        let document = parse_query(
            "query Q { units { nodes { ...U model { name } } } me { username } }
             fragment U on Unit { serial: serialNumber dealer { code } }",
        )
        .expect("parses");
        let mut data = Value::from_json(serde_json::json!({
            "me": {"username": "a"},
            "units": {"nodes": [
                {"model": {"name": "m"}, "dealer": {"code": "d"}, "serial": "1"},
                {"dealer": null, "model": {"name": "n"}, "serial": "2"},
            ]},
        }))
        .expect("value");
        reorder(&mut data, &document, Some("Q"));
        assert_eq!(keys(&data), ["units", "me"]);
        let Value::Object(root) = &data else { panic!("object") };
        let Value::Object(units) = &root["units"] else { panic!("object") };
        let Value::List(nodes) = &units["nodes"] else { panic!("list") };
        for node in nodes {
            assert_eq!(keys(node), ["serial", "dealer", "model"]);
        }
    }

    #[test]
    fn fragments_that_spread_themselves_are_expanded_once_per_level() {
        let document =
            parse_query("{ a { ...A } } fragment A on X { b ...A ...A c { ...A } }").expect("parses");
        let mut data = Value::from_json(serde_json::json!({"a": {"c": {"b": 1}, "b": 2}})).expect("value");
        reorder(&mut data, &document, None);
        let Value::Object(root) = &data else { panic!("object") };
        assert_eq!(keys(&root["a"]), ["b", "c"]);
        let mut refused = Value::Null;
        reorder(&mut refused, &document, None);
        assert_eq!(refused, Value::Null);
    }

    #[test]
    fn keys_the_plan_does_not_know_stay_after_and_nothing_is_lost() {
        let document = parse_query("{ b a }").expect("parses");
        let mut data = Value::from_json(serde_json::json!({"a": 1, "__extra": 3, "b": 2})).expect("value");
        reorder(&mut data, &document, None);
        assert_eq!(keys(&data), ["b", "a", "__extra"]);
    }
}
