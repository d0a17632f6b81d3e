//! Parts and old parts (保修零部件 / 旧件): the stock ledger, requisitions,
//! the old parts that replaced parts become, their disposition and
//! responsibility, local sale of scrap, and the return progress report.

pub mod local_sales;
pub mod old_part_reports;
pub mod old_parts;
pub mod requisitions;
pub mod stock;
