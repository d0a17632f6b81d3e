//! The reports bench's data set, written by SQL on the server side:
//! master data on top of the demo, then tickets with their repairs, parts,
//! visits, complaints and chargebacks.

use sea_orm::DatabaseConnection;

use super::support::execute;

/// Uncatalogued causes some repair records name: the report shows them
/// without a name.
const UNLISTED: [&str; 2] = ["ZZ-UNLISTED-1", "ZZ-UNLISTED-2"];

/// Master data on top of the demo: 50 failure causes (48 catalogued), 2 000
/// customers, 20 000 units invoiced over 2024–2026, 90 more engineers, and
/// the 2026 tariff.
pub async fn bulk_master_data(db: &DatabaseConnection) {
    execute(
        db,
        "INSERT INTO fault_causes (code, name, fault_category, active, created_at, updated_at)
         SELECT 'BX-' || lpad(g::text, 2, '0'), '批量故障原因 ' || g,
                (ARRAY['ELECTRICAL','HYDRAULIC','ENGINE','CHASSIS','STRUCTURAL','CONTROL_SYSTEM','OTHER'])[1 + g % 7],
                true, now(), now()
           FROM generate_series(1, 31) AS g",
    )
    .await;
    execute(
        db,
        "WITH p AS (SELECT province, row_number() OVER (ORDER BY province) - 1 AS k
                      FROM (SELECT DISTINCT province FROM customers) x)
         INSERT INTO customers (name, province, distance_km, key_customer, created_at, updated_at, version)
         SELECT p.province || '批量客户' || g || '有限公司', p.province, 20 + g % 900, g % 50 = 0, now(), now(), 1
           FROM generate_series(1, 2000) AS g
           JOIN p ON p.k = g % (SELECT count(*) FROM p)",
    )
    .await;
    execute(
        db,
        "WITH c AS (SELECT id, province, row_number() OVER (ORDER BY id) - 1 AS k FROM customers),
              m AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM product_models),
              d AS (SELECT DISTINCT ON (region) id, region FROM dealers ORDER BY region, id),
              g AS (SELECT g, date '2023-09-01' + (g * 7 % 900)::int AS made FROM generate_series(1, 20000) AS g)
         INSERT INTO units (serial_number, product_model_id, production_date, invoice_date, customer_id,
                            dealer_id, created_at, updated_at, version)
         SELECT 'BU' || lpad(g.g::text, 7, '0'), m.id, g.made,
                CASE WHEN g.g % 40 = 0 THEN NULL ELSE g.made + (30 + g.g % 200)::int END,
                CASE WHEN g.g % 40 = 0 THEN NULL ELSE c.id END,
                CASE WHEN g.g % 40 = 0 OR g.g % 3 = 0 THEN NULL ELSE d.id END,
                now(), now(), 1
           FROM g
           JOIN c ON c.k = g.g % (SELECT count(*) FROM c)
           JOIN m ON m.k = (g.g * 7) % (SELECT count(*) FROM m)
           LEFT JOIN d ON d.region = c.province",
    )
    .await;
    execute(
        db,
        "INSERT INTO users (username, password_hash, display_name, active, created_at, updated_at, version)
         SELECT 'bench.eng' || lpad(g::text, 3, '0'), 'no-login', '批量工程师 ' || g, true, now(), now(), 1
           FROM generate_series(1, 90) AS g",
    )
    .await;
    execute(
        db,
        "WITH p AS (SELECT province, row_number() OVER (ORDER BY province) - 1 AS k
                      FROM (SELECT DISTINCT province FROM customers) x)
         INSERT INTO engineers (user_id, region, available, created_at, updated_at, version)
         SELECT u.id, p.province, true, now(), now(), 1
           FROM users u JOIN p ON p.k = u.id % (SELECT count(*) FROM p)
          WHERE u.username LIKE 'bench.eng%'",
    )
    .await;
    execute(
        db,
        "INSERT INTO service_tariffs (labour_rate, travel_rate_per_km, effective_from, created_at)
         VALUES (180, 4, date '2026-01-01', now())",
    )
    .await;
}

