//! One ticket's course, decided up front by a plain function of the random
//! source and the ticket's age, so the data set is consistent (every time
//! after the one before, nothing after the set's end) and reproducible.

use rand::Rng;
use rand::rngs::StdRng;

use entity::enums::{ServiceType, TicketStatus};

/// One ticket's course, decided up front; times are hours after the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Life {
    pub status: TicketStatus,
    pub service_type: Option<ServiceType>,
    pub replied: Option<f64>,
    pub arrived: Option<f64>,
    pub repaired: Option<f64>,
    pub accepted: Option<f64>,
    pub closed: Option<f64>,
    pub rework: bool,
    /// Satisfaction 1–5 of the return visit, when one was made.
    pub visit: Option<i16>,
    pub complaint: bool,
}

/// The statuses a ticket passes through on its way to `status`.
pub fn path_to(status: TicketStatus) -> &'static [TicketStatus] {
    use TicketStatus::*;
    const FULL: [TicketStatus; 8] =
        [Reported, Accepted, Dispatched, OnSite, Repaired, CustomerAccepted, Visited, Closed];
    match status {
        Cancelled => &[Reported, Cancelled],
        ReturnedToFactory => &[Reported, Accepted, Dispatched, OnSite, ReturnedToFactory],
        _ => {
            let end = FULL.iter().position(|s| *s == status).unwrap_or(0);
            &FULL[..=end]
        }
    }
}

/// What happens to a ticket reported `age_hours` before the data set ends:
/// most are closed once time allows; some are cancelled, sent back to the
/// factory or still open at some stage, whatever their age.
pub fn life(rng: &mut StdRng, age_hours: f64) -> Life {
    use TicketStatus::*;
    let replied = rng.gen_range(0.2..30.0);
    let arrived = replied + rng.gen_range(1.0..50.0);
    let repaired = arrived + rng.gen_range(0.5..12.0);
    let accepted = repaired + rng.gen_range(0.5..48.0);
    let closed = accepted + rng.gen_range(24.0..120.0);
    // As far as time has allowed...
    let by_time = [(closed, Closed), (accepted, Visited), (repaired, Repaired), (arrived, OnSite)]
        .into_iter()
        .find(|(at, _)| *at <= age_hours)
        .map_or(if replied <= age_hours { Dispatched } else { Reported }, |(_, s)| s);
    let roll: f64 = rng.r#gen();
    let mut status = if roll < 0.03 {
        Cancelled
    } else if roll < 0.05 && path_to(by_time).contains(&OnSite) {
        ReturnedToFactory
    } else if roll < 0.12 {
        // ...or less far: still open, waiting on a part, on the customer.
        let stalled = [Reported, Accepted, Dispatched, OnSite, Repaired, CustomerAccepted, Visited]
            [rng.gen_range(0..7)];
        if path_to(by_time).contains(&stalled) { stalled } else { by_time }
    } else {
        by_time
    };
    if status == Visited && rng.gen_bool(0.5) {
        status = CustomerAccepted;
    }
    let path = path_to(status);
    let reached = |s: TicketStatus| path.contains(&s);
    let service_type = reached(Accepted).then(|| match rng.gen_range(0..20) {
        0..=13 => ServiceType::Free,
        14..=15 => ServiceType::Contract,
        16..=18 => ServiceType::Paid,
        _ => ServiceType::Other,
    });
    let visited = reached(Visited);
    Life {
        status,
        service_type,
        replied: reached(Accepted).then_some(replied),
        arrived: reached(OnSite).then_some(arrived),
        repaired: reached(Repaired).then_some(repaired),
        accepted: reached(CustomerAccepted).then_some(accepted),
        closed: reached(Closed).then_some(closed),
        rework: reached(Repaired) && rng.gen_bool(0.03),
        visit: visited.then(|| *[5, 5, 5, 4, 4, 4, 4, 3, 2, 1].get(rng.gen_range(0..10)).unwrap_or(&5)),
        complaint: rng.gen_bool(0.01),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn a_ticket_passes_through_every_status_before_its_own() {
        assert_eq!(path_to(TicketStatus::Reported), [TicketStatus::Reported]);
        assert_eq!(path_to(TicketStatus::Closed).len(), 8);
        assert_eq!(path_to(TicketStatus::Cancelled), [TicketStatus::Reported, TicketStatus::Cancelled]);
        assert_eq!(path_to(TicketStatus::ReturnedToFactory).last(), Some(&TicketStatus::ReturnedToFactory));
    }

    #[test]
    fn lives_are_consistent_and_reproducible() {
        let mut a = StdRng::seed_from_u64(7);
        let mut b = StdRng::seed_from_u64(7);
        for i in 0..2_000 {
            let age = f64::from(i % 400);
            let life = life(&mut a, age);
            assert_eq!(life, super::life(&mut b, age), "the same seed, the same life");
            let reached = path_to(life.status);
            assert_eq!(life.repaired.is_some(), reached.contains(&TicketStatus::Repaired));
            if let (Some(arrived), Some(repaired)) = (life.arrived, life.repaired) {
                assert!(arrived <= repaired, "repaired after arriving");
            }
            assert_eq!(life.visit.is_some(), reached.contains(&TicketStatus::Visited));
            let last = [life.closed, life.accepted, life.repaired, life.arrived, life.replied]
                .into_iter()
                .flatten()
                .next();
            assert!(
                last.is_none_or(|h| h <= age),
                "nothing happens after the data set ends: {life:?} at {age}"
            );
        }
    }
}
