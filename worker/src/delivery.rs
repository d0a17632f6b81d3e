//! Delivery of the outbox: claim what is due, send each message by SMTP or
//! the SMS gateway, record the outcome. A failure is retried with backoff
//! and ends dead after the last attempt; a worker that dies mid-send loses
//! its claim when the lease runs out, and another worker takes it over.

use std::future::Future;
use std::time::Duration;

use chrono::Utc;
use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{Attachment as MailAttachment, MultiPart, SinglePart};
use sea_orm::DatabaseConnection;
use tokio::time::{Instant, timeout_at};

use entity::enums::{NotificationChannel, NotificationStatus};
use entity::notification;
use service::config::Delivery;
use service::notify::{self, DeliveryRecorder};
use service::usecase::reports::stored::{self, ReportFile};

/// A file that goes with a mail: a stored report's workbook.
pub struct Attachment {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

use crate::smtp::SmtpRelay;

/// The ways out: an SMTP relay and an SMS gateway, each optional.
pub struct Senders {
    smtp: Option<SmtpRelay>,
    mail_from: lettre::message::Mailbox,
    http: reqwest::Client,
    sms_url: Option<String>,
    sms_authorization: Option<String>,
}

impl Senders {
    pub fn new(delivery: &Delivery) -> anyhow::Result<Self> {
        let smtp = delivery
            .smtp_url
            .as_deref()
            .map(SmtpRelay::from_url)
            .transpose()
            .map_err(|e| anyhow::anyhow!("delivery.smtp_url: {e}"))?;
        let mail_from = delivery.mail_from.parse().map_err(|e| anyhow::anyhow!("delivery.mail_from: {e}"))?;
        let http = reqwest::Client::builder().build()?;
        Ok(Self {
            smtp,
            mail_from,
            http,
            sms_url: delivery.sms_url.clone(),
            sms_authorization: delivery.sms_authorization.clone(),
        })
    }

    /// The channels this worker can send on; it claims no others.
    pub fn channels(&self) -> Vec<NotificationChannel> {
        [NotificationChannel::Email, NotificationChannel::Sms]
            .into_iter()
            .filter(|c| self.can_send(*c))
            .collect()
    }

    /// Whether this worker can send on `channel` at all.
    fn can_send(&self, channel: NotificationChannel) -> bool {
        match channel {
            NotificationChannel::Email => self.smtp.is_some(),
            NotificationChannel::Sms => self.sms_url.is_some(),
        }
    }

    /// Sends `message` by `deadline` and runs `record` as it goes out (see
    /// [`SmtpRelay::send_recorded`]); `None` when it never got that far.
    async fn send_recorded<R: Future>(
        &self,
        message: &notification::Model,
        attachment: Option<&Attachment>,
        record: R,
        deadline: Instant,
    ) -> (Result<(), String>, Option<R::Output>) {
        match message.channel {
            NotificationChannel::Email => {
                let Some(smtp) = &self.smtp else { return (Err("no SMTP relay configured".into()), None) };
                match self.email(message, attachment) {
                    Ok(email) => smtp.send_recorded(&email, record, deadline).await,
                    Err(e) => (Err(e), None),
                }
            }
            NotificationChannel::Sms => {
                // As with mail: the record is written as the request's body
                // goes out, not after the gateway's answer.
                let (body_out, body_sent) = tokio::sync::oneshot::channel::<()>();
                let record = async move {
                    match body_sent.await {
                        Ok(()) => Some(record.await),
                        Err(_) => None,
                    }
                };
                let (sent, recorded) =
                    tokio::join!(timeout_at(deadline, self.sms(message, body_out)), record);
                match sent {
                    Ok(Ok(())) => (Ok(()), recorded),
                    Ok(Err(e)) => (Err(e), recorded),
                    Err(_) => (Err("the SMS gateway did not answer in time".into()), recorded),
                }
            }
        }
    }

