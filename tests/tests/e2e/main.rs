//! End-to-end tests: the real server on a random port against a fresh
//! database per test, on SQLite and PostgreSQL alike. One test binary, so the
//! workspace links it once.

mod helpers;
mod hostile_input;

mod access;
mod accounts;
mod authorization;
mod bounds;
mod complaints;
mod console;
mod cors;
mod dealer_boundary;
mod delivery;
mod demo;
mod faults;
mod graphiql;
mod identity;
mod import;
mod kpi;
mod list_order;
mod local_sale;
mod login_throttle;
mod master_data;
mod n_plus_one;
mod parts;
mod readme;
mod reports;
mod rules_agree;
mod seed;
mod server;
mod soak;
mod socket_account;
mod stored_reports;
mod subscription;
mod tickets;
mod visits;
mod worker_processes;
