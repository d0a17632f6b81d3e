//! Sending mail so that a killed worker does not send it twice. The SMTP
//! conversation is driven here (over lettre's connection) rather than by
//! lettre's transport, for one reason: the message's final "." and the
//! database write that records it as sent leave in the same instant. With
//! the usual order (send, wait for "250", then record), a worker killed
//! while the receiver's "250" is on its way has delivered a message it has
//! not recorded, and the message goes out again after its lease.

use std::future::Future;
use std::sync::Mutex;
use std::time::Duration;

use lettre::Message;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};
use tokio::time::{Instant, timeout_at};

/// How long connecting may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(20);

/// Idle connections kept for the next messages.
const IDLE_CONNECTIONS: usize = 8;

#[derive(Debug, Clone)]
enum Security {
    Plain,
    /// Upgraded with STARTTLS after connecting.
    StartTls,
    /// TLS from the first byte (`smtps://`).
    Implicit,
}

/// An SMTP relay: `smtp://[user:password@]host[:port][?tls=required]` or
/// `smtps://…`.
pub struct SmtpRelay {
    host: String,
    port: u16,
    security: Security,
    credentials: Option<Credentials>,
    hello: ClientId,
    idle: Mutex<Vec<AsyncSmtpConnection>>,
}

impl SmtpRelay {
    pub fn from_url(url: &str) -> anyhow::Result<Self> {
        let parsed = url::Url::parse(url)?;
        let starttls =
            parsed.query_pairs().any(|(k, v)| k == "tls" && (v == "required" || v == "opportunistic"));
        let (security, default_port) = match (parsed.scheme(), starttls) {
            ("smtp", false) => (Security::Plain, 25),
            ("smtp", true) => (Security::StartTls, 587),
            ("smtps", _) => (Security::Implicit, 465),
            (other, _) => anyhow::bail!("scheme `{other}`: use smtp:// or smtps://"),
        };
        let host = parsed.host_str().ok_or_else(|| anyhow::anyhow!("no host"))?.to_owned();
        let credentials = (!parsed.username().is_empty()).then(|| {
            let decode = |s: &str| percent_decode(s);
            Credentials::new(decode(parsed.username()), decode(parsed.password().unwrap_or_default()))
        });
        Ok(Self {
            port: parsed.port().unwrap_or(default_port),
            host,
            security,
            credentials,
            hello: ClientId::default(),
            idle: Mutex::new(Vec::new()),
        })
    }

    async fn connect(&self) -> Result<AsyncSmtpConnection, lettre::transport::smtp::Error> {
        let tls = || TlsParameters::new(self.host.clone());
        let implicit = matches!(self.security, Security::Implicit).then(tls).transpose()?;
        let address = (self.host.as_str(), self.port);
        let mut conn =
            AsyncSmtpConnection::connect_tokio1(address, Some(CONNECT_TIMEOUT), &self.hello, implicit, None)
                .await?;
        if matches!(self.security, Security::StartTls) {
            conn.starttls(tls()?, &self.hello).await?;
        }
        if let Some(credentials) = &self.credentials {
            conn.auth(&[Mechanism::Plain, Mechanism::Login], credentials).await?;
        }
        Ok(conn)
    }

    /// An idle connection that still answers, or a new one.
    async fn connection(&self) -> Result<AsyncSmtpConnection, lettre::transport::smtp::Error> {
        loop {
            let idle = self.idle.lock().ok().and_then(|mut idle| idle.pop());
            let Some(mut conn) = idle else { break };
            if conn.test_connected().await {
                return Ok(conn);
            }
        }
        self.connect().await
    }

    fn keep(&self, conn: AsyncSmtpConnection) {
        if conn.has_broken() {
            return;
        }
        if let Ok(mut idle) = self.idle.lock()
            && idle.len() < IDLE_CONNECTIONS
        {
            idle.push(conn);
        }
    }

