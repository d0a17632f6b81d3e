//! How deep a document's brackets nest, read from its text before anything
//! parses it. The engine's parser, validator and input coercion all recurse
//! once per level of a nested value: a list literal some 1 600 levels deep
//! (a 3 KB body) overflowed the stack and aborted the process. Counting
//! brackets is linear and needs no stack, so it runs first.

/// Where the document nests past a limit.
#[derive(Debug, PartialEq, Eq)]
pub enum TooDeep {
    /// Brackets of any kind (selection sets, arguments, values).
    Document { limit: usize },
    /// Lists and input objects inside an argument or variable definition.
    Value { limit: usize },
}

/// One open bracket: whether it is inside parentheses (arguments, variable
/// definitions), and how many value brackets enclose it there.
#[derive(Clone, Copy)]
struct Open {
    in_arguments: bool,
    value_depth: usize,
}

/// Checks the nesting of `query`'s brackets, skipping strings and comments.
/// Unbalanced brackets are left for the parser to report.
pub fn check(query: &str, max_document: usize, max_value: usize) -> Result<(), TooDeep> {
    let bytes = query.as_bytes();
    let mut open: Vec<Open> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && !matches!(bytes[i], b'\n' | b'\r') {
                    i += 1;
                }
            }
            b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                i += 3;
                while i < bytes.len() && !bytes[i..].starts_with(b"\"\"\"") {
                    i += if bytes[i..].starts_with(b"\\\"\"\"") { 4 } else { 1 };
                }
                i += 2;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && !matches!(bytes[i], b'"' | b'\n') {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            bracket @ (b'(' | b'[' | b'{') => {
                let top = open.last().copied();
                let entry = if bracket == b'(' {
                    Open { in_arguments: true, value_depth: 0 }
                } else {
                    let in_arguments = top.is_some_and(|t| t.in_arguments);
                    let value_depth = if in_arguments { top.map_or(0, |t| t.value_depth) + 1 } else { 0 };
                    Open { in_arguments, value_depth }
                };
                if entry.value_depth > max_value {
                    return Err(TooDeep::Value { limit: max_value });
                }
                if open.len() >= max_document {
                    return Err(TooDeep::Document { limit: max_document });
                }
                open.push(entry);
            }
            b')' | b']' | b'}' => {
                open.pop();
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested_list(levels: usize) -> String {
        format!("{{ tickets(first: {}1{}) {{ totalCount }} }}", "[".repeat(levels), "]".repeat(levels))
    }

    #[test]
    fn a_list_nested_past_the_value_limit_is_refused_however_deep() {
        assert_eq!(check(&nested_list(16), 64, 16), Ok(()));
        assert_eq!(check(&nested_list(17), 64, 16), Err(TooDeep::Value { limit: 16 }));
        assert_eq!(check(&nested_list(100_000), 64, 16), Err(TooDeep::Value { limit: 16 }));
    }

    #[test]
    fn input_objects_and_variable_types_count_as_values() {
        let objects = format!("{{ f(a: {}1{}) }}", "{b: ".repeat(5), "}".repeat(5));
        assert_eq!(check(&objects, 64, 4), Err(TooDeep::Value { limit: 4 }));
        assert_eq!(check("query($a: [[[Int]]]) { f }", 64, 2), Err(TooDeep::Value { limit: 2 }));
    }

    #[test]
    fn selection_sets_count_toward_the_document_limit_only() {
        let deep = format!("{}{}", "{ a ".repeat(10), "}".repeat(10));
        assert_eq!(check(&deep, 64, 1), Ok(()));
        assert_eq!(check(&deep, 9, 1), Err(TooDeep::Document { limit: 9 }));
    }

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        let query = "# [[[[[[\n{ f(a: \"[[[[[[\\\"[[[\", b: \"\"\"[[[[[[ \\\"\"\" [[[\"\"\") }";
        assert_eq!(check(query, 64, 1), Ok(()));
    }
}