/// `how_many` tickets reported evenly over 2025–2026 (Beijing time) on the
/// units with a customer, in every state (one in twenty cancelled), with
/// reply, arrival and repair times (some late), service types, rework and
/// repeat repairs; then their repair records (50 causes, Pareto-skewed),
/// 0–4 parts each, return visits with satisfaction, complaints and
/// chargebacks.
pub async fn bulk_tickets(db: &DatabaseConnection, how_many: usize) {
    let span_seconds = 730 * 86_400;
    execute(
        db,
        &format!(
            "WITH u AS (SELECT id, customer_id, dealer_id, row_number() OVER (ORDER BY id) - 1 AS k
                          FROM units WHERE customer_id IS NOT NULL),
                  e AS (SELECT user_id, row_number() OVER (ORDER BY user_id) - 1 AS k FROM engineers),
                  g AS (SELECT g, g * 7919 % 1000 AS r1, g * 104729 % 997 AS r2, g * 15485863 % 1009 AS r3,
                               g % 20 AS stage,
                               timestamptz '2025-01-01 00:00:00+08'
                                 + ((g - 1) * {span_seconds} / {how_many} + g * 7919 % 600) * interval '1 second' AS at
                          FROM generate_series(1::bigint, {how_many}) AS g),
                  s AS (SELECT g.*,
                               CASE WHEN stage < 2 THEN NULL WHEN r2 % 10 < 5 THEN 'FREE' WHEN r2 % 10 < 7 THEN 'CONTRACT'
                                    WHEN r2 % 10 < 9 THEN 'PAID' ELSE 'OTHER' END AS st
                          FROM g),
                  r AS (SELECT s.*,
                               CASE WHEN stage = 1 OR (stage = 0 AND r1 % 2 = 0) THEN NULL
                                    ELSE at + (5 + r3 * 8 / 5) * interval '1 minute' END AS replied
                          FROM s),
                  a AS (SELECT r.*,
                               CASE WHEN stage >= 4 AND st <> 'OTHER'
                                    THEN replied + (30 + r1 * 13 / 5) * interval '1 minute' END AS arrived
                          FROM r),
                  x AS (SELECT a.*,
                               CASE WHEN stage >= 5 THEN arrived + (30 + r2 * 7 % 600) * interval '1 minute' END AS repaired
                          FROM a)
             INSERT INTO tickets (number, channel, customer_id, unit_id, dealer_id, fault_description,
                                  fault_category, severity, status, service_type, engineer_id, reported_at,
                                  reply_due_at, replied_at, arrival_due_at, arrived_at, repaired_at,
                                  customer_accepted_at, closed_at, rework_count, created_at, updated_at, version)
             SELECT 'BT' || lpad(x.g::text, 7, '0'),
                    (ARRAY['PHONE','EMAIL','WEB','SMS','WALK_IN','DEALER'])[1 + x.g % 6],
                    u.customer_id, u.id, u.dealer_id, '批量故障 ' || x.g,
                    (ARRAY['ELECTRICAL','HYDRAULIC','ENGINE','CHASSIS','STRUCTURAL','CONTROL_SYSTEM'])[1 + x.r1 % 6],
                    (ARRAY['SEVERE','MAJOR','GENERAL','GENERAL'])[1 + x.r2 % 4],
                    (ARRAY['CANCELLED','REPORTED','ACCEPTED','DISPATCHED','ON_SITE','REPAIRED','CUSTOMER_ACCEPTED',
                           'VISITED','CLOSED'])[1 + LEAST(x.stage, 8)::int],
                    x.st,
                    CASE WHEN x.stage >= 3 THEN e.user_id END,
                    x.at, x.at + interval '24 hours', x.replied, x.at + interval '48 hours', x.arrived, x.repaired,
                    CASE WHEN x.stage >= 6 THEN COALESCE(x.repaired, x.replied) + interval '1 day' END,
                    CASE WHEN x.stage >= 8 THEN COALESCE(x.repaired, x.replied) + interval '5 days' END,
                    CASE WHEN x.stage >= 5 AND x.r3 % 25 = 0 THEN 1 ELSE 0 END,
                    x.at, x.at, 1
               FROM x
               JOIN u ON u.k = x.g % (SELECT count(*) FROM u)
               JOIN e ON e.k = (x.g * 31) % (SELECT count(*) FROM e)"
        ),
    )
    .await;
    // One ticket in 25 repeats the same unit's ticket one unit-round earlier.
    execute(
        db,
        "WITH nu AS (SELECT count(*) AS n FROM units WHERE customer_id IS NOT NULL)
         UPDATE tickets t SET repeat_of_ticket_id = o.id
           FROM tickets o, nu
          WHERE t.number LIKE 'BT%' AND right(t.number, 7)::bigint % 25 = 7 AND t.status <> 'CANCELLED'
            AND o.number = 'BT' || lpad((right(t.number, 7)::bigint - nu.n)::text, 7, '0')",
    )
    .await;
    execute(
        db,
        &format!(
            "WITH c AS (SELECT code, row_number() OVER (ORDER BY code) - 1 AS k FROM fault_causes
                        UNION ALL SELECT '{}', 48 UNION ALL SELECT '{}', 49)
             INSERT INTO repair_records (ticket_id, engineer_id, arrived_at, fault_cause, measures, labour_hours,
                                         completed_at, created_at, updated_at, version)
             SELECT t.id, t.engineer_id, t.arrived_at, c.code, '批量维修', (1 + t.id % 8) * 0.5,
                    t.repaired_at, t.repaired_at, t.repaired_at, 1
               FROM tickets t
               JOIN c ON c.k = floor(50 * power((t.id * 7919 % 1000) / 1000.0, 2))
              WHERE t.number LIKE 'BT%' AND t.repaired_at IS NOT NULL AND t.id % 19 <> 0
             UNION ALL
             SELECT t.id, t.engineer_id, t.arrived_at + interval '2 days', c.code, '批量维修', 1.5,
                    t.repaired_at + interval '2 days', t.repaired_at, t.repaired_at, 1
               FROM tickets t
               JOIN c ON c.k = t.id * 13 % 50
              WHERE t.number LIKE 'BT%' AND t.repaired_at IS NOT NULL AND t.rework_count > 0",
            UNLISTED[0], UNLISTED[1]
        ),
    )
    .await;
    execute(
        db,
        "WITH p AS (SELECT id, unit_price, row_number() OVER (ORDER BY id) - 1 AS k FROM parts)
         INSERT INTO repair_parts (repair_record_id, part_id, quantity, unit_price)
         SELECT rr.id, p.id, 1 + (rr.id + j) % 3, p.unit_price
           FROM repair_records rr
          CROSS JOIN LATERAL generate_series(1, (rr.id * 13 % 5)::int) AS j
           JOIN p ON p.k = (rr.id * 7 + j * 11) % (SELECT count(*) FROM p)
          WHERE rr.measures = '批量维修'",
    )
    .await;
    execute(
        db,
        "INSERT INTO return_visits (ticket_id, customer_id, kind, due_at, channel, satisfaction, solved,
                                    visited_at, created_at, updated_at, version)
         SELECT t.id, t.customer_id,
                CASE WHEN t.service_type = 'OTHER' THEN 'AFTER_GUIDANCE' ELSE 'AFTER_REPAIR' END,
                COALESCE(t.repaired_at, t.replied_at) + interval '3 days', 'PHONE',
                CASE t.id * 7919 % 20 WHEN 0 THEN NULL WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 3 WHEN 4 THEN 3
                     WHEN 5 THEN 4 WHEN 6 THEN 4 WHEN 7 THEN 4 WHEN 8 THEN 4 WHEN 9 THEN 4 ELSE 5 END,
                t.id % 17 <> 0,
                COALESCE(t.repaired_at, t.replied_at) + interval '3 days' + (t.id % 600) * interval '1 minute',
                t.reported_at, t.reported_at, 1
           FROM tickets t
          WHERE t.number LIKE 'BT%' AND t.status IN ('VISITED', 'CLOSED')
         UNION ALL
         SELECT NULL, c.id, 'CARE', ts, 'PHONE', 3 + g % 3, true, ts + interval '2 hours', ts, ts, 1
           FROM generate_series(1, 30000) AS g
           CROSS JOIN LATERAL (SELECT timestamptz '2025-01-01 09:00:00+08' + g * interval '35 minutes' AS ts) s
           JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM customers) c
             ON c.k = g % (SELECT count(*) FROM customers)",
    )
    .await;
    execute(
        db,
        "INSERT INTO complaints (number, ticket_id, customer_id, category, severity, description, received_at,
                                 attributable_to_service, status, closed_at, created_at, updated_at, version)
         SELECT 'BC' || t.id, t.id, t.customer_id,
                (ARRAY['DELIVERY','QUALITY','SERVICE_ATTITUDE','PRICE'])[1 + t.id % 4],
                (ARRAY['GENERAL','GENERAL','MAJOR','SEVERE'])[1 + t.id * 7 % 4],
                '批量投诉', t.reported_at + interval '4 days', t.id % 3 <> 0, 'CLOSED',
                t.reported_at + interval '9 days', t.reported_at, t.reported_at, 1
           FROM tickets t
          WHERE t.number LIKE 'BT%' AND t.id % 40 = 3
         UNION ALL
         SELECT 'BCN' || g, NULL, c.id, 'SERVICE_ATTITUDE', 'GENERAL', '批量投诉（无工单）', ts, g % 2 = 0, 'OPEN',
                NULL, ts, ts, 1
           FROM generate_series(1, 3000) AS g
           CROSS JOIN LATERAL (SELECT timestamptz '2025-01-01 10:00:00+08' + g * interval '5 hours' AS ts) s
           JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM customers) c
             ON c.k = g * 7 % (SELECT count(*) FROM customers)",
    )
    .await;
    execute(
        db,
        "INSERT INTO dealer_chargebacks (ticket_id, dealer_id, amount, status, charged_at, created_at, updated_at)
         SELECT t.id, t.dealer_id, 200 + t.id % 50 * 10, 'CHARGED', t.reported_at + interval '20 days',
                t.reported_at, t.reported_at
           FROM tickets t
          WHERE t.number LIKE 'BT%' AND t.dealer_id IS NOT NULL AND t.status <> 'CANCELLED' AND t.id % 33 = 5",
    )
    .await;
    execute(db, "VACUUM ANALYZE").await;
}
