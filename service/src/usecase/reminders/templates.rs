//! The texts of reminders and escalations, in Chinese and English, with the
//! facts of the ticket or old part they are about.

/// A reminder's kind; its name is the outbox `template`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    OldPartOverdue,
    OldPartEscalation,
    SlaReplyOverdue,
    SlaArrivalOverdue,
    VisitDue,
    VisitOverdue,
    VisitSurvey,
    DeterminationOverdue,
    LowStock,
    ComplaintReceived,
    ComplaintRoutingOverdue,
}

impl Template {
    pub fn name(self) -> &'static str {
        match self {
            Self::OldPartOverdue => "old_part_overdue",
            Self::OldPartEscalation => "old_part_escalation",
            Self::SlaReplyOverdue => "sla_reply_overdue",
            Self::SlaArrivalOverdue => "sla_arrival_overdue",
            Self::VisitDue => "visit_due",
            Self::VisitOverdue => "visit_overdue",
            Self::VisitSurvey => "visit_survey",
            Self::DeterminationOverdue => "determination_overdue",
            Self::LowStock => "low_stock",
            Self::ComplaintReceived => "complaint_received",
            Self::ComplaintRoutingOverdue => "complaint_routing_overdue",
        }
    }
}

/// The facts a text may mention; unused ones stay empty.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Ticket number or approval number (审批号).
    pub number: String,
    pub part: String,
    pub due: String,
    pub days: i64,
    pub customer: String,
    pub warehouse: String,
    pub on_hand: i32,
    pub safety: i32,
}

/// Subject and body in `locale` (`zh`, anything else is English).
pub fn render(template: Template, locale: &str, f: &Facts) -> (String, String) {
    let zh = locale == "zh";
    let (subject, body) = match (template, zh) {
        (Template::OldPartOverdue, true) => (
            format!("旧件超期未交回 {}", f.number),
            format!(
                "审批号 {} 的旧件 {} 要求交期 {},已延期 {} 天,请尽快交回仓管员。",
                f.number, f.part, f.due, f.days
            ),
        ),
        (Template::OldPartOverdue, false) => (
            format!("Old part overdue: {}", f.number),
            format!(
                "The old part {} of {} was due on {} and is {} days late; hand it to the warehouse keeper.",
                f.part, f.number, f.due, f.days
            ),
        ),
        (Template::OldPartEscalation, true) => (
            format!("旧件延期升级 {}", f.number),
            format!(
                "审批号 {} 的旧件 {} 要求交期 {},已延期 {} 天,请服务管代协助处理。",
                f.number, f.part, f.due, f.days
            ),
        ),
        (Template::OldPartEscalation, false) => (
            format!("Old part escalation: {}", f.number),
            format!(
                "The old part {} of {} was due on {} and is {} days late; please step in.",
                f.part, f.number, f.due, f.days
            ),
        ),
        (Template::SlaReplyOverdue, true) => (
            format!("报修未按时答复 {}", f.number),
            format!("报修单 {}({})应于 {} 前答复客户,现已超时。", f.number, f.customer, f.due),
        ),
        (Template::SlaReplyOverdue, false) => (
            format!("Reply overdue: {}", f.number),
            format!("Ticket {} ({}) had to be answered by {}; it is overdue.", f.number, f.customer, f.due),
        ),
        (Template::SlaArrivalOverdue, true) => (
            format!("服务未按时到达 {}", f.number),
            format!("报修单 {}({})应于 {} 前到达现场,现已超时。", f.number, f.customer, f.due),
        ),
        (Template::SlaArrivalOverdue, false) => (
            format!("On-site arrival overdue: {}", f.number),
            format!(
                "Ticket {} ({}) had to be reached on site by {}; it is overdue.",
                f.number, f.customer, f.due
            ),
        ),
        (Template::VisitDue, true) => (
            format!("回访到期 {}", f.number),
            format!("报修单 {}({})的回访应于 {} 前完成。", f.number, f.customer, f.due),
        ),
        (Template::VisitDue, false) => (
            format!("Return visit due: {}", f.number),
            format!("The return visit of ticket {} ({}) is due by {}.", f.number, f.customer, f.due),
        ),
        (Template::VisitOverdue, true) => (
            format!("回访超期 {}", f.number),
            format!("报修单 {}({})的回访应于 {} 前完成,现已超期。", f.number, f.customer, f.due),
        ),
        (Template::VisitOverdue, false) => (
            format!("Return visit overdue: {}", f.number),
            format!(
                "The return visit of ticket {} ({}) was due by {}; it is overdue.",
                f.number, f.customer, f.due
            ),
        ),
        (Template::VisitSurvey, true) => (
            "服务满意度调查".to_owned(),
            format!("{}您好,您的报修单 {} 已完成,请对本次服务打分(1-5分)回复本短信。", f.customer, f.number),
        ),
        (Template::VisitSurvey, false) => (
            "How was our service?".to_owned(),
            format!(
                "Dear {}, ticket {} is done. Please rate our service from 1 to 5 by replying.",
                f.customer, f.number
            ),
        ),
        (Template::DeterminationOverdue, true) => (
            format!("责任判定超期 {}", f.number),
            format!("审批号 {} 的旧件 {} 责任判定应于 {} 前完成,现已超期。", f.number, f.part, f.due),
        ),
        (Template::DeterminationOverdue, false) => (
            format!("Responsibility determination overdue: {}", f.number),
            format!(
                "The determination for old part {} of {} was due on {}; it is overdue.",
                f.part, f.number, f.due
            ),
        ),
        (Template::LowStock, true) => (
            format!("库存低于安全库存 {}", f.part),
            format!(
                "{} 的 {} 现有 {} 件,低于安全库存 {} 件,请补货。",
                f.warehouse, f.part, f.on_hand, f.safety
            ),
        ),
        (Template::LowStock, false) => (
            format!("Low stock: {}", f.part),
            format!(
                "{} has {} of {}, below the safety stock of {}; reorder.",
                f.warehouse, f.on_hand, f.part, f.safety
            ),
        ),
        (Template::ComplaintReceived, true) => (
            format!("新投诉 {}", f.number),
            format!("客户 {} 的投诉 {}({})已转给您,请在 {} 前受理。", f.customer, f.number, f.part, f.due),
        ),
        (Template::ComplaintReceived, false) => (
            format!("New complaint {}", f.number),
            format!(
                "Complaint {} ({}) from {} is yours; take it by {}.",
                f.number, f.part, f.customer, f.due
            ),
        ),
        (Template::ComplaintRoutingOverdue, true) => (
            format!("投诉未按时受理 {}", f.number),
            format!("客户 {} 的质量投诉 {} 应于 {} 前由质量部受理,至今未受理。", f.customer, f.number, f.due),
        ),
        (Template::ComplaintRoutingOverdue, false) => (
            format!("Complaint not taken in time: {}", f.number),
            format!(
                "Quality complaint {} from {} was to reach quality by {} and has not been taken.",
                f.number, f.customer, f.due
            ),
        ),
    };
    (subject, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_carry_the_facts_in_both_languages() {
        let facts = Facts {
            number: "SR-2026-000007".into(),
            part: "HY-SEAL-04".into(),
            due: "2026-01-10".into(),
            days: 2,
            ..Facts::default()
        };
        let (subject, body) = render(Template::OldPartOverdue, "zh", &facts);
        assert!(subject.contains("SR-2026-000007"));
        assert!(body.contains("2026-01-10") && body.contains("已延期 2 天"), "{body}");
        let (_, english) = render(Template::OldPartOverdue, "en", &facts);
        assert!(english.contains("2 days late"), "{english}");
    }
}
