//! How many aliases one document may use (after the OWASP GraphQL cheat
//! sheet): aliases let one request ask the same expensive field hundreds of
//! times under different names, which the depth limit never sees.

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};

/// Aliased fields in every operation and fragment of `document`, each
/// counted where it is written.
pub fn count_aliases(document: &ExecutableDocument) -> usize {
    fn in_set(set: &SelectionSet) -> usize {
        set.items
            .iter()
            .map(|item| match &item.node {
                Selection::Field(field) => {
                    usize::from(field.node.alias.is_some()) + in_set(&field.node.selection_set.node)
                }
                Selection::InlineFragment(fragment) => in_set(&fragment.node.selection_set.node),
                Selection::FragmentSpread(_) => 0,
            })
            .sum()
    }
    let operations: usize =
        document.operations.iter().map(|(_, operation)| in_set(&operation.node.selection_set.node)).sum();
    let fragments: usize =
        document.fragments.values().map(|fragment| in_set(&fragment.node.selection_set.node)).sum();
    operations + fragments
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aliases(query: &str) -> usize {
        count_aliases(&async_graphql::parser::parse_query(query).expect("parses"))
    }

    #[test]
    fn aliases_are_counted_in_operations_fragments_and_nested_fields() {
        assert_eq!(aliases("{ me { username } }"), 0);
        assert_eq!(aliases("{ a: me { username } b: me { u: username } }"), 3);
        assert_eq!(aliases("query { ...F } fragment F on QueryRoot { x: me { username } }"), 1);
        assert_eq!(aliases("{ ... on QueryRoot { y: me { username } } }"), 1);
    }
}
