//! Layered, typed configuration: built-in defaults, then an optional TOML
//! file, then `AFTERSALES_*` environment variables (nested keys with `__`),
//! with the conventional `DATABASE_URL` and `REDIS_URL` honoured as well.
//! Everything is validated at start so a bad setting fails with a message
//! that names it.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use base64::Engine;
use chrono_tz::Tz;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use rand::RngCore;
use serde::{Deserialize, Serialize};

use crate::policy::Policy;

/// Where the optional configuration file is looked up when
/// `AFTERSALES_CONFIG` does not name one.
pub const DEFAULT_CONFIG_FILE: &str = "aftersales.toml";
const MIN_JWT_SECRET_LEN: usize = 32;
/// Thirty days: longer-lived tokens are a standing risk.
const MAX_TOKEN_TTL_MINUTES: i64 = 30 * 24 * 60;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

/// All settings of the api and worker processes.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// `sqlite://…` (embedded default) or `postgres://…`.
    pub database_url: String,
    /// Redis for job queues; without it the jobs wait in a SQLite file
    /// (`job_store_url`).
    pub redis_url: Option<String>,
    /// Without Redis: the SQLite database of the job queues (default
    /// `data_dir/jobs.db`), apart from the business data so its queue
    /// traffic never holds the business database's write lock.
    pub job_store_url: Option<String>,
    /// Run the background workers inside the api process (default: on
    /// without Redis, the embedded default; with Redis, run
    /// `aftersales-worker` processes instead).
    pub embedded_worker: Option<bool>,
    /// Address the HTTP server binds to.
    pub bind: String,
    /// Production mode: requires an explicit JWT secret, turns GraphiQL and
    /// introspection off unless asked for.
    pub production: bool,
    /// HMAC secret for access tokens; generated under `data_dir` when absent
    /// outside production.
    pub jwt_secret: Option<String>,
    pub token_ttl_minutes: i64,
    /// Business time zone for working days and deadlines (IANA name).
    pub time_zone: String,
    pub log_format: LogFormat,
    /// Serve GraphiQL on GET /graphql (default: on outside production).
    pub graphiql: Option<bool>,
    /// Allow schema introspection (default: on outside production).
    pub introspection: Option<bool>,
    /// Directory for the embedded database and generated secrets.
    pub data_dir: PathBuf,
    pub db_max_connections: u32,
    /// How long a request waits for a database connection before failing.
    pub db_acquire_timeout_secs: u64,
    /// Failed logins allowed per user name per minute (four times as many per
    /// client address); then `RATE_LIMITED` until the minute has passed.
    pub login_attempts_per_minute: u32,
    pub max_query_depth: usize,
    pub max_query_complexity: usize,
    /// Aliased fields one request may use (an alias repeats a field).
    pub max_query_aliases: usize,
    /// How long one GraphQL request may run, in milliseconds, before it is
    /// cancelled with `TIMEOUT` (its transaction rolled back).
    pub request_timeout_ms: u64,
    pub max_body_bytes: usize,
    /// Largest spreadsheet `/imports/{kind}` accepts, in bytes (its own
    /// limit: a file of 200 000 units is far more than a GraphQL request).
    pub import_max_bytes: usize,
    /// Most data rows one imported file may have.
    pub import_max_rows: usize,
    /// Largest GraphQL response sent, in bytes; past it the client gets
    /// `RESPONSE_TOO_LARGE` and should ask for fewer rows or fields.
    pub max_response_bytes: usize,
    /// Serve `/metrics` on this address only (e.g. an internal interface),
    /// not on `bind`.
    pub metrics_bind: Option<String>,
    /// Require `Authorization: Bearer <metrics_token>` on `/metrics`.
    pub metrics_token: Option<String>,
    /// Seconds in-flight requests get to finish on SIGTERM.
    pub shutdown_timeout_secs: u64,
    /// How long a DataLoader collects keys before it queries: longer
    /// batches more under load, at that much latency per nesting level.
    pub dataloader_delay_ms: u64,
    /// How long the api reuses a signed-in user's account and roles
    /// between requests, in milliseconds, instead of reading them for
    /// every request; an account changed directly in the database takes
    /// effect after at most this long. 0 reads them for every request.
    pub actor_cache_ms: u64,
    pub policy: Policy,
    pub delivery: Delivery,
    pub schedules: Schedules,
    /// Prefix of the worker's Redis queues: deployments sharing a Redis
    /// keep apart by it.
    pub queue_prefix: String,
    /// Where the worker serves `/healthz` and `/metrics`.
    pub worker_bind: String,
    /// Origins (`https://console.example.com`) whose pages may call the api
    /// from a browser (CORS). None by default: no CORS headers at all, so
    /// only pages the api serves itself can read its answers. A list, or
    /// in the environment one string of origins separated by commas.
    #[serde(deserialize_with = "origins")]
    pub cors_allowed_origins: Vec<String>,
}

