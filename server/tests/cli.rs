//! The `aftersales-api` binary's admin commands, run as a user would.

use std::io::Write;
use std::process::{Command, Stdio};

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("aftersales-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn user_add(dir: &std::path::Path, args: &[&str], password: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_aftersales-api"))
        .args(["user", "add"])
        .args(args)
        .arg("--password-stdin")
        .env("DATABASE_URL", format!("sqlite://{}/cli.db?mode=rwc", dir.display()))
        .env("AFTERSALES_DATA_DIR", dir)
        .env("RUST_LOG", "error")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary starts");
    child.stdin.take().expect("stdin").write_all(password.as_bytes()).expect("password written");
    child.wait_with_output().expect("binary finishes")
}

#[test]
fn user_add_creates_the_first_admin_on_a_fresh_install_and_refuses_a_duplicate() {
    let dir = temp_dir("admin");
    let first = user_add(&dir, &["--username", "root", "--role", "ADMIN"], "first-admin-pw\n");
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(String::from_utf8_lossy(&first.stdout).contains("created user root"));

    let again = user_add(&dir, &["--username", "root", "--role", "ADMIN"], "first-admin-pw\n");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("VALIDATION"));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn user_add_refuses_an_unknown_role_and_a_short_password() {
    let dir = temp_dir("bad");
    let role = user_add(&dir, &["--username", "x", "--role", "PILOT"], "long-enough-pw\n");
    assert!(!role.status.success());
    assert!(String::from_utf8_lossy(&role.stderr).contains("unknown role"));
    let short = user_add(&dir, &["--username", "x", "--role", "AGENT"], "short\n");
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("password"));
    std::fs::remove_dir_all(dir).ok();
}
