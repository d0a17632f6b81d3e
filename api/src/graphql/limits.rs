//! Limits the engine does not set itself (after the OWASP GraphQL cheat
//! sheet): how many aliases one document may use. Aliases let one request
//! ask the same expensive field hundreds of times under different names,
//! which the depth limit never sees.

use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Request, ServerError, ServerResult, Variables};

/// Refuses a request whose document has more than `max` aliases. The
/// document stays parsed in the request, so the engine does not parse it
/// again; one that does not parse is left for the engine to refuse.
pub fn check_aliases(request: &mut Request, max: usize) -> ServerResult<()> {
    match request.parsed_query() {
        Ok(document) => within_limit(count_aliases(document), max),
        Err(_) => Ok(()),
    }
}

fn within_limit(aliases: usize, max: usize) -> ServerResult<()> {
    if aliases > max {
        return Err(ServerError::new(
            format!("the query uses {aliases} aliases; at most {max} are allowed"),
            None,
        ));
    }
    Ok(())
}

/// The same limit as an engine extension, for operations that arrive over
/// the WebSocket.
pub struct AliasLimit(pub usize);

impl ExtensionFactory for AliasLimit {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(AliasLimitExtension(self.0))
    }
}

struct AliasLimitExtension(usize);

#[async_graphql::async_trait::async_trait]
impl Extension for AliasLimitExtension {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        within_limit(count_aliases(&document), self.0)?;
        Ok(document)
    }
}

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