/// A list of origins, or one string of them separated by commas (as an
/// environment variable gives it).
fn origins<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Origins {
        List(Vec<String>),
        Text(String),
    }
    Ok(match Origins::deserialize(deserializer)? {
        Origins::List(list) => list,
        Origins::Text(text) => {
            text.split(',').map(str::trim).filter(|o| !o.is_empty()).map(str::to_owned).collect()
        }
    })
}

/// Whether `origin` is an origin as browsers send it: `http` or `https`, a
/// host name or IPv4 address in lower case and maybe a port; no path, no
/// wildcard.
fn is_origin(origin: &str) -> bool {
    let Some(rest) = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://")) else {
        return false;
    };
    let (host, port) = rest.split_once(':').map_or((rest, None), |(host, port)| (host, Some(port)));
    let host_ok = !host.is_empty()
        && host.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-');
    let port_ok = port.is_none_or(|p| (1..=5).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()));
    host_ok && port_ok
}

/// When the worker sweeps, as cron expressions with seconds
/// (`sec min hour day month weekday`) in the business time zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Schedules {
    pub return_visits: String,
    pub sla: String,
    pub old_parts: String,
    pub determinations: String,
    pub low_stock: String,
    /// Quality complaints not taken within their routing hours.
    pub complaints: String,
    /// Delivery of what the api queued and of retries that came due.
    pub outbox: String,
    /// The quarterly failure-recurrence report to management.
    pub recurrence_report: String,
    /// The monthly KPI report to management.
    pub kpi_report: String,
}

impl Default for Schedules {
    fn default() -> Self {
        Self {
            return_visits: "0 */10 * * * *".into(),
            sla: "0 * * * * *".into(),
            old_parts: "0 0 9 * * *".into(),
            determinations: "0 30 9 * * *".into(),
            low_stock: "0 0 8 * * *".into(),
            complaints: "0 * * * * *".into(),
            outbox: "*/15 * * * * *".into(),
            recurrence_report: "0 0 7 1 1,4,7,10 *".into(),
            kpi_report: "0 0 7 1 * *".into(),
        }
    }
}

/// How the worker delivers the notification outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Delivery {
    /// `smtp://host:port` (plain) or `smtps://user:pass@host` ; none: e-mail waits in the outbox.
    pub smtp_url: Option<String>,
    /// Sender of every e-mail.
    pub mail_from: String,
    /// The SMS gateway: messages are POSTed there as JSON; none: SMS waits.
    pub sms_url: Option<String>,
    /// Sent as the `Authorization` header to the SMS gateway.
    pub sms_authorization: Option<String>,
    /// Attempts before a message is dead (dead letters wait for a resend).
    pub max_attempts: i32,
    /// First wait after a failure; doubles each time up to the cap.
    pub retry_base_secs: i64,
    pub retry_cap_secs: i64,
    /// A claimed message not confirmed within this long is claimed again
    /// (its worker died).
    pub lease_secs: i64,
    /// Template language: `zh` or `en`.
    pub locale: String,
    /// How often the worker looks for due messages.
    pub poll_interval_ms: u64,
    /// Messages one worker process sends at once.
    pub concurrency: usize,
}