    fn email(
        &self,
        message: &notification::Model,
        attachment: Option<&Attachment>,
    ) -> Result<Message, String> {
        let to = message.recipient.parse().map_err(|e| format!("recipient `{}`: {e}", message.recipient))?;
        // The outbox key as Message-ID lets a receiver recognise a resend.
        let builder = Message::builder()
            .from(self.mail_from.clone())
            .to(to)
            .message_id(Some(format!("<{}@aftersales>", message.unique_key.replace(['<', '>', ' '], "_"))))
            .subject(message.subject.clone().unwrap_or_default());
        let Some(file) = attachment else {
            return builder
                .header(ContentType::TEXT_PLAIN)
                .body(message.body.clone())
                .map_err(|e| e.to_string());
        };
        let kind = ContentType::parse(ReportFile::Xlsx.content_type()).map_err(|e| e.to_string())?;
        builder
            .multipart(
                MultiPart::mixed()
                    .singlepart(SinglePart::plain(message.body.clone()))
                    .singlepart(MailAttachment::new(file.file_name.clone()).body(file.bytes.clone(), kind)),
            )
            .map_err(|e| e.to_string())
    }

    /// Posts the SMS; `body_out` fires as the body is handed to the
    /// connection (it has a length, so it goes out whole, not chunked).
    async fn sms(
        &self,
        message: &notification::Model,
        body_out: tokio::sync::oneshot::Sender<()>,
    ) -> Result<(), String> {
        let url = self.sms_url.as_deref().ok_or("no SMS gateway configured")?;
        let json =
            serde_json::json!({ "to": message.recipient, "text": message.body, "id": message.unique_key });
        let bytes = serde_json::to_vec(&json).map_err(|e| e.to_string())?;
        let length = bytes.len();
        let body = futures::stream::once(async move {
            let _ = body_out.send(());
            Ok::<_, std::io::Error>(bytes)
        });
        let mut request = self
            .http
            .post(url)
            .header("Idempotency-Key", &message.unique_key)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(reqwest::header::CONTENT_LENGTH, length)
            .body(reqwest::Body::wrap_stream(body));
        if let Some(auth) = &self.sms_authorization {
            request = request.header("Authorization", auth);
        }
        let response = request.send().await.map_err(|e| e.to_string())?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(format!("SMS gateway answered {}", response.status()))
        }
    }
}

/// How one message went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Sent,
    /// Failed; tried again after the backoff.
    Failed,
    /// Failed for the last time.
    Dead,
}

/// Sends a claimed message and records the outcome.
pub async fn deliver(
    db: &DatabaseConnection,
    delivery: &Delivery,
    senders: &Senders,
    message: &notification::Model,
) -> Result<Outcome, service::ServiceError> {
    // Within half the lease, so no other worker takes the message over
    // while this one is still sending it.
    let deadline = Instant::now() + Duration::from_secs(delivery.lease_secs.unsigned_abs() / 2);
    let attachment = match message.report_id {
        Some(id) => {
            stored::workbook_of(db, id).await?.map(|(file_name, bytes)| Attachment { file_name, bytes })
        }
        None => None,
    };
    let mut recorder = DeliveryRecorder::acquire(db).await?;
    let record = recorder.mark_sent(message, Utc::now());
    let (sent, recorded) = senders.send_recorded(message, attachment.as_ref(), record, deadline).await;
    match (sent, recorded) {
        (Ok(()), Some(recorded)) => {
            if !recorded? {
                tracing::warn!(
                    id = message.id,
                    "sent after the claim was lost: the receiver may see it twice"
                );
            }
            Ok(Outcome::Sent)
        }
        (outcome, recorded) => {
            let error = outcome.err().unwrap_or_else(|| "not recorded".into());
            tracing::warn!(id = message.id, attempts = message.attempts, %error, "delivery failed");
            if matches!(recorded, Some(Ok(true))) {
                // Recorded as it went out, then refused: not sent after all.
                notify::unmark_sent(db, message).await?;
            }
            let status = notify::mark_failed(db, delivery, message, &error, Utc::now()).await?;
            Ok(if status == NotificationStatus::Dead { Outcome::Dead } else { Outcome::Failed })
        }
    }
}
