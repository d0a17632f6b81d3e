//! `spawn_app`: a server on port 0 over a fresh database, and a small
//! GraphQL client.

use std::path::PathBuf;
use std::sync::Arc;

use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use serde_json::{Value, json};

use api::startup::Application;
use api::state::AppState;
use entity::enums::Role;
use service::config::Settings;
use service::usecase::identity::{self, NewUser};

/// The database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs each named `async fn(Backend)` as two tests, `<name>::sqlite` and
/// `<name>::postgres`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::helpers::Backend::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::helpers::Backend::Postgres).await
            }
        }
    )*};
}

/// The admin every test app starts with.
pub const ADMIN: &str = "admin";
pub const PASSWORD: &str = "test-password-1";

pub fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

pub fn redis_url() -> String {
    std::env::var("TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into())
}

/// A fresh, empty database; the returned guard drops it.
pub struct FreshDatabase {
    pub url: String,
    backend: Backend,
    name: String,
    dir: PathBuf,
}

impl FreshDatabase {
    pub async fn create(backend: Backend) -> Self {
        let name = format!("aftersales_test_{}", uuid::Uuid::new_v4().simple());
        let dir = std::env::temp_dir().join(&name);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let url = match backend {
            Backend::Sqlite => format!("sqlite://{}?mode=rwc", dir.join("test.db").display()),
            Backend::Postgres => {
                let admin = Database::connect(postgres_admin_url()).await.expect("PostgreSQL is reachable");
                admin
                    .execute_raw(Statement::from_string(
                        admin.get_database_backend(),
                        format!("CREATE DATABASE {name}"),
                    ))
                    .await
                    .expect("create test database");
                admin.close().await.ok();
                let base = postgres_admin_url();
                let (prefix, _) = base.rsplit_once('/').expect("database url has a path");
                format!("{prefix}/{name}")
            }
        };
        Self { url, backend, name, dir }
    }

    /// A file of this test's own, removed with the database.
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Drops the PostgreSQL database with everything still connected to it.
    pub async fn drop_now(&self) {
        if self.backend == Backend::Postgres
            && let Ok(admin) = Database::connect(postgres_admin_url()).await
        {
            let _ = admin
                .execute_raw(Statement::from_string(
                    admin.get_database_backend(),
                    format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
                ))
                .await;
            admin.close().await.ok();
        }
    }
}

impl Drop for FreshDatabase {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        if self.backend == Backend::Postgres {
            let name = self.name.clone();
            // Best effort cleanup on a separate runtime: Drop cannot await.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build();
                if let Ok(rt) = rt {
                    rt.block_on(async move {
                        if let Ok(admin) = Database::connect(postgres_admin_url()).await {
                            let _ = admin
                                .execute_raw(Statement::from_string(
                                    admin.get_database_backend(),
                                    format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                                ))
                                .await;
                        }
                    });
                }
            })
            .join();
        }
    }
}

/// A running server and a client for it.
pub struct TestApp {
    pub address: String,
    pub db: DatabaseConnection,
    /// Shared with other instances over the same database; dropped with
    /// the last of them.
    pub database: Arc<FreshDatabase>,
    pub http: reqwest::Client,
    /// The server's shared state (its event bus, token issuer).
    pub state: AppState,
}

/// The workspace's binary `name` (of `package`), next to this test
/// binary: `./scripts/test` builds them first.
pub fn binary(name: &str, package: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let dir = exe.parent().and_then(|deps| deps.parent()).expect("target directory");
    let binary = dir.join(name);
    assert!(binary.exists(), "{} is missing: run `cargo build -p {package} --bins`", binary.display());
    binary
}

/// A port free right now on loopback.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a port")
}

/// A schedule that does not tick in this century: tests that run workers
/// get the management reports only where they ask for them.
pub const NEVER: &str = "0 0 3 1 1 * 2099";

