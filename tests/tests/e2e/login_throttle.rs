//! Sign-in cannot be brute-forced: every attempt is reserved before any
//! password is hashed, parallel requests and the operations of a batch all
//! count, the budget is shared by every instance (through the database, or
//! Redis when configured), and a stranger's failures do not lock the
//! owner out from their own address.

use futures::future::join_all;
use serde_json::{Value, json};

use crate::helpers::{ADMIN, Backend, PASSWORD, TestApp, redis_url, spawn_app_with};
use crate::on_both_backends;

on_both_backends!(
    parallel_batches_of_guesses_get_five_checks_in_all,
    a_right_guess_past_the_budget_gets_no_token,
    a_stranger_cannot_lock_the_owner_out_but_many_strangers_slow_the_name,
    two_instances_share_one_budget,
);

const LOGIN: &str =
    "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }";

fn attempt(password: &str) -> Value {
    json!({"query": LOGIN, "variables": {"u": ADMIN, "p": password}})
}

/// Every answer's error code (`OK` for a token) of a batch.
async fn codes(app: &TestApp, batch: Vec<Value>) -> Vec<String> {
    let response = app.http.post(format!("{}/graphql", app.address)).json(&batch).send().await.expect("sent");
    let answers: Vec<Value> = response.json().await.expect("a JSON batch answer");
    answers
        .iter()
        .map(|a| {
            if a["data"]["login"]["token"].is_string() {
                return "OK".to_owned();
            }
            let code = a["errors"][0]["extensions"]["code"].as_str().unwrap_or("NONE").to_owned();
            if code == "RATE_LIMITED" {
                let wait = a["errors"][0]["extensions"]["retryAfter"].as_u64().unwrap_or(0);
                assert!((1..=60).contains(&wait), "retryAfter in seconds: {a}");
            }
            code
        })
        .collect()
}

fn count(codes: &[String], code: &str) -> usize {
    codes.iter().filter(|c| c.as_str() == code).count()
}

async fn parallel_batches_of_guesses_get_five_checks_in_all(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.login_attempts_per_minute = 5).await;
    let batches = (0..10).map(|b| codes(&app, (0..20).map(|i| attempt(&format!("guess-{b}-{i}"))).collect()));
    let all: Vec<String> = join_all(batches).await.into_iter().flatten().collect();
    assert_eq!(all.len(), 200);
    // 200 guesses were let through the check together before.
    assert_eq!(count(&all, "UNAUTHENTICATED"), 5, "{all:?}");
    assert_eq!(count(&all, "RATE_LIMITED"), 195, "{all:?}");
}

async fn a_right_guess_past_the_budget_gets_no_token(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.login_attempts_per_minute = 5).await;
    let guesses: Vec<_> =
        (0..30).map(|i| attempt(&format!("guess-{i}"))).chain([attempt(PASSWORD)]).collect();
    let parallel = join_all(guesses.into_iter().map(|guess| codes(&app, vec![guess]))).await;
    let all: Vec<String> = parallel.into_iter().flatten().collect();
    assert!(count(&all, "UNAUTHENTICATED") + count(&all, "OK") <= 5, "at most 5 checked: {all:?}");
    // An attempt refused as busy (every hashing slot taken, as on a loaded
    // machine) is given back, not a guess: spend what is left, one by one.
    for _ in 0..5 {
        if codes(&app, vec![attempt("one-more-guess")]).await == ["RATE_LIMITED"] {
            break;
        }
    }
    // The budget is spent: the right password is refused too.
    let after = codes(&app, vec![attempt(PASSWORD)]).await;
    assert_eq!(after, ["RATE_LIMITED"]);
}

async fn a_stranger_cannot_lock_the_owner_out_but_many_strangers_slow_the_name(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.login_attempts_per_minute = 5).await;
    let stranger = app.sending_from("127.0.0.2");
    let tries = codes(&stranger, (0..6).map(|i| attempt(&format!("guess-{i}"))).collect()).await;
    assert_eq!(count(&tries, "UNAUTHENTICATED"), 5, "{tries:?}");
    assert_eq!(count(&tries, "RATE_LIMITED"), 1, "{tries:?}");
    // The owner, from their own address, signs in; a success costs nothing.
    for _ in 0..3 {
        assert_eq!(codes(&app, vec![attempt(PASSWORD)]).await, ["OK"]);
    }
    // Strangers on four addresses spend the name's own, larger budget.
    for n in 3..=5 {
        let others = app.sending_from(&format!("127.0.0.{n}"));
        codes(&others, (0..5).map(|i| attempt(&format!("guess-{n}-{i}"))).collect()).await;
    }
    assert_eq!(codes(&app, vec![attempt(PASSWORD)]).await, ["RATE_LIMITED"], "the name is slowed everywhere");
}

async fn two_instances_share_one_budget(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.login_attempts_per_minute = 5).await;
    let other = app.another_instance(|s| s.login_attempts_per_minute = 5).await;
    let mut all = Vec::new();
    for i in 0..10 {
        let instance = if i % 2 == 0 { &app } else { &other };
        all.extend(codes(instance, vec![attempt(&format!("guess-{i}"))]).await);
    }
    assert_eq!(count(&all, "UNAUTHENTICATED"), 5, "one budget for both: {all:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_share_one_budget_through_redis() {
    let prefix = format!("throttle-{}", uuid::Uuid::new_v4().simple());
    let settings = |s: &mut service::config::Settings| {
        s.login_attempts_per_minute = 5;
        s.redis_url = Some(redis_url());
        s.queue_prefix.clone_from(&prefix);
        s.embedded_worker = Some(false);
    };
    let app = spawn_app_with(Backend::Postgres, settings).await;
    let other = app.another_instance(settings).await;
    let batches = [&app, &other, &app, &other]
        .map(|instance| codes(instance, (0..10).map(|i| attempt(&format!("guess-{i}"))).collect()));
    let all: Vec<String> = join_all(batches).await.into_iter().flatten().collect();
    assert_eq!(count(&all, "UNAUTHENTICATED"), 5, "{all:?}");
    assert_eq!(app.count("login_attempts").await, 0, "counted in Redis, not in the database");
}
