//! The demo company's tables: kept as data, one row a line.

use entity::enums::{FaultCategory, PartCategory, Role};

/// The dealer whose presence means the demo set is loaded.
pub const MARKER_DEALER: &str = "D-JS01";
pub const UNITS: usize = 360;
pub const CUSTOMERS: usize = 80;

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