impl Default for Delivery {
    fn default() -> Self {
        Self {
            smtp_url: None,
            mail_from: "aftersales <noreply@aftersales.local>".into(),
            sms_url: None,
            sms_authorization: None,
            max_attempts: 6,
            retry_base_secs: 30,
            retry_cap_secs: 3_600,
            lease_secs: 120,
            locale: "zh".into(),
            poll_interval_ms: 1_000,
            concurrency: 4,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            database_url: "sqlite://data/aftersales.db?mode=rwc".into(),
            redis_url: None,
            job_store_url: None,
            embedded_worker: None,
            bind: "127.0.0.1:8080".into(),
            production: false,
            jwt_secret: None,
            token_ttl_minutes: 12 * 60,
            time_zone: "Asia/Shanghai".into(),
            log_format: LogFormat::Text,
            graphiql: None,
            introspection: None,
            data_dir: PathBuf::from("data"),
            db_max_connections: 10,
            db_acquire_timeout_secs: 5,
            login_attempts_per_minute: 5,
            // The standard introspection query (GraphiQL's docs, code
            // generators) nests 13 deep; the complexity limit bounds the rest.
            max_query_depth: 15,
            max_query_complexity: 2_000,
            max_query_aliases: 30,
            request_timeout_ms: 30_000,
            max_body_bytes: 1024 * 1024,
            import_max_bytes: 64 * 1024 * 1024,
            import_max_rows: 200_000,
            max_response_bytes: 8 * 1024 * 1024,
            metrics_bind: None,
            metrics_token: None,
            shutdown_timeout_secs: 30,
            dataloader_delay_ms: 2,
            actor_cache_ms: 2_000,
            policy: Policy::default(),
            delivery: Delivery::default(),
            schedules: Schedules::default(),
            queue_prefix: "aftersales".into(),
            worker_bind: "127.0.0.1:9090".into(),
            cors_allowed_origins: Vec::new(),
        }
    }
}

/// A setting that cannot be used, with the key it concerns.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration could not be read: {0}")]
    Read(String),
    #[error("invalid setting `{key}`: {message}")]
    Invalid { key: &'static str, message: String },
    #[error("cannot store the generated JWT secret in {path}: {source}")]
    Secret { path: PathBuf, source: std::io::Error },
}

fn invalid(key: &'static str, message: impl Into<String>) -> ConfigError {
    ConfigError::Invalid { key, message: message.into() }
}

impl Settings {
    /// The bounds of one imported file.
    pub fn import_limits(&self) -> crate::usecase::import::ImportLimits {
        crate::usecase::import::ImportLimits {
            max_bytes: self.import_max_bytes,
            max_rows: self.import_max_rows,
        }
    }

    /// Reads defaults → file → environment. The file is `AFTERSALES_CONFIG`
    /// (which must exist) or `./aftersales.toml` when present.
    pub fn load() -> Result<Self, ConfigError> {
        match std::env::var_os("AFTERSALES_CONFIG").map(PathBuf::from) {
            Some(file) if !file.exists() => Err(ConfigError::Read(format!(
                "AFTERSALES_CONFIG names {}, which does not exist",
                file.display()
            ))),
            Some(file) => Self::load_from(Some(&file)),
            None => Self::load_from(Some(Path::new(DEFAULT_CONFIG_FILE))),
        }
    }

    /// What the binaries' `--config FILE` asks for: that file, which must
    /// exist; without one, [`Settings::load`].
    pub fn load_with(config: Option<&Path>) -> Result<Self, ConfigError> {
        match config {
            Some(file) if !file.exists() => {
                Err(ConfigError::Read(format!("configuration file {} does not exist", file.display())))
            }
            Some(file) => Self::load_from(Some(file)),
            None => Self::load(),
        }
    }

