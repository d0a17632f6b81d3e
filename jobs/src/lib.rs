//! What the api and the worker both need of the job queue, and nothing
//! else: the jobs' payloads, the queues' names, the store they wait in
//! (Redis, or the SQLite file of the embedded default) with its snapshot
//! for the job dashboard, and the workers' heartbeats. The api reads and
//! the worker runs; neither calls the other (they meet here and in the
//! database).

pub mod liveness;
pub mod payload;
pub mod store;

pub use payload::{DeliverJob, SweepJob, SweepKind};
pub use store::{DELIVERY_QUEUE, JobSnapshot, JobStore, QueueSnapshot, SWEEP_QUEUE, WorkerSnapshot};
