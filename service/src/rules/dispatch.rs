//! Round-robin dispatch (派工): engineers take turns in a fixed order, equal
//! chances; one who lacks the skill or is still out on another job is passed
//! over this round and the turn moves on (依次轮流,机会均等;...将被隔过此轮派工,
//! 向下轮流).

use sea_orm::sea_query::{Condition, Expr, ExprTrait, IntoIden};

use entity::enums::TicketStatus;
use entity::ticket;

/// Whether the engineer on a ticket in this state is still out on the job:
/// dispatched and not yet done on site. Such an engineer is busy: passed
/// over by the rotation, not `available` in the engineer list.
pub fn keeps_engineer_busy(status: TicketStatus) -> bool {
    matches!(status, TicketStatus::Dispatched | TicketStatus::OnSite)
}

/// The tickets (of the table or alias) that keep their engineer busy.
pub fn keeps_engineer_busy_condition(table: impl IntoIden) -> Condition {
    let t = table.into_iden();
    let busy = TicketStatus::ALL.iter().copied().filter(|s| keeps_engineer_busy(*s));
    Condition::all()
        .add(Expr::col((t.clone(), ticket::Column::Status)).is_in(busy))
        .add(Expr::col((t, ticket::Column::EngineerId)).is_not_null())
}

/// Engineer profiles whose user is active and still holds the ENGINEER
/// role: only they are dispatched, and only they can be `available` (a
/// profile stays when the role goes, because tickets name it).
pub fn dispatchable_engineer() -> Condition {
    use sea_orm::ColumnTrait;
    use sea_orm::sea_query::Query;

    use entity::enums::Role;
    use entity::{engineer, user, user_role};

    Condition::all()
        .add(
            engineer::Column::UserId.in_subquery(
                Query::select()
                    .column(user::Column::Id)
                    .from(user::Entity)
                    .and_where(user::Column::Active.eq(true))
                    .to_owned(),
            ),
        )
        .add(
            engineer::Column::UserId.in_subquery(
                Query::select()
                    .column(user_role::Column::UserId)
                    .from(user_role::Entity)
                    .and_where(user_role::Column::Role.eq(Role::Engineer))
                    .to_owned(),
            ),
        )
}

/// An engineer as dispatch sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub engineer_id: i64,
    /// Has the skill for the ticket's fault category.
    pub has_skill: bool,
    /// On duty (not on leave).
    pub on_duty: bool,
    /// Still out on another open job.
    pub busy: bool,
}

impl Candidate {
    fn eligible(&self) -> bool {
        self.has_skill && self.on_duty && !self.busy
    }
}

/// The next engineer after `last` in ascending id order, wrapping around;
/// `None` when nobody is eligible. The rotation is by id so it stays the
/// same however the candidates were loaded.
pub fn next_in_rotation(candidates: &[Candidate], last: Option<i64>) -> Option<i64> {
    let mut ordered: Vec<&Candidate> = candidates.iter().collect();
    ordered.sort_by_key(|c| c.engineer_id);
    let start = last.map_or(0, |last| ordered.iter().position(|c| c.engineer_id > last).unwrap_or(0));
    ordered.iter().cycle().skip(start).take(ordered.len()).find(|c| c.eligible()).map(|c| c.engineer_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(engineer_id: i64, has_skill: bool, busy: bool) -> Candidate {
        Candidate { engineer_id, has_skill, on_duty: true, busy }
    }

    #[test]
    fn three_engineers_one_without_the_skill_one_busy_gives_the_third() {
        let team = [c(1, false, false), c(2, true, true), c(3, true, false)];
        assert_eq!(next_in_rotation(&team, None), Some(3));
        assert_eq!(next_in_rotation(&team, Some(3)), Some(3), "the only eligible one again");
    }

    #[test]
    fn turns_go_round_in_order_and_wrap() {
        let team = [c(10, true, false), c(20, true, false), c(30, true, false)];
        let mut last = None;
        let mut order = Vec::new();
        for _ in 0..6 {
            last = next_in_rotation(&team, last);
            order.push(last.unwrap());
        }
        assert_eq!(order, vec![10, 20, 30, 10, 20, 30]);
    }

    #[test]
    fn skipped_engineer_is_passed_over_this_round_only() {
        let busy_20 = [c(10, true, false), c(20, true, true), c(30, true, false)];
        assert_eq!(next_in_rotation(&busy_20, Some(10)), Some(30));
        let free_again = [c(10, true, false), c(20, true, false), c(30, true, false)];
        // The turn moved on to 30; 20 waits for the next round.
        assert_eq!(next_in_rotation(&free_again, Some(30)), Some(10));
        assert_eq!(next_in_rotation(&free_again, Some(10)), Some(20));
    }

    #[test]
    fn pointer_of_an_engineer_who_left_continues_with_the_next_id() {
        let team = [c(10, true, false), c(30, true, false)];
        assert_eq!(next_in_rotation(&team, Some(20)), Some(30));
        assert_eq!(next_in_rotation(&team, Some(99)), Some(10));
    }

    #[test]
    fn nobody_eligible_gives_none() {
        let off = Candidate { engineer_id: 1, has_skill: true, on_duty: false, busy: false };
        assert_eq!(next_in_rotation(&[off, c(2, false, false)], None), None);
        assert_eq!(next_in_rotation(&[], Some(1)), None);
    }
}
