//! Restarting a worker whose backend failed (Redis gone, a script error)
//! after a pause that grows with its restarts, so a backend that is down
//! is not hammered in a busy loop. apalis asks whether to restart in a
//! synchronous callback on the async runtime (in the embedded default, the
//! thread that runs every job and request), so the pause cannot be a sleep
//! there: the restarted worker's backend waits before its first poll
//! instead, and the worker still stops at once on shutdown meanwhile.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use apalis::prelude::{Backend, WorkerContext};
use apalis_core::backend::{BackendConfig, WireFormatBackend};
use tokio::time::Sleep;

/// The first pause, and the most restarts it grows by.
const FIRST_PAUSE: Duration = Duration::from_millis(200);
const GROWTH_LIMIT: u32 = 10;

/// How long a worker restarted `restarts` times waits before it polls.
pub fn pause_after(restarts: usize) -> Duration {
    match u32::try_from(restarts).unwrap_or(u32::MAX) {
        0 => Duration::ZERO,
        n => FIRST_PAUSE * n.min(GROWTH_LIMIT),
    }
}

/// `backend`, first waiting out the pause for a worker restarted
/// `restarts` times.
pub fn after_restarts<B>(backend: B, restarts: usize) -> Paused<B> {
    let pause = pause_after(restarts);
    Paused { backend, pause: (!pause.is_zero()).then(|| Box::pin(tokio::time::sleep(pause))) }
}

/// A backend that is ready only once its pause is over.
pub struct Paused<B> {
    backend: B,
    pause: Option<Pin<Box<Sleep>>>,
}

impl<B: Backend> Backend for Paused<B> {
    type Task = B::Task;
    type Error = B::Error;

    fn poll_ready(&mut self, cx: &mut Context<'_>, worker: &WorkerContext) -> Poll<Result<(), Self::Error>> {
        if let Some(pause) = &mut self.pause {
            if pause.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            self.pause = None;
        }
        self.backend.poll_ready(cx, worker)
    }

    fn poll_next(
        &mut self,
        cx: &mut Context<'_>,
        worker: &WorkerContext,
    ) -> Poll<Option<Result<Self::Task, Self::Error>>> {
        self.backend.poll_next(cx, worker)
    }

    fn poll_close(&mut self, cx: &mut Context<'_>, worker: &WorkerContext) -> Poll<Result<(), Self::Error>> {
        self.backend.poll_close(cx, worker)
    }
}

impl<B: BackendConfig> BackendConfig for Paused<B> {
    type Args = B::Args;
    type Id = B::Id;
    type Kind = B::Kind;
    type Config = B::Config;
    type Layer = B::Layer;

    fn config(&self) -> &Self::Config {
        self.backend.config()
    }

    fn middleware(&mut self, worker: &mut WorkerContext) -> Self::Layer {
        self.backend.middleware(worker)
    }
}

impl<B: WireFormatBackend> WireFormatBackend for Paused<B> {
    type Codec = B::Codec;
    type Compact = B::Compact;

    fn codec(&self) -> &Self::Codec {
        self.backend.codec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_restarted_worker_waits_longer_the_more_it_restarted_up_to_two_seconds() {
        assert_eq!(pause_after(0), Duration::ZERO, "the first start does not wait");
        assert_eq!(pause_after(1), Duration::from_millis(200));
        assert_eq!(pause_after(3), Duration::from_millis(600));
        assert_eq!(pause_after(10), Duration::from_secs(2));
        assert_eq!(pause_after(usize::MAX), Duration::from_secs(2));
    }
}