pub fn test_settings(database_url: &str) -> Settings {
    Settings {
        database_url: database_url.to_owned(),
        bind: "127.0.0.1:0".into(),
        jwt_secret: Some("test-secret-test-secret-test-secret!".into()),
        db_max_connections: 5,
        data_dir: std::env::temp_dir().join("aftersales-test-data"),
        schedules: service::config::Schedules {
            recurrence_report: NEVER.into(),
            kpi_report: NEVER.into(),
            ..service::config::Schedules::default()
        },
        ..Settings::default()
    }
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

/// Starts the server with settings adjusted by `tweak`, and an admin user.
pub async fn spawn_app_with(backend: Backend, tweak: impl FnOnce(&mut Settings)) -> TestApp {
    let database = Arc::new(FreshDatabase::create(backend).await);
    let app = serve(database, tweak).await;
    identity::create_user(
        &app.db,
        None,
        NewUser {
            username: ADMIN.into(),
            password: PASSWORD.into(),
            roles: vec![Role::Admin],
            ..NewUser::default()
        },
    )
    .await
    .expect("admin created");
    app
}

/// A server over `database`, with the test settings adjusted by `tweak`.
async fn serve(database: Arc<FreshDatabase>, tweak: impl FnOnce(&mut Settings)) -> TestApp {
    let mut settings = test_settings(&database.url);
    tweak(&mut settings);
    let app = Application::build(settings).await.expect("application builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let state = app.state().clone();
    tokio::spawn(app.run_until_stopped());
    TestApp { address, db: state.db.clone(), database, http: reqwest::Client::new(), state }
}

/// A GraphQL response: `data` and `errors`.
#[derive(Debug)]
pub struct GqlResponse {
    pub body: Value,
}

impl GqlResponse {
    pub fn data(&self) -> &Value {
        &self.body["data"]
    }

    /// The `extensions.code` of the first error, if any.
    pub fn error_code(&self) -> Option<&str> {
        self.body["errors"][0]["extensions"]["code"].as_str()
    }

    pub fn error_field(&self) -> Option<&str> {
        self.body["errors"][0]["extensions"]["field"].as_str()
    }

    #[track_caller]
    pub fn expect_ok(&self) -> &Value {
        assert!(self.body.get("errors").is_none(), "unexpected errors: {}", self.body);
        &self.body["data"]
    }
}

impl TestApp {
    /// A second server over this one's database (another instance of the
    /// same deployment), with the test settings adjusted by `tweak`.
    pub async fn another_instance(&self, tweak: impl FnOnce(&mut Settings)) -> TestApp {
        serve(self.database.clone(), tweak).await
    }

    /// This client, sending from another loopback address (Linux routes
    /// all of 127.0.0.0/8 to the loopback interface).
    pub fn sending_from(&self, address: &str) -> TestApp {
        let ip: std::net::IpAddr = address.parse().expect("an IP address");
        let http = reqwest::Client::builder().local_address(ip).build().expect("client");
        TestApp {
            address: self.address.clone(),
            db: self.db.clone(),
            database: self.database.clone(),
            http,
            state: self.state.clone(),
        }
    }

    pub async fn gql(&self, token: Option<&str>, query: &str, variables: Value) -> GqlResponse {
        let mut request = self
            .http
            .post(format!("{}/graphql", self.address))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request sent");
        let body = response.json().await.expect("JSON body");
        GqlResponse { body }
    }

    pub async fn login(&self, username: &str, password: &str) -> GqlResponse {
        self.gql(
            None,
            "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token user { username roles } } }",
            json!({ "u": username, "p": password }),
        )
        .await
    }

    /// Logs in and returns the token.
    pub async fn token(&self, username: &str, password: &str) -> String {
        let response = self.login(username, password).await;
        response.expect_ok()["login"]["token"].as_str().expect("token").to_owned()
    }

    pub async fn admin_token(&self) -> String {
        self.token(ADMIN, PASSWORD).await
    }

    /// Creates a user directly (as the CLI does) and returns a token for it.
    pub async fn user_with(&self, username: &str, roles: &[Role], dealer_code: Option<&str>) -> String {
        identity::create_user(
            &self.db,
            None,
            NewUser {
                username: username.into(),
                password: PASSWORD.into(),
                roles: roles.to_vec(),
                dealer_code: dealer_code.map(Into::into),
                region: roles.contains(&Role::Engineer).then(|| "江苏".to_owned()),
                ..NewUser::default()
            },
        )
        .await
        .expect("user created");
        self.token(username, PASSWORD).await
    }

    /// Creates an engineer with skills in a region and returns (user id as
    /// an API id, token).
    pub async fn engineer(
        &self,
        username: &str,
        region: &str,
        skills: &[entity::enums::FaultCategory],
    ) -> (String, String) {
        let account = identity::create_user(
            &self.db,
            None,
            NewUser {
                username: username.into(),
                password: PASSWORD.into(),
                roles: vec![Role::Engineer],
                region: Some(region.into()),
                skills: skills.to_vec(),
                ..NewUser::default()
            },
        )
        .await
        .expect("engineer created");
        let token = self.token(username, PASSWORD).await;
        let me = self.gql(Some(&token), "{ me { id } }", json!({})).await;
        let id = me.expect_ok()["me"]["id"].as_str().expect("id").to_owned();
        let _ = account;
        (id, token)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http.get(format!("{}{path}", self.address)).send().await.expect("request sent")
    }

    /// The ticket numbered `number`, read straight from the database.
    pub async fn ticket_numbered(&self, number: &str) -> entity::ticket::Model {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        entity::ticket::Entity::find()
            .filter(entity::ticket::Column::Number.eq(number))
            .one(&self.db)
            .await
            .expect("query")
            .unwrap_or_else(|| panic!("ticket {number}"))
    }

    /// The id of the user `username`.
    pub async fn user_id(&self, username: &str) -> i64 {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        entity::user::Entity::find()
            .filter(entity::user::Column::Username.eq(username))
            .one(&self.db)
            .await
            .expect("query")
            .unwrap_or_else(|| panic!("user {username}"))
            .id
    }

    /// Rows in a table, read straight from the database.
    pub async fn count(&self, table: &str) -> i64 {
        let row = self
            .db
            .query_one_raw(Statement::from_string(
                self.db.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .expect("count query")
            .expect("a row");
        row.try_get::<i64>("", "n").expect("count")
    }
}

/// Runs a browser check of `tests/browser` (Playwright driving Debian's
/// Chromium, with nothing reachable but this server) against the app, with
/// extra environment variables; `./scripts/test` installs Chromium and the
/// packages. Its screenshots land in `tests/browser/artifacts/`.
pub async fn browser_check(app: &TestApp, script: &str, env: &[(&str, &str)]) -> std::process::Output {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("browser").join(script);
    tokio::process::Command::new("node")
        .arg(&path)
        .arg(&app.address)
        .envs(env.iter().copied())
        .output()
        .await
        .unwrap_or_else(|e| panic!("node runs {} (./scripts/test installs Node.js): {e}", path.display()))
}
