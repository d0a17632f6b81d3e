//! The demo company's tables: kept as data, one row a line.

use entity::enums::{FaultCategory, PartCategory, Role, TicketStatus};

/// The dealer whose presence means the demo set is loaded.
pub const MARKER_DEALER: &str = "D-JS01";
pub const CUSTOMERS: usize = 80;

/// Each model is built in runs: `RUNS` of `RUN_SIZE` units, one run every
/// `RUN_EVERY_DAYS`, the oldest about three years and three months before
/// the load (so units have been sold over the last three years).
pub const RUNS: usize = 10;
pub const RUN_SIZE: usize = 5;
pub const RUN_EVERY_DAYS: i64 = 120;
pub const OLDEST_RUN_DAYS: i64 = 1190;
/// The batch behind the demo's quality incident: one day's output of
/// excavators, built this many days before the load, whose cylinder seals
/// came from a bad lot.
pub const BATCH_MODEL: &str = "XE215";
pub const BATCH_SIZE: usize = 60;
pub const BATCH_AGE_DAYS: i64 = 270;
/// How many units of the batch come back with leaking seals: two more than
/// the policy's batch-incident size (`Policy::batch_incident_units`).
pub const BATCH_RETURNS_OVER_THRESHOLD: i64 = 2;
/// The fault the batch comes back with.
pub const BATCH_CAUSE: &str = "HY-SEAL-AGING";
/// Units of the demo: every model's runs and the batch.
pub const UNITS: usize = MODELS.len() * RUNS * RUN_SIZE + BATCH_SIZE;
/// The unit of the README's example (report, accept, dispatch): an XCT25
/// of the ninth run, sold months ago and well inside its 12-month warranty
/// whenever the demo is loaded. No demo ticket touches it.
pub const README_UNIT: &str = "XCT25-00041";

/// Staff and dealer users: user name, display name, roles, dealer code.
pub const USERS: &[(&str, &str, &[Role], Option<&str>)] = &[
    ("admin", "系统管理员", &[Role::Admin], None),
    ("agent", "客服 王芳", &[Role::Agent], None),
    ("manager", "服务管代 李强", &[Role::ServiceManager], None),
    ("warehouse", "仓管员 赵磊", &[Role::Warehouse], None),
    ("finance", "财务 陈静", &[Role::Finance], None),
    ("quality", "品保 刘洋", &[Role::Quality], None),
    ("gm", "总经理 周建国", &[Role::GeneralManager], None),
    ("dealer", "江苏代理 孙涛", &[Role::Dealer], Some(MARKER_DEALER)),
];

use FaultCategory as F;

/// Engineers: user name, name, home region, skills.
pub const ENGINEERS: &[(&str, &str, &str, &[FaultCategory])] = &[
    ("eng.zhang", "工程师 张伟", "江苏", &[F::Hydraulic, F::Engine]),
    ("eng.wang", "工程师 王磊", "江苏", &[F::Electrical, F::ControlSystem]),
    ("eng.li", "工程师 李娜", "山东", &[F::Hydraulic, F::Chassis]),
    ("eng.zhao", "工程师 赵军", "四川", &[F::Engine, F::Chassis, F::Other]),
    ("eng.chen", "工程师 陈晨", "广东", &[F::Electrical, F::Structural]),
    ("eng.yang", "工程师 杨帆", "新疆", &[F::Hydraulic, F::Structural, F::Other]),
    ("eng.huang", "工程师 黄勇", "河北", &[F::ControlSystem, F::Electrical]),
    ("eng.xu", "工程师 徐明", "湖北", &[F::Engine, F::Hydraulic, F::Chassis]),
];

/// Dealers: code, name, region.
pub const DEALERS: &[(&str, &str, &str)] = &[
    (MARKER_DEALER, "江苏徐工机械销售有限公司", "江苏"),
    ("D-SD01", "山东鲁重工程机械有限公司", "山东"),
    ("D-SC01", "四川蜀道机械设备有限公司", "四川"),
    ("D-GD01", "广东南粤工程设备有限公司", "广东"),
    ("D-XJ01", "新疆天山重工贸易有限公司", "新疆"),
    ("D-HB01", "河北燕赵机械有限公司", "河北"),
];

/// Warranty policies: code, name, months.
pub const POLICIES: &[(&str, &str, i32)] = &[
    ("STD-12", "标准保修 12 个月", 12),
    ("STD-18", "标准保修 18 个月", 18),
    ("STD-24", "整机保修 24 个月", 24),
];