    /// Like [`Settings::load`] with an explicit (optional) file.
    pub fn load_from(file: Option<&Path>) -> Result<Self, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        if let Some(file) = file {
            figment = figment.merge(Toml::file(file));
        }
        let settings: Settings = figment
            .merge(Env::raw().only(&["DATABASE_URL", "REDIS_URL"]))
            .merge(Env::prefixed("AFTERSALES_").ignore(&["CONFIG"]).split("__"))
            .extract()
            .map_err(|e| ConfigError::Read(e.to_string()))?;
        settings.validate()?;
        Ok(settings)
    }

    /// Checks every setting; the error names the first bad key.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.bind
            .parse::<SocketAddr>()
            .map_err(|e| invalid("bind", format!("`{}` is not host:port ({e})", self.bind)))?;
        self.tz()?;
        if !(self.database_url.starts_with("sqlite:")
            || self.database_url.starts_with("postgres://")
            || self.database_url.starts_with("postgresql://"))
        {
            return Err(invalid("database_url", "must start with sqlite: or postgres://"));
        }
        if let Some(url) = &self.redis_url
            && !(url.starts_with("redis://") || url.starts_with("rediss://"))
        {
            return Err(invalid("redis_url", "must start with redis:// or rediss://"));
        }
        if let Some(url) = &self.job_store_url
            && !url.starts_with("sqlite:")
        {
            return Err(invalid("job_store_url", "must start with sqlite:"));
        }
        match &self.jwt_secret {
            Some(secret) if secret.len() < MIN_JWT_SECRET_LEN => {
                return Err(invalid(
                    "jwt_secret",
                    format!("must be at least {MIN_JWT_SECRET_LEN} characters"),
                ));
            }
            None if self.production => {
                return Err(invalid("jwt_secret", "is required in production (set AFTERSALES_JWT_SECRET)"));
            }
            _ => {}
        }
        if !(1..=MAX_TOKEN_TTL_MINUTES).contains(&self.token_ttl_minutes) {
            return Err(invalid(
                "token_ttl_minutes",
                format!("must be between 1 and {MAX_TOKEN_TTL_MINUTES}"),
            ));
        }
        if self.db_max_connections == 0 {
            return Err(invalid("db_max_connections", "must be at least 1"));
        }
        if self.login_attempts_per_minute == 0 {
            return Err(invalid("login_attempts_per_minute", "must be at least 1"));
        }
        if let Some(metrics_bind) = &self.metrics_bind {
            metrics_bind
                .parse::<SocketAddr>()
                .map_err(|e| invalid("metrics_bind", format!("`{metrics_bind}` is not host:port ({e})")))?;
        }
        if self.metrics_token.as_ref().is_some_and(|t| t.len() < MIN_JWT_SECRET_LEN) {
            return Err(invalid(
                "metrics_token",
                format!("must be at least {MIN_JWT_SECRET_LEN} characters"),
            ));
        }
        if self.import_max_bytes == 0 || self.import_max_rows == 0 {
            return Err(invalid("import_max_bytes", "the import limits (bytes and rows) must be positive"));
        }
        if self.max_response_bytes < 1024 {
            return Err(invalid("max_response_bytes", "must be at least 1024"));
        }
        if self.max_query_depth == 0 || self.max_query_complexity == 0 {
            return Err(invalid("max_query_depth", "query limits must be positive"));
        }
        if let Some(bad) = self.cors_allowed_origins.iter().find(|o| !is_origin(o)) {
            return Err(invalid(
                "cors_allowed_origins",
                format!(
                    "`{bad}` is not an origin: write scheme, host in lower case and port only, \
                     e.g. https://console.example.com or http://localhost:5173"
                ),
            ));
        }
        self.policy.validate().map_err(|message| invalid("policy", message))?;
        let delivery = &self.delivery;
        if let Some(url) = &delivery.smtp_url
            && !(url.starts_with("smtp://") || url.starts_with("smtps://"))
        {
            return Err(invalid("delivery.smtp_url", "must start with smtp:// or smtps://"));
        }
        if let Some(url) = &delivery.sms_url
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            return Err(invalid("delivery.sms_url", "must start with http:// or https://"));
        }
        if !(1..=50).contains(&delivery.max_attempts) {
            return Err(invalid("delivery.max_attempts", "must be 1–50"));
        }
        if delivery.retry_base_secs < 1 || delivery.retry_cap_secs < delivery.retry_base_secs {
            return Err(invalid("delivery.retry_base_secs", "must be at least 1 and at most retry_cap_secs"));
        }
        if !(1..=64).contains(&delivery.concurrency) {
            return Err(invalid("delivery.concurrency", "must be 1–64"));
        }
        if !(5..=86_400).contains(&delivery.lease_secs) {
            return Err(invalid("delivery.lease_secs", "must be 5–86400"));
        }
        if delivery.retry_cap_secs > 7 * 86_400 {
            return Err(invalid("delivery.retry_cap_secs", "must be at most a week"));
        }
        if !["zh", "en"].contains(&delivery.locale.as_str()) {
            return Err(invalid("delivery.locale", "must be zh or en"));
        }
        Ok(())
    }

    /// The business time zone.
    pub fn tz(&self) -> Result<Tz, ConfigError> {
        self.time_zone
            .parse::<Tz>()
            .map_err(|_| invalid("time_zone", format!("unknown time zone `{}`", self.time_zone)))
    }

    /// The business time zone of validated settings (Asia/Shanghai should
    /// the name be unknown, which validation refuses at start).
    pub fn business_tz(&self) -> Tz {
        self.tz().unwrap_or(chrono_tz::Asia::Shanghai)
    }

    pub fn graphiql_enabled(&self) -> bool {
        self.graphiql.unwrap_or(!self.production)
    }

    pub fn introspection_enabled(&self) -> bool {
        self.introspection.unwrap_or(!self.production)
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }

    /// Whether the api process runs the workers itself.
    pub fn runs_embedded_worker(&self) -> bool {
        self.embedded_worker.unwrap_or(self.redis_url.is_none())
    }

    /// The SQLite job store used without Redis.
    pub fn job_store(&self) -> String {
        self.job_store_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}?mode=rwc", self.data_dir.join("jobs.db").display()))
    }

    /// The configured secret, or (outside production) the one generated on
    /// first start and kept in `data_dir/jwt_secret` so tokens survive a
    /// restart.
    pub fn resolve_jwt_secret(&self) -> Result<String, ConfigError> {
        if let Some(secret) = &self.jwt_secret {
            return Ok(secret.clone());
        }
        if self.production {
            return Err(invalid("jwt_secret", "is required in production"));
        }
        let path = self.data_dir.join("jwt_secret");
        let secret_err = |source| ConfigError::Secret { path: path.clone(), source };
        if let Ok(existing) = std::fs::read_to_string(&path) {
            let existing = existing.trim().to_string();
            if existing.len() >= MIN_JWT_SECRET_LEN {
                return Ok(existing);
            }
        }
        std::fs::create_dir_all(&self.data_dir).map_err(secret_err)?;
        let mut bytes = [0u8; 48];
        rand::thread_rng().fill_bytes(&mut bytes);
        let secret = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        write_private(&path, &secret).map_err(secret_err)?;
        Ok(secret)
    }
}

