//! The README's examples are tests: every GraphQL operation and every curl
//! command in README.md runs, in the README's order, against a server on
//! the demo data, and must succeed as written. The user an example runs as
//! is the one its paragraph names ("(as `agent`"); it starts as `admin`; it stays until another
//! is named. A `$id` is the ticket the previous operation answered with.

use std::path::Path;
use std::process::Command;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, spawn_app};

/// A fenced block of the README with the prose before it.
struct Example {
    language: String,
    prose: String,
    code: String,
    line: usize,
}

fn examples(readme: &str) -> Vec<Example> {
    let mut found = Vec::new();
    let mut prose = String::new();
    let mut lines = readme.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        let Some(language) = line.strip_prefix("```") else {
            prose.push_str(line);
            prose.push('\n');
            continue;
        };
        let code: Vec<&str> = lines.by_ref().map(|(_, l)| l).take_while(|l| !l.starts_with("```")).collect();
        found.push(Example {
            language: language.trim().to_owned(),
            prose: std::mem::take(&mut prose),
            code: code.join("\n"),
            line: n + 1,
        });
    }
    found
}

/// The top-level operations of a GraphQL block, split where the braces
/// close (the README's operations hold no braces inside strings).
fn operations(block: &str) -> Vec<String> {
    let mut found = Vec::new();
    let (mut depth, mut start, mut in_string) = (0usize, None, false);
    for (i, c) in block.char_indices() {
        match c {
            '"' => in_string = !in_string,
            _ if in_string => {}
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0
                    && let Some(from) = start.take()
                {
                    found.push(block[from..=i].to_owned());
                }
            }
            _ if start.is_none() && !c.is_whitespace() => start = Some(i),
            _ => {}
        }
    }
    assert!(depth == 0 && start.is_none(), "unbalanced braces in\n{block}");
    found
}

/// The user a paragraph names: the first "(as `name`" in it.
fn named_user(prose: &str) -> Option<String> {
    let at = prose.find("(as `")? + 5;
    let name = &prose[at..];
    Some(name[..name.find('`')?].to_owned())
}

/// The first ticket id in an answer.
fn ticket_id(value: &Value) -> Option<Value> {
    match value {
        Value::Object(map) => {
            map.get("ticket").and_then(|t| t.get("id")).cloned().or_else(|| map.values().find_map(ticket_id))
        }
        Value::Array(items) => items.iter().find_map(ticket_id),
        _ => None,
    }
}

async fn run_graphql(app: &TestApp, example: &Example, token: Option<&str>, last_ticket: &mut Option<Value>) {
    for operation in operations(&example.code) {
        let variables = if operation.contains("$id") {
            json!({"id": last_ticket.clone().expect("an earlier example answered with a ticket")})
        } else {
            json!({})
        };
        let answer = app.gql(token, &operation, variables).await;
        assert!(
            answer.body.get("errors").is_none() && !answer.body["data"].is_null(),
            "README line {}: {operation}\nanswered {}",
            example.line,
            answer.body
        );
        if let Some(id) = ticket_id(&answer.body["data"]) {
            *last_ticket = Some(id);
        }
    }
}

/// Runs a shell example against the test server (its `localhost:8080`
/// becomes the server's address) in `dir`, with the variables earlier
/// examples set; returns the variables it set.
fn run_shell(app: &TestApp, example: &Example, dir: &Path, token: &str) -> String {
    let script = example.code.replace("localhost:8080", app.address.trim_start_matches("http://"));
    let output = Command::new("bash")
        .arg("-c")
        .arg(format!("set -eo pipefail\n{script}\necho\necho \"__TOKEN=$TOKEN\""))
        .env("TOKEN", token)
        .current_dir(dir)
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "README line {} failed ({}):\n{script}\nstdout: {stdout}\nstderr: {}",
        example.line,
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!stdout.contains("\"errors\""), "README line {}: {stdout}", example.line);
    stdout.lines().find_map(|l| l.strip_prefix("__TOKEN=")).unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_readme_example_succeeds_on_the_demo_data() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
        .expect("README.md");
    let app = spawn_app(Backend::Sqlite).await;
    service::demo::load(&app.db).await.expect("demo data");
    // The test server made its own admin first, which the demo keeps; on a
    // fresh install the demo makes it, with the demo password.
    let hash =
        service::auth::hash_password_blocking(service::demo::DEMO_PASSWORD.to_owned()).await.expect("hash");
    entity::user::Entity::update_many()
        .col_expr(entity::user::Column::PasswordHash, sea_orm::sea_query::Expr::value(hash))
        .filter(entity::user::Column::Username.eq("admin"))
        .exec(&app.db)
        .await
        .expect("admin takes the demo password");
    let dir = tempfile::tempdir().expect("temp dir");
    let all = examples(&readme);
    let commands: Vec<&str> = all.iter().filter(|e| e.language == "sh").map(|e| e.code.trim()).collect();
    assert!(
        commands.iter().any(|c| c.starts_with("cargo run") && c.ends_with("--demo")),
        "the README names the command that starts the demo"
    );
    assert!(commands.contains(&"./scripts/test"), "the README names the test command");

    let (mut user, mut token) = ("admin".to_owned(), None::<String>);
    let mut shell_token = String::new();
    let mut last_ticket = None;
    let (mut operations_run, mut curls_run) = (0, 0);
    for example in &all {
        if let Some(named) = named_user(&example.prose)
            && named != user
        {
            user = named;
            token = None;
        }
        match example.language.as_str() {
            "graphql" => {
                // The sign-in example runs as it is; the others as the user.
                let signs_in = example.code.contains("login(");
                if token.is_none() && !signs_in {
                    token = Some(app.token(&user, service::demo::DEMO_PASSWORD).await);
                }
                let as_who = if signs_in { None } else { token.as_deref() };
                run_graphql(&app, example, as_who, &mut last_ticket).await;
                operations_run += operations(&example.code).len();
            }
            "sh" if example.code.contains("curl ") => {
                shell_token = run_shell(&app, example, dir.path(), &shell_token);
                curls_run += example.code.matches("curl ").count();
            }
            _ => {}
        }
    }
    assert!(operations_run >= 8 && curls_run >= 3, "{operations_run} operations, {curls_run} curls");
    assert!(!shell_token.is_empty(), "the curl sign-in gave a token");
    // Every file an example downloads is what it says it is.
    for entry in std::fs::read_dir(dir.path()).expect("listing") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        if path.extension().is_some_and(|e| e == "xlsx") {
            assert!(bytes.starts_with(b"PK"), "{} is a workbook of {} bytes", path.display(), bytes.len());
        }
    }
    assert!(dir.path().join("report.xlsx").exists(), "the export example wrote its file");
}

#[test]
fn operations_split_where_the_braces_close() {
    let block = "mutation { a(input: {x: \"}\"}) { id } }\n\nquery($id: ID!) { b(id: $id) { c } }";
    assert_eq!(operations(block).len(), 2);
    assert_eq!(named_user("Old parts (as `manager`, or `quality`)"), Some("manager".into()));
    assert_eq!(ticket_id(&json!({"reportFault": {"ticket": {"id": "T1"}}})), Some(json!("T1")));
}