/// Models: code, name, category, warranty months, sale price.
pub const MODELS: &[(&str, &str, &str, i32, i64)] = &[
    ("XCT25", "XCT25 汽车起重机", "起重机", 12, 1_180_000),
    ("XCT50", "XCT50 汽车起重机", "起重机", 12, 2_150_000),
    ("QY70K", "QY70K 全地面起重机", "起重机", 24, 3_600_000),
    ("XE215", "XE215 履带挖掘机", "挖掘机", 12, 680_000),
    ("LW500", "LW500 轮式装载机", "装载机", 12, 420_000),
    ("XS263", "XS263 压路机", "压路机", 18, 390_000),
];

/// Provinces with a typical distance range (km) from the serving centre.
pub const PROVINCES: &[(&str, i32, i32)] = &[
    ("江苏", 20, 280),
    ("山东", 150, 600),
    ("四川", 300, 1400),
    ("广东", 400, 1600),
    ("新疆", 900, 3200),
    ("河北", 200, 900),
    ("湖北", 250, 800),
    ("浙江", 100, 500),
];

/// A catalogue part: number, name, category, price (yuan), weight (kg),
/// critical, imported, per-requisition limit when valuable.
pub struct DemoPart(
    pub &'static str,
    pub &'static str,
    pub PartCategory,
    pub i64,
    pub i64,
    pub bool,
    pub bool,
    pub Option<i32>,
);

use PartCategory as P;

#[rustfmt::skip]
pub const PARTS: &[DemoPart] = &[
    DemoPart("HY-PUMP-01", "主液压泵", P::Hydraulic, 18_500, 65, true, true, Some(1)),
    DemoPart("HY-VALVE-02", "多路阀", P::Hydraulic, 9_800, 38, true, false, Some(2)),
    DemoPart("HY-CYL-03", "变幅油缸", P::Hydraulic, 12_600, 210, true, false, None),
    DemoPart("HY-SEAL-04", "油缸密封件组", P::Hydraulic, 380, 1, false, false, None),
    DemoPart("HY-HOSE-05", "高压油管", P::Hydraulic, 260, 3, false, false, None),
    DemoPart("HY-FILTER-06", "液压油滤芯", P::Hydraulic, 120, 1, false, false, None),
    DemoPart("EL-ECU-01", "整车控制器", P::Electrical, 7_600, 2, true, true, Some(1)),
    DemoPart("EL-SENSOR-02", "力矩限制器传感器", P::Electrical, 2_300, 1, true, false, Some(2)),
    DemoPart("EL-HARNESS-03", "主线束", P::Electrical, 1_450, 12, false, false, None),
    DemoPart("EL-RELAY-04", "继电器", P::Electrical, 45, 0, false, false, None),
    DemoPart("EL-DISPLAY-05", "驾驶室显示屏", P::Electrical, 3_200, 3, false, true, Some(1)),
    DemoPart("EL-ALT-06", "发电机", P::Electrical, 2_800, 14, false, false, None),
    DemoPart("CH-AXLE-01", "驱动桥总成", P::Chassis, 26_000, 480, true, false, Some(1)),
    DemoPart("CH-BRAKE-02", "制动蹄片", P::Chassis, 420, 9, false, false, None),
    DemoPart("CH-TIRE-03", "轮胎", P::Chassis, 3_600, 95, false, false, None),
    DemoPart("CH-GEAR-04", "变速箱齿轮", P::Chassis, 5_400, 22, true, true, Some(2)),
    DemoPart("CH-SHAFT-05", "传动轴", P::Chassis, 3_900, 40, false, false, None),
    DemoPart("ST-BOOM-PIN-01", "吊臂销轴", P::Structural, 1_250, 18, true, false, None),
    DemoPart("ST-SLEW-02", "回转支承", P::Structural, 21_000, 620, true, false, Some(1)),
    DemoPart("ST-PLATE-03", "加强板", P::Structural, 680, 25, false, false, None),
    DemoPart("ST-BUCKET-04", "铲斗斗齿", P::Structural, 210, 6, false, false, None),
    DemoPart("OT-BELT-01", "发动机皮带", P::Other, 150, 1, false, false, None),
    DemoPart("OT-FILTER-02", "空气滤芯", P::Other, 180, 2, false, false, None),
    DemoPart("OT-INJECTOR-03", "喷油器", P::Other, 1_900, 1, true, true, Some(4)),
    DemoPart("OT-TURBO-04", "涡轮增压器", P::Other, 8_200, 16, true, true, Some(1)),
    DemoPart("OT-PUMP-05", "水泵", P::Other, 980, 8, false, false, None),
];

/// The service tariff: labour rate (yuan an hour) and travel (yuan a km,
/// in tenths).
pub const LABOUR_RATE: i64 = 150;
pub const TRAVEL_RATE_TENTHS: i64 = 35;