    /// Sends `email` by `deadline`, writing its final "." together with
    /// `record` (the database write that marks it sent). `record` runs only
    /// once the receiver has taken the envelope; its outcome comes back
    /// with the send's, so a refusal after the "." can be undone.
    pub async fn send_recorded<R: Future>(
        &self,
        email: &Message,
        record: R,
        deadline: Instant,
    ) -> (Result<(), String>, Option<R::Output>) {
        let mut conn = match timeout_at(deadline, self.connection()).await {
            Ok(Ok(conn)) => conn,
            Ok(Err(e)) => return (Err(e.to_string()), None),
            Err(_) => return (Err("no SMTP connection within the timeout".into()), None),
        };
        let bytes = email.formatted();
        if let Err(e) = envelope(&mut conn, email, &bytes, deadline).await {
            conn.abort().await;
            return (Err(e), None);
        }
        let (accepted, recorded) = tokio::join!(timeout_at(deadline, conn.message(&bytes)), record);
        let outcome = match accepted {
            Ok(Ok(_)) => {
                self.keep(conn);
                Ok(())
            }
            Ok(Err(e)) => {
                conn.abort().await;
                Err(e.to_string())
            }
            Err(_) => {
                conn.abort().await;
                Err("no answer to the message within the timeout".into())
            }
        };
        (outcome, Some(recorded))
    }
}

/// MAIL FROM, RCPT TO and DATA, as lettre's transport sends them.
async fn envelope(
    conn: &mut AsyncSmtpConnection,
    email: &Message,
    bytes: &[u8],
    deadline: Instant,
) -> Result<(), String> {
    let envelope = email.envelope();
    let mut options = Vec::new();
    let non_ascii =
        envelope.from().into_iter().chain(envelope.to()).any(|a| !AsRef::<str>::as_ref(a).is_ascii());
    if non_ascii {
        if !conn.server_info().supports_feature(Extension::SmtpUtfEight) {
            return Err("the relay does not take non-ASCII addresses (SMTPUTF8)".into());
        }
        options.push(MailParameter::SmtpUtfEight);
    }
    if !bytes.is_ascii() {
        if !conn.server_info().supports_feature(Extension::EightBitMime) {
            return Err("the relay does not take 8-bit messages (8BITMIME)".into());
        }
        options.push(MailParameter::Body(MailBodyParameter::EightBitMime));
    }
    let step = |r: Result<_, lettre::transport::smtp::Error>| r.map(|_| ()).map_err(|e| e.to_string());
    timeout_at(deadline, async {
        step(conn.command(Mail::new(envelope.from().cloned(), options)).await)?;
        for to in envelope.to() {
            step(conn.command(Rcpt::new(to.clone(), vec![])).await)?;
        }
        step(conn.command(Data).await)
    })
    .await
    .map_err(|_| "the relay did not answer within the timeout".to_owned())?
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={s}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relay_urls_name_host_port_security_and_credentials() {
        let plain = SmtpRelay::from_url("smtp://127.0.0.1:2525").expect("parses");
        assert_eq!((plain.host.as_str(), plain.port), ("127.0.0.1", 2525));
        assert!(matches!(plain.security, Security::Plain) && plain.credentials.is_none());
        let starttls =
            SmtpRelay::from_url("smtp://mailer:p%40ss@mail.example.cn?tls=required").expect("parses");
        assert_eq!(starttls.port, 587);
        assert!(matches!(starttls.security, Security::StartTls));
        assert!(starttls.credentials.is_some());
        let implicit = SmtpRelay::from_url("smtps://mail.example.cn").expect("parses");
        assert_eq!(implicit.port, 465);
        assert!(matches!(implicit.security, Security::Implicit));
        assert!(SmtpRelay::from_url("http://mail.example.cn").is_err());
    }

    #[test]
    fn credentials_are_percent_decoded() {
        assert_eq!(percent_decode("p%40ss"), "p@ss");
        assert_eq!(percent_decode("plain"), "plain");
    }
}
