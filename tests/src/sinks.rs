//! Real receivers on loopback for what the worker sends: a small SMTP
//! server that keeps every message it accepts, and an HTTP endpoint that
//! keeps every SMS the gateway is asked to send.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// One accepted e-mail: the envelope recipients and the raw message.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: Vec<String>,
    pub data: String,
}

impl Mail {
    /// The body as text, decoded from base64 or quoted-printable as sent.
    pub fn text(&self) -> String {
        use base64::Engine;
        let (head, body) = self.data.split_once("\r\n\r\n").unwrap_or((&self.data, ""));
        let head = head.to_ascii_lowercase();
        if head.contains("content-transfer-encoding: base64") {
            let joined: String = body.split_whitespace().collect();
            let bytes = base64::engine::general_purpose::STANDARD.decode(joined).unwrap_or_default();
            String::from_utf8_lossy(&bytes).into_owned()
        } else {
            body.to_owned()
        }
    }
}

/// An SMTP server on `127.0.0.1:port` (0 for any) that accepts everything.
pub struct SmtpSink {
    pub port: u16,
    pub mails: Arc<Mutex<Vec<Mail>>>,
    /// Notified when the held message arrives (see [`SmtpSink::holding`]).
    pub held: Arc<tokio::sync::Notify>,
    task: tokio::task::JoinHandle<()>,
}

impl SmtpSink {
    pub async fn start(port: u16) -> Self {
        Self::holding(port, None).await
    }

    /// Like `start`, but the message number `hold_at` (1-based) never gets
    /// its "250": it is received (as a real server has it once the "."
    /// arrives), and the sender hangs mid-delivery until its connection dies.
    pub async fn holding(port: u16, hold_at: Option<usize>) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.expect("SMTP port free");
        let port = listener.local_addr().expect("address").port();
        let mails: Arc<Mutex<Vec<Mail>>> = Arc::default();
        let held = Arc::new(tokio::sync::Notify::new());
        let seen = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let keep = mails.clone();
        let hold = held.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (keep, hold, seen) = (keep.clone(), hold.clone(), seen.clone());
                tokio::spawn(async move {
                    let (read, mut write) = stream.into_split();
                    let mut lines = BufReader::new(read);
                    let _ = write.write_all(b"220 sink ESMTP\r\n").await;
                    let mut to = Vec::new();
                    let mut line = String::new();
                    loop {
                        line.clear();
                        if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                            break;
                        }
                        let command = line.trim_end().to_ascii_uppercase();
                        let reply: &[u8] = if command.starts_with("EHLO") {
                            b"250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"
                        } else if command.starts_with("RCPT TO:") {
                            to.push(line.trim_end()[8..].trim().trim_matches(['<', '>']).to_owned());
                            b"250 OK\r\n"
                        } else if command == "DATA" {
                            let _ = write.write_all(b"354 go ahead\r\n").await;
                            let mut data = String::new();
                            loop {
                                line.clear();
                                if lines.read_line(&mut line).await.unwrap_or(0) == 0 || line == ".\r\n" {
                                    break;
                                }
                                data.push_str(&line);
                            }
                            let number = seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                            if let Ok(mut mails) = keep.lock() {
                                mails.push(Mail { to: std::mem::take(&mut to), data });
                            }
                            if Some(number) == hold_at {
                                hold.notify_one();
                                // No answer: wait for the sender to go away.
                                let mut rest = String::new();
                                let _ = lines.read_line(&mut rest).await;
                                break;
                            }
                            if write.write_all(b"250 queued\r\n").await.is_err() {
                                break;
                            }
                            continue;
                        } else if command == "QUIT" {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            break;
                        } else {
                            b"250 OK\r\n"
                        };
                        if write.write_all(reply).await.is_err() {
                            break;
                        }
                    }
                });
            }
        });
        Self { port, mails, held, task }
    }

    pub fn received(&self) -> Vec<Mail> {
        self.mails.lock().map(|m| m.clone()).unwrap_or_default()
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// An HTTP endpoint that answers 200 to every POST and keeps its JSON body.
pub struct SmsSink {
    pub port: u16,
    pub messages: Arc<Mutex<Vec<serde_json::Value>>>,
    task: tokio::task::JoinHandle<()>,
}

impl SmsSink {
    pub async fn start() -> Self {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.expect("a free port");
        let port = listener.local_addr().expect("address").port();
        let messages: Arc<Mutex<Vec<serde_json::Value>>> = Arc::default();
        let keep = messages.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let keep = keep.clone();
                tokio::spawn(async move {
                    let (read, mut write) = stream.into_split();
                    let mut reader = BufReader::new(read);
                    loop {
                        let mut length = 0usize;
                        let mut line = String::new();
                        // Headers up to the blank line.
                        loop {
                            line.clear();
                            if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                                return;
                            }
                            if line == "\r\n" {
                                break;
                            }
                            if let Some((name, value)) = line.split_once(':')
                                && name.eq_ignore_ascii_case("content-length")
                            {
                                length = value.trim().parse().unwrap_or(0);
                            }
                        }
                        let mut body = vec![0; length];
                        if reader.read_exact(&mut body).await.is_err() {
                            return;
                        }
                        if let (Ok(json), Ok(mut all)) = (serde_json::from_slice(&body), keep.lock()) {
                            all.push(json);
                        }
                        if write.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n").await.is_err() {
                            return;
                        }
                    }
                });
            }
        });
        Self { port, messages, task }
    }

    pub fn received(&self) -> Vec<serde_json::Value> {
        self.messages.lock().map(|m| m.clone()).unwrap_or_default()
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/sms", self.port)
    }
}

impl Drop for SmsSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}