/// Warehouses: code, name, region, head office.
pub const WAREHOUSES: &[(&str, &str, &str, bool)] = &[
    ("WH-HQ", "徐州总部备件库", "江苏", true),
    ("WH-SD", "济南驻外仓", "山东", false),
    ("WH-SC", "成都驻外仓", "四川", false),
    ("WH-XJ", "乌鲁木齐驻外仓", "新疆", false),
];

/// Declared public holidays (days off) and make-up working days (调休).
pub const HOLIDAYS: &[(&str, &str, bool)] = &[
    ("2026-01-01", "元旦", false),
    ("2026-01-02", "元旦", false),
    ("2026-02-14", "春节调休上班", true),
    ("2026-02-16", "春节", false),
    ("2026-02-17", "春节", false),
    ("2026-02-18", "春节", false),
    ("2026-02-19", "春节", false),
    ("2026-02-20", "春节", false),
    ("2026-04-05", "清明节", false),
    ("2026-05-01", "劳动节", false),
    ("2026-05-04", "劳动节", false),
    ("2026-06-19", "端午节", false),
    ("2026-09-25", "中秋节", false),
    ("2026-10-01", "国庆节", false),
    ("2026-10-02", "国庆节", false),
    ("2026-10-05", "国庆节", false),
    ("2026-10-06", "国庆节", false),
    ("2026-10-07", "国庆节", false),
    ("2026-10-10", "国庆调休上班", true),
    ("2027-01-01", "元旦", false),
];

/// Building blocks of customer company names.
pub const NAME_STEMS: &[&str] =
    &["华建", "中铁", "宏达", "鑫源", "恒通", "长城", "远大", "东方", "金桥", "天成"];
pub const TRADES: &[&str] = &["建设工程", "吊装", "物流", "路桥", "港务", "矿业", "租赁", "市政工程"];

/// A failure cause of the catalogue: code, name, category, how often it
/// comes up among the demo's repairs (relative weight within its category),
/// the parts a repair of it replaces (part number, quantity) and the labour
/// hours it takes (from, to exclusive).
pub struct DemoCause {
    pub code: &'static str,
    pub name: &'static str,
    pub category: FaultCategory,
    pub weight: u32,
    pub parts: &'static [(&'static str, i32)],
    pub hours: (i64, i64),
}

const fn cause(
    code: &'static str,
    name: &'static str,
    category: FaultCategory,
    weight: u32,
    parts: &'static [(&'static str, i32)],
    hours: (i64, i64),
) -> DemoCause {
    DemoCause { code, name, category, weight, parts, hours }
}

#[rustfmt::skip]
pub const CAUSES: &[DemoCause] = &[
    cause("HY-SEAL-AGING", "油缸密封老化", F::Hydraulic, 3, &[("HY-SEAL-04", 1)], (2, 4)),
    cause("HY-PUMP-LEAK", "主泵内泄", F::Hydraulic, 1, &[("HY-PUMP-01", 1)], (4, 7)),
    cause("HY-VALVE-STUCK", "多路阀卡滞", F::Hydraulic, 2, &[("HY-FILTER-06", 2)], (2, 5)),
    cause("HY-HOSE-BURST", "高压油管破裂", F::Hydraulic, 4, &[("HY-HOSE-05", 2)], (1, 3)),
    cause("EL-HARNESS-SHORT", "线束磨损短路", F::Electrical, 2, &[("EL-HARNESS-03", 1)], (2, 5)),
    cause("EL-ALT-DEAD", "发电机不发电", F::Electrical, 2, &[("EL-ALT-06", 1)], (2, 4)),
    cause("EL-RELAY-BURN", "继电器烧蚀", F::Electrical, 3, &[("EL-RELAY-04", 2)], (1, 2)),
    cause("EN-INJECTOR-CLOG", "喷油器堵塞", F::Engine, 2, &[("OT-INJECTOR-03", 1)], (2, 4)),
    cause("EN-TURBO-LEAK", "增压器漏油", F::Engine, 1, &[("OT-TURBO-04", 1)], (3, 6)),
    cause("EN-BELT-BREAK", "皮带断裂", F::Engine, 3, &[("OT-BELT-01", 1)], (1, 2)),
    cause("CH-BRAKE-WEAR", "制动蹄片磨损", F::Chassis, 3, &[("CH-BRAKE-02", 2)], (2, 4)),
    cause("CH-SHAFT-NOISE", "传动轴异响", F::Chassis, 1, &[("CH-SHAFT-05", 1)], (3, 5)),
    cause("ST-PIN-WEAR", "吊臂销轴磨损", F::Structural, 2, &[("ST-BOOM-PIN-01", 1)], (2, 5)),
    cause("ST-WELD-CRACK", "焊缝开裂", F::Structural, 1, &[("ST-PLATE-03", 1)], (3, 6)),
    cause("CS-LIMITER-FALSE", "力矩限制器误报", F::ControlSystem, 2, &[("EL-SENSOR-02", 1)], (1, 3)),
    cause("CS-PROGRAM-ERROR", "控制器程序错误", F::ControlSystem, 2, &[], (1, 2)),
    cause("OT-AIR-FILTER", "空滤堵塞", F::Other, 1, &[("OT-FILTER-02", 1)], (1, 2)),
];