/// Writes a file only its owner may read.
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(contents.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_embedded() {
        let s = Settings::default();
        assert!(s.validate().is_ok());
        assert!(s.is_sqlite());
        assert_eq!(s.bind, "127.0.0.1:8080");
        assert_eq!(s.tz().ok(), Some(chrono_tz::Asia::Shanghai));
        assert!(s.graphiql_enabled());
    }

    #[test]
    fn cors_origins_are_a_list_or_a_comma_separated_string_of_plain_origins() {
        let parsed: Settings = serde_json::from_value(serde_json::json!({
            "cors_allowed_origins": "https://console.example.com, http://localhost:5173"
        }))
        .expect("a string of origins");
        assert_eq!(parsed.cors_allowed_origins, ["https://console.example.com", "http://localhost:5173"]);
        assert!(parsed.validate().is_ok());
        assert!(Settings::default().cors_allowed_origins.is_empty(), "no CORS by default");
        for bad in [
            "*",
            "console.example.com",
            "https://console.example.com/",
            "https://Console.example.com",
            "ftp://x.example",
            "https://x.example:port",
        ] {
            let s = Settings { cors_allowed_origins: vec![bad.into()], ..Settings::default() };
            let err = s.validate().expect_err(bad).to_string();
            assert!(err.contains("cors_allowed_origins"), "{bad}: {err}");
        }
    }

    #[test]
    fn production_without_jwt_secret_is_refused_naming_the_key() {
        let s = Settings { production: true, ..Settings::default() };
        let err = s.validate().unwrap_err().to_string();
        assert!(err.contains("jwt_secret"), "{err}");
        assert!(!s.graphiql_enabled());
    }

    #[test]
    fn unknown_time_zone_and_bad_bind_are_refused() {
        let tz = Settings { time_zone: "Mars/Olympus".into(), ..Settings::default() };
        assert!(tz.validate().unwrap_err().to_string().contains("time_zone"));
        let bind = Settings { bind: "localhost".into(), ..Settings::default() };
        assert!(bind.validate().unwrap_err().to_string().contains("bind"));
    }

    #[test]
    fn file_values_are_read_and_typos_are_refused() {
        let dir = std::env::temp_dir().join(format!("aftersales-cfg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok();
        let good = dir.join("good.toml");
        std::fs::write(&good, "bind = \"127.0.0.1:9999\"\n[policy]\nold_part_due_days = 10\n").ok();
        let s = Settings::load_from(Some(&good)).expect("valid file");
        assert_eq!(s.bind, "127.0.0.1:9999");
        assert_eq!(s.policy.old_part_due_days, 10);
        let typo = dir.join("typo.toml");
        std::fs::write(&typo, "bnid = \"127.0.0.1:9999\"\n").ok();
        assert!(Settings::load_from(Some(&typo)).is_err());
    }

    #[test]
    fn generated_jwt_secret_is_stored_and_reused() {
        let dir = std::env::temp_dir().join(format!("aftersales-jwt-{}", std::process::id()));
        let s = Settings { data_dir: dir.clone(), ..Settings::default() };
        let first = s.resolve_jwt_secret().expect("generated");
        let second = s.resolve_jwt_secret().expect("reused");
        assert_eq!(first, second);
        assert!(first.len() >= MIN_JWT_SECRET_LEN);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join("jwt_secret")).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "only the owner may read the secret");
        }
        std::fs::remove_dir_all(dir).ok();
    }
}
