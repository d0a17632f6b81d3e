//! Who may call which mutation: one row per Mutation field of the schema,
//! with the roles the business spec (DOMAIN.md and the mutation's doc) gives
//! the right to, called by one user of every role and by nobody at all.
//! Refused roles must get `FORBIDDEN`, allowed ones anything else (the ids are
//! dummies, so mostly `NOT_FOUND` or `VALIDATION`), and a request without a
//! token `UNAUTHENTICATED` unless the mutation is public. Every mismatch is
//! collected and reported in one table. (What a dealer user sees:
//! `dealer_boundary`.)

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::time::Instant;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use entity::enums::Role;
use entity::enums::Role::{
    Agent, Dealer as DealerRole, Engineer, Finance, GeneralManager, Quality, ServiceManager, Warehouse,
};
use futures::StreamExt;
use serde_json::{Value, json};

use crate::helpers::{Backend, PASSWORD, spawn_app};
use crate::on_both_backends;
use crate::tickets::step;

on_both_backends!(every_mutation_admits_exactly_the_roles_the_spec_names,);

/// Who may call a mutation.
#[derive(Debug, Clone, Copy)]
enum Access {
    /// Anyone, signed in or not (signing in itself).
    Public,
    /// Signed-in users of these roles; `ADMIN` always, so it is implied.
    Roles(&'static [Role]),
}

/// One Mutation field: its name, a document calling it with dummy
/// arguments, and who may call it.
struct Row {
    mutation: &'static str,
    document: String,
    access: Access,
}

/// A dummy id that does not exist: the right kind, a number never used.
fn id(kind: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{kind}:987654321"))
}

/// `mutation { <call> { __typename } }`.
fn call(mutation: &'static str, args: String, access: Access) -> Row {
    Row { mutation, document: format!("mutation {{ {mutation}({args}) {{ __typename }} }}"), access }
}

const ADMIN_ONLY: &[Role] = &[];
const EVERYONE: &[Role] =
    &[Agent, Engineer, Warehouse, ServiceManager, Finance, Quality, GeneralManager, DealerRole];
const SM: &[Role] = &[ServiceManager];
const DESK: &[Role] = &[Agent, ServiceManager];
const PART_EDITORS: &[Role] = &[Warehouse, ServiceManager];
const WAREHOUSE_ONLY: &[Role] = &[Warehouse];
const SITE: &[Role] = &[Engineer, ServiceManager];

/// One row per Mutation field of `schema.graphql`, roles as its doc and
/// DOMAIN.md give them.
fn table() -> Vec<Row> {
    let ticket = id("Ticket");
    let old_part = id("OldPart");
    let part = id("Part");
    let warehouse = id("Warehouse");
    let requisition = id("Requisition");
    let local_sale = id("LocalSale");
    let complaint = id("Complaint");
    let customer = id("Customer");
    let user = id("User");
    let part_input =
        r#"{partNumber: "AUTHZ-P-1", name: "Authz part", unitPrice: "10", weightKg: "1", category: OTHER}"#;
    let warehouse_input = r#"{code: "AUTHZ-WH", name: "Authz warehouse", region: "江苏"}"#;
    let policy_input = r#"{code: "AUTHZ-WP", name: "Authz policy", durationMonths: 12}"#;
    let customer_input = r#"{name: "Authz customer", province: "江苏", distanceKm: 10}"#;
    let dealer_input = r#"{code: "AUTHZ-D2", name: "Authz dealer", region: "江苏"}"#;
    let model_input = r#"{code: "AUTHZ-M", name: "Authz model", category: "起重机", defaultWarrantyMonths: 12, salePrice: "1000"}"#;
    let unit_input = format!(
        r#"{{serialNumber: "AUTHZ-U-1", productModelId: "{}", productionDate: "2025-01-01"}}"#,
        id("ProductModel")
    );
    let contract_input = format!(
        r#"{{contractNumber: "AUTHZ-SC", unitId: "{}", startsOn: "2026-01-01", endsOn: "2026-12-31", price: "100"}}"#,
        id("Unit")
    );
    let ticket_ref = format!(r#"{{id: "{ticket}", version: 1}}"#);
    let old_part_ref = format!(r#"{{id: "{old_part}", version: 1}}"#);
    let requisition_ref = format!(r#"{{id: "{requisition}", version: 1}}"#);
    let local_sale_ref = format!(r#"{{id: "{local_sale}", version: 1}}"#);
    let complaint_ref = format!(r#"{{id: "{complaint}", version: 1}}"#);
    let stock_change =
        format!(r#"{{warehouseId: "{warehouse}", partId: "{part}", quantity: 1, reason: "authz"}}"#);
    let ticket_stock =
        format!(r#"{{warehouseId: "{warehouse}", partId: "{part}", quantity: 1, ticketId: "{ticket}"}}"#);

    vec![
        call(
            "login",
            format!(r#"input: {{username: "{}", password: "{PASSWORD}"}}"#, crate::helpers::ADMIN),
            Access::Public,
        ),
        call(
            "createUser",
            r#"input: {username: "authz-created", password: "another-password-1", roles: [AGENT]}"#.into(),
            Access::Roles(ADMIN_ONLY),
        ),
        call(
            "changePassword",
            r#"input: {currentPassword: "not-the-password", newPassword: "another-password-2"}"#.into(),
            Access::Roles(EVERYONE),
        ),
        call(
            "resetPassword",
            format!(r#"input: {{userId: "{user}", newPassword: "another-password-2"}}"#),
            Access::Roles(ADMIN_ONLY),
        ),
        call("deactivateUser", format!(r#"input: {{userId: "{user}"}}"#), Access::Roles(ADMIN_ONLY)),
        call("reactivateUser", format!(r#"input: {{userId: "{user}"}}"#), Access::Roles(ADMIN_ONLY)),
        call("setUserRoles", format!(r#"input: {{userId: "{user}", roles: [AGENT]}}"#), Access::Roles(ADMIN_ONLY)),
        call("createPart", format!("input: {part_input}"), Access::Roles(PART_EDITORS)),
        call(
            "updatePart",
            format!(r#"input: {{id: "{part}", version: 1, part: {part_input}}}"#),
            Access::Roles(PART_EDITORS),
        ),
        call("createWarehouse", format!("input: {warehouse_input}"), Access::Roles(PART_EDITORS)),
        call(
            "updateWarehouse",
            format!(r#"input: {{id: "{warehouse}", warehouse: {warehouse_input}}}"#),
            Access::Roles(PART_EDITORS),
        ),
        call(
            "updateEngineer",
            format!(
                r#"input: {{id: "{}", version: 1, region: "江苏", skills: [HYDRAULIC], onDuty: true}}"#,
                id("User")
            ),
            Access::Roles(SM),
        ),
        call("createWarrantyPolicy", format!("input: {policy_input}"), Access::Roles(SM)),
        call(
            "updateWarrantyPolicy",
            format!(r#"input: {{id: "{}", policy: {policy_input}}}"#, id("WarrantyPolicy")),
            Access::Roles(SM),
        ),
        call("createServiceContract", format!("input: {contract_input}"), Access::Roles(SM)),
        call(
            "updateServiceContract",
            format!(r#"input: {{id: "{}", contract: {contract_input}}}"#, id("ServiceContract")),
            Access::Roles(SM),
        ),
        call(
            "saveFaultCause",
            r#"input: {code: "AUTHZ-FC", name: "Authz cause", faultCategory: OTHER}"#.into(),
            Access::Roles(&[ServiceManager, Quality]),
        ),
        call(
            "setServiceTariff",
            r#"input: {labourRate: "100", travelRatePerKm: "2", effectiveFrom: "2030-01-01"}"#.into(),
            Access::Roles(&[ServiceManager, Finance]),
        ),
        call("declareHoliday", r#"input: {day: "2030-10-01", name: "国庆节"}"#.into(), Access::Roles(SM)),
        call("removeHoliday", format!(r#"input: {{id: "{}"}}"#, id("Holiday")), Access::Roles(SM)),
        call(
            "fileComplaint",
            format!(
                r#"input: {{customerId: "{customer}", category: PRICE, severity: GENERAL, description: "authz"}}"#
            ),
            Access::Roles(DESK),
        ),
        // Routed to QUALITY (quality complaints) or the service managers
        // (the others): nobody else can ever be the role it was routed to.
        call("takeComplaint", format!("complaint: {complaint_ref}"), Access::Roles(&[Quality, ServiceManager])),
        // Its handler (who took it: QUALITY or SERVICE_MANAGER), AGENT or SERVICE_MANAGER.
        call(
            "answerComplaint",
            format!(
                r#"input: {{complaint: {complaint_ref}, handling: "authz", answer: "authz", attributableToService: false}}"#
            ),
            Access::Roles(&[Agent, ServiceManager, Quality]),
        ),
        call("closeComplaint", format!("complaint: {complaint_ref}"), Access::Roles(DESK)),
        call("createCustomer", format!("input: {customer_input}"), Access::Roles(DESK)),
        call(
            "updateCustomer",
            format!(r#"input: {{id: "{customer}", version: 1, customer: {customer_input}}}"#),
            Access::Roles(DESK),
        ),
        call("createDealer", format!("input: {dealer_input}"), Access::Roles(SM)),
        call(
            "updateDealer",
            format!(r#"input: {{id: "{}", version: 1, dealer: {dealer_input}}}"#, id("Dealer")),
            Access::Roles(SM),
        ),
        call("createProductModel", format!("input: {model_input}"), Access::Roles(SM)),
        call(
            "updateProductModel",
            format!(r#"input: {{id: "{}", version: 1, model: {model_input}}}"#, id("ProductModel")),
            Access::Roles(SM),
        ),
        call("registerUnit", format!("input: {unit_input}"), Access::Roles(DESK)),
        call(
            "updateUnit",
            format!(r#"input: {{id: "{}", version: 1, unit: {unit_input}}}"#, id("Unit")),
            Access::Roles(DESK),
        ),
        call("resendNotification", format!(r#"id: "{}""#, id("Notification")), Access::Roles(SM)),
        call("receiveStock", format!("input: {stock_change}"), Access::Roles(PART_EDITORS)),
        call("issueStock", format!("input: {ticket_stock}"), Access::Roles(WAREHOUSE_ONLY)),
        call("returnStock", format!("input: {ticket_stock}"), Access::Roles(WAREHOUSE_ONLY)),
        call("adjustStock", format!("input: {stock_change}"), Access::Roles(PART_EDITORS)),
        call(
            "setSafetyStock",
            format!(r#"input: {{warehouseId: "{warehouse}", partId: "{part}", safetyStock: 1}}"#),
            Access::Roles(PART_EDITORS),
        ),
        call(
            "recordStocktake",
            format!(r#"input: {{warehouseId: "{warehouse}", counts: [{{partId: "{part}", counted: 1}}]}}"#),
            Access::Roles(PART_EDITORS),
        ),
        call(
            "requestParts",
            format!(
                r#"input: {{ticketId: "{ticket}", warehouseId: "{warehouse}", lines: [{{partId: "{part}", quantity: 1}}]}}"#
            ),
            Access::Roles(SITE),
        ),
        call("approveRequisition", format!("input: {requisition_ref}"), Access::Roles(SM)),
        call("rejectRequisition", format!("input: {requisition_ref}"), Access::Roles(SM)),
        call("issueRequisition", format!("input: {requisition_ref}"), Access::Roles(WAREHOUSE_ONLY)),
        call(
            "returnLeftovers",
            format!(r#"input: {{requisition: {requisition_ref}, lines: [{{partId: "{part}", quantity: 1}}]}}"#),
            Access::Roles(WAREHOUSE_ONLY),
        ),
        call(
            "replyOldPart",
            format!(r#"input: {{oldPart: {old_part_ref}, promisedOn: "2030-01-01", reason: "authz"}}"#),
            Access::Roles(SITE),
        ),
        call("acceptOldPartDelay", format!("input: {old_part_ref}"), Access::Roles(SM)),
        call("collectOldPart", format!("input: {{oldPart: {old_part_ref}}}"), Access::Roles(WAREHOUSE_ONLY)),
        call("shipOldPart", format!("input: {{oldPart: {old_part_ref}}}"), Access::Roles(WAREHOUSE_ONLY)),
        call("receiveOldPart", format!("input: {{oldPart: {old_part_ref}}}"), Access::Roles(WAREHOUSE_ONLY)),
        call(
            "disposeOldPart",
            format!(r#"input: {{oldPart: {old_part_ref}, disposition: GIFT, reason: LITTLE_OR_NO_VALUE}}"#),
            Access::Roles(&[ServiceManager, Quality]),
        ),
        call("openDetermination", format!(r#"input: {{oldPartId: "{old_part}"}}"#), Access::Roles(&[Quality])),
        call(
            "determineResponsibility",
            format!(r#"input: {{id: "{}", version: 1, outcome: NO_FAULT_FOUND}}"#, id("Determination")),
            Access::Roles(&[Quality]),
        ),
        call(
            "createLocalSale",
            format!(
                r#"input: {{province: "江苏", marketPricePerKg: "2", salePrice: "10", oldPartIds: ["{old_part}"], quotes: [{{buyerName: "A", price: "10", quotedOn: "2026-01-01"}}, {{buyerName: "B", price: "10", quotedOn: "2026-01-01"}}, {{buyerName: "C", price: "10", quotedOn: "2026-01-01"}}]}}"#
            ),
            Access::Roles(&[ServiceManager, Warehouse]),
        ),
        // At its level: project and department by the service managers,
        // company leadership (and a price below the floor) by the general
        // manager; nobody else at any level.
        call(
            "approveLocalSale",
            format!("input: {local_sale_ref}"),
            Access::Roles(&[ServiceManager, GeneralManager]),
        ),
        call(
            "cancelLocalSale",
            format!(r#"input: {{localSale: {local_sale_ref}, reason: "authz"}}"#),
            Access::Roles(&[ServiceManager, GeneralManager]),
        ),
        call(
            "recordLocalSaleProceeds",
            format!(r#"input: {{localSale: {local_sale_ref}, amount: "10", receiptNumber: "AUTHZ-R"}}"#),
            Access::Roles(&[Finance]),
        ),
        call(
            "generateReport",
            r#"kind: FAILURE_RECURRENCE, period: "2026-Q1""#.into(),
            Access::Roles(&[Quality, ServiceManager, GeneralManager]),
        ),
        call(
            "reportFault",
            r#"input: {channel: PHONE, serialNumber: "AUTHZ-NO-SUCH-SERIAL", faultDescription: "authz", faultCategory: HYDRAULIC}"#.into(),
            Access::Roles(&[Agent, ServiceManager, DealerRole]),
        ),
        call("acceptTicket", format!("input: {{ticket: {ticket_ref}}}"), Access::Roles(DESK)),
        call(
            "createQuote",
            format!(r#"input: {{ticket: {ticket_ref}, labourHours: "1"}}"#),
            Access::Roles(DESK),
        ),
        call("approveQuote", format!(r#"quoteId: "{}""#, id("Quote")), Access::Roles(&[GeneralManager])),
        call(
            "refuseQuote",
            format!(r#"input: {{quoteId: "{}", note: "authz"}}"#, id("Quote")),
            Access::Roles(&[GeneralManager]),
        ),
        call("acceptQuote", format!("input: {ticket_ref}"), Access::Roles(DESK)),
        call(
            "dispatchTicket",
            format!(r#"input: {{ticket: {ticket_ref}, appointment: "2030-01-01T02:00:00Z"}}"#),
            Access::Roles(DESK),
        ),
        call("arriveOnSite", format!("input: {ticket_ref}"), Access::Roles(SITE)),
        call(
            "recordRepair",
            format!(r#"input: {{ticket: {ticket_ref}, faultCause: "AUTHZ-FC", measures: "authz", labourHours: "1"}}"#),
            Access::Roles(SITE),
        ),
        call(
            "signOff",
            format!(r#"input: {ticket_ref}, signedBy: "王经理""#),
            Access::Roles(&[Agent, Engineer, ServiceManager]),
        ),
        call(
            "resolveByGuidance",
            format!(r#"input: {{ticket: {ticket_ref}, reason: "authz"}}"#),
            Access::Roles(DESK),
        ),
        call(
            "recordReturnVisit",
            format!(r#"input: {{ticket: {ticket_ref}, channel: PHONE, satisfaction: 5, solved: true}}"#),
            Access::Roles(DESK),
        ),
        call("closeTicket", format!("input: {ticket_ref}"), Access::Roles(DESK)),
        call(
            "reworkTicket",
            format!(r#"input: {{ticket: {ticket_ref}, reason: "authz"}}"#),
            Access::Roles(DESK),
        ),
        call(
            "returnToFactory",
            format!(r#"input: {{ticket: {ticket_ref}, reason: "authz"}}"#),
            Access::Roles(SITE),
        ),
        call(
            "cancelTicket",
            format!(r#"input: {{ticket: {ticket_ref}, reason: "authz"}}"#),
            Access::Roles(DESK),
        ),
        call(
            "scheduleCareVisits",
            format!(r#"input: {{customerId: "{customer}", intervalDays: 90, firstDueOn: "2030-01-01"}}"#),
            Access::Roles(SM),
        ),
    ]
}

/// The Mutation fields of the checked-in schema, so a new mutation without
/// a row fails this test.
fn schema_mutations() -> BTreeSet<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../api/schema.graphql");
    let schema = std::fs::read_to_string(&path).expect("api/schema.graphql is readable");
    let mut fields = BTreeSet::new();
    let mut in_mutation = false;
    let mut in_doc = false;
    for line in schema.lines() {
        if !in_mutation {
            in_mutation = line.starts_with("type MutationRoot");
            continue;
        }
        if line.starts_with('}') {
            break;
        }
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("\"\"\"") {
            if rest.is_empty() || !rest.ends_with("\"\"\"") {
                in_doc = !in_doc;
            }
            continue;
        }
        if in_doc {
            continue;
        }
        // A field sits one tab deep; its arguments deeper.
        if let Some(field) = line.strip_prefix('\t')
            && field.starts_with(|c: char| c.is_ascii_alphabetic())
        {
            let name: String = field.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            fields.insert(name);
        }
    }
    assert!(!fields.is_empty(), "found the Mutation fields in {}", path.display());
    fields
}

/// Every role, each a caller of its own.
const ROLES: [Role; 9] =
    [Agent, Engineer, Warehouse, ServiceManager, Finance, Quality, GeneralManager, Role::Admin, DealerRole];

/// What the spec says a caller gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expected {
    Forbidden,
    Unauthenticated,
    /// Anything but FORBIDDEN (and UNAUTHENTICATED).
    NotForbidden,
}

impl Expected {
    fn of(access: Access, caller: Option<Role>) -> Self {
        match (access, caller) {
            (Access::Public, _) => Self::NotForbidden,
            (Access::Roles(_), None) => Self::Unauthenticated,
            (Access::Roles(_), Some(Role::Admin)) => Self::NotForbidden,
            (Access::Roles(allowed), Some(role)) if allowed.contains(&role) => Self::NotForbidden,
            (Access::Roles(_), Some(_)) => Self::Forbidden,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::Forbidden => "FORBIDDEN",
            Self::Unauthenticated => "UNAUTHENTICATED",
            Self::NotForbidden => "not FORBIDDEN",
        }
    }

    /// Whether `got` (an error code, or `ok`) is what was expected.
    fn accepts(self, got: &str) -> bool {
        match self {
            Self::Forbidden => got == "FORBIDDEN",
            Self::Unauthenticated => got == "UNAUTHENTICATED",
            Self::NotForbidden => got != "FORBIDDEN" && got != "UNAUTHENTICATED",
        }
    }
}

/// The outcome of one call: `ok`, the error code, or what went wrong with
/// a response that has no code (a broken document would show here).
fn outcome(body: &Value) -> (String, String) {
    match body.get("errors") {
        None => ("ok".into(), String::new()),
        Some(errors) => {
            let first = &errors[0];
            let message = first["message"].as_str().unwrap_or_default().to_owned();
            match first["extensions"]["code"].as_str() {
                Some(code) => (code.to_owned(), message),
                None => ("NO CODE".into(), message),
            }
        }
    }
}

async fn every_mutation_admits_exactly_the_roles_the_spec_names(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;

    let rows = table();
    let listed: BTreeSet<String> = rows.iter().map(|r| r.mutation.to_owned()).collect();
    assert_eq!(listed.len(), rows.len(), "one row per mutation");
    let schema = schema_mutations();
    let missing: Vec<&String> = schema.difference(&listed).collect();
    let unknown: Vec<&String> = listed.difference(&schema).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "rows missing: {missing:?}; not in the schema: {unknown:?}"
    );

    step(
        &app,
        &admin,
        r#"mutation { createDealer(input: {code: "AUTHZ-D", name: "Authz dealer", region: "江苏"}) { dealer { id } } }"#,
        json!({}),
    )
    .await;
    let mut callers: Vec<(Option<Role>, Option<String>)> = vec![(None, None)];
    for role in ROLES {
        let token = if role == Role::Admin {
            admin.clone()
        } else {
            let name = format!("authz-{}", role.as_str().to_lowercase());
            let dealer = (role == DealerRole).then_some("AUTHZ-D");
            app.user_with(&name, &[role], dealer).await
        };
        callers.push((Some(role), Some(token)));
    }

    let started = Instant::now();
    let calls: Vec<(&Row, Option<Role>, Option<&str>)> = rows
        .iter()
        .flat_map(|row| callers.iter().map(move |(role, token)| (row, *role, token.as_deref())))
        .collect();
    let total = calls.len();
    let app = &app;
    let results: Vec<(&Row, Option<Role>, String, String)> = futures::stream::iter(calls)
        .map(|(row, role, token)| async move {
            let response = app.gql(token, &row.document, json!({})).await;
            let (code, message) = outcome(&response.body);
            (row, role, code, message)
        })
        .buffer_unordered(6)
        .collect()
        .await;
    let elapsed = started.elapsed();

    let mut mismatches: Vec<(usize, String)> = Vec::new();
    let order = |row: &Row| rows.iter().position(|r| r.mutation == row.mutation).unwrap_or_default();
    let mut broken = Vec::new();
    let mut allowed_got: BTreeMap<&str, usize> = BTreeMap::new();
    for (row, role, code, message) in &results {
        let expected = Expected::of(row.access, *role);
        if expected == Expected::NotForbidden {
            *allowed_got.entry(code.as_str()).or_default() += 1;
        }
        let who = role.map_or("(no token)", |r| r.as_str());
        if code == "NO CODE" || code == "GRAPHQL_VALIDATION_FAILED" || code == "GRAPHQL_PARSE_FAILED" {
            broken.push(format!("{} as {who}: {message}", row.mutation));
        }
        if !expected.accepts(code) {
            let position =
                order(row) * 16 + role.map_or(0, |r| 1 + ROLES.iter().position(|x| *x == r).unwrap_or(0));
            mismatches.push((
                position,
                format!(
                    "{:<24} {:<16} {:<16} {} — {}",
                    row.mutation,
                    who,
                    expected.label(),
                    code,
                    message.chars().take(90).collect::<String>()
                ),
            ));
        }
    }
    println!(
        "authorization ({backend:?}): {} mutations × {} callers = {total} calls in {elapsed:.1?}, {} mismatches; allowed callers got {allowed_got:?}",
        rows.len(),
        callers.len(),
        mismatches.len()
    );
    assert!(broken.is_empty(), "requests the server could not run (a broken row?):\n{}", broken.join("\n"));
    mismatches.sort();
    let mut report = String::new();
    let _ = writeln!(report, "{:<24} {:<16} {:<16} got", "mutation", "role", "expected");
    for (_, line) in &mismatches {
        let _ = writeln!(report, "{line}");
    }
    assert!(mismatches.is_empty(), "{} calls answered against the spec:\n{report}", mismatches.len());
}