/// The fault categories of the demo's site repairs, with how often each
/// comes up.
pub const CATEGORY_WEIGHTS: &[(FaultCategory, u32)] = &[
    (F::Hydraulic, 4),
    (F::Electrical, 3),
    (F::Engine, 3),
    (F::Chassis, 3),
    (F::Structural, 2),
    (F::ControlSystem, 2),
    (F::Other, 1),
];

/// What the desk solves on the phone (service type OTHER): fault
/// category and the customer's question.
pub const GUIDANCE: &[(FaultCategory, &str)] = &[
    (F::ControlSystem, "力矩限制器报警无法复位,电话指导操作"),
    (F::Other, "咨询保养周期与油品型号"),
    (F::Electrical, "显示屏参数设置咨询"),
    (F::ControlSystem, "遥控器配对方法咨询"),
];

/// What a demo ticket's triage comes to, as the desk would decide it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Wanted {
    /// In warranty: FREE.
    Free,
    /// Out of warranty, under a service contract: CONTRACT.
    Contract,
    /// Out of warranty, no contract: PAID by quote.
    Expired,
    /// In warranty but misused: PAID by quote.
    Misuse,
    /// Phone guidance: OTHER, no site visit.
    Guidance,
}

/// The mix of the history's tickets, cycled: mostly warranty work, some
/// contract and paid work, some phone guidance.
pub const MIX: [Wanted; 20] = {
    use Wanted::*;
    [
        Free, Free, Contract, Free, Expired, Free, Free, Guidance, Free, Free, Misuse, Free, Free, Contract,
        Free, Expired, Free, Free, Guidance, Free,
    ]
};

/// Satisfaction scores of the return visits, cycled in the order they are
/// made: nine in ten satisfied (4–5), a neutral 3, ten visits later a
/// dissatisfied 2.
pub const SATISFACTION: [i16; 20] = [5, 4, 5, 5, 3, 5, 4, 5, 4, 5, 5, 4, 5, 5, 2, 5, 4, 5, 4, 5];

/// A ticket still under way when the demo is loaded.
pub struct LiveTicket {
    /// Where it stands now.
    pub status: TicketStatus,
    /// Reported this many hours before the load (at least: a ticket whose
    /// return visit must be overdue is moved back until it is).
    pub age_hours: i64,
    pub wanted: Wanted,
    pub category: FaultCategory,
    /// The engineer out on it (assigned by hand), for tickets dispatched or
    /// on site: four engineers are out, so every skill has someone free.
    pub engineer: Option<&'static str>,
    /// Its return visit is late (still open and past due).
    pub late_visit: bool,
}

const fn live(
    status: TicketStatus,
    age_hours: i64,
    wanted: Wanted,
    category: FaultCategory,
    engineer: Option<&'static str>,
    late_visit: bool,
) -> LiveTicket {
    LiveTicket { status, age_hours, wanted, category, engineer, late_visit }
}

/// The desk's open work at load time, one of each state and a few more.
#[rustfmt::skip]
pub const LIVE: &[LiveTicket] = {
    use TicketStatus as S;
    use Wanted::*;
    &[
        live(S::Reported, 2, Free, F::Electrical, None, false),
        live(S::Reported, 3, Contract, F::Hydraulic, None, false),
        live(S::Accepted, 5, Free, F::Chassis, None, false),
        live(S::Quoted, 11, Expired, F::Engine, None, false),
        live(S::QuoteApproved, 20, Expired, F::Structural, None, false),
        live(S::Dispatched, 7, Free, F::Hydraulic, Some("eng.zhang"), false),
        live(S::Dispatched, 9, Contract, F::Electrical, Some("eng.wang"), false),
        live(S::OnSite, 16, Free, F::Chassis, Some("eng.li"), false),
        live(S::OnSite, 20, Free, F::Structural, Some("eng.chen"), false),
        live(S::Repaired, 28, Free, F::Engine, None, false),
        live(S::CustomerAccepted, 44, Free, F::ControlSystem, None, false),
        live(S::CustomerAccepted, 10, Guidance, F::ControlSystem, None, false),
        live(S::CustomerAccepted, 190, Free, F::Electrical, None, true),
        live(S::CustomerAccepted, 220, Contract, F::Chassis, None, true),
        live(S::Visited, 100, Free, F::Hydraulic, None, false),
    ]
};
