//! The schema history of aftersales: sea-orm-migration migrations that create
//! the tables of `docs/data-model.md` on PostgreSQL and SQLite alike. Each
//! migration has a real `down`; run them with [`Migrator`]
//! (`Migrator::up(&db, None)`).

pub use sea_orm_migration::prelude::*;

mod columns;
mod constraints;

mod m20261125_000001_create_identity_tables;
mod m20261125_000002_create_master_data_tables;
mod m20261125_000003_create_part_tables;
mod m20261125_000004_create_ticket_tables;
mod m20261125_000005_create_requisition_tables;
mod m20261125_000006_create_old_part_tables;
mod m20261125_000007_create_visit_complaint_notification_report_tables;
mod m20261125_000008_create_fault_causes;
mod m20261125_000009_index_old_part_report;
mod m20261125_000010_add_ticket_personal_injury;
mod m20261126_000011_report_charts_and_attachments;
mod m20261201_000012_create_login_attempts;
mod m20261202_000013_index_list_orders;
mod m20261202_000014_add_user_token_generation;
mod m20261202_000015_create_deployment_facts;
mod m20261202_000016_add_decision_notes;

/// Runs the migrations below, in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_create_identity_tables::Migration),
            Box::new(m20261125_000002_create_master_data_tables::Migration),
            Box::new(m20261125_000003_create_part_tables::Migration),
            Box::new(m20261125_000004_create_ticket_tables::Migration),
            Box::new(m20261125_000005_create_requisition_tables::Migration),
            Box::new(m20261125_000006_create_old_part_tables::Migration),
            Box::new(m20261125_000007_create_visit_complaint_notification_report_tables::Migration),
            Box::new(m20261125_000008_create_fault_causes::Migration),
            Box::new(m20261125_000009_index_old_part_report::Migration),
            Box::new(m20261125_000010_add_ticket_personal_injury::Migration),
            Box::new(m20261126_000011_report_charts_and_attachments::Migration),
            Box::new(m20261201_000012_create_login_attempts::Migration),
            Box::new(m20261202_000013_index_list_orders::Migration),
            Box::new(m20261202_000014_add_user_token_generation::Migration),
            Box::new(m20261202_000015_create_deployment_facts::Migration),
            Box::new(m20261202_000016_add_decision_notes::Migration),
        ]
    }
}
