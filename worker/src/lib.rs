//! Background work: apalis workers and cron schedules on Redis (or the
//! embedded SQLite backend), and notification delivery by SMTP and SMS.
//! The jobs arrive with the workers issue; until then this crate only marks
//! its place in the workspace layout.
