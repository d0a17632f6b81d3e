// The words for the old-part enums the board shows, in both languages, and
// the return progress report's 18 columns in the regulation's order.
import type { Disposition, DispositionReason, PartKind, ResponsibilityOutcome } from '../../../gql/enums';
import type { OldPartReturnReportQuery } from '../../../gql/graphql';

type Labels<E extends string> = Record<E, [zh: string, en: string]>;

export const DISPOSITION: Labels<Disposition> = {
  RETURN: ['返司', 'Return to company'],
  LOCAL_SALE: ['当地销售', 'Local sale'],
  LOCAL_DESTROY: ['当地销毁', 'Destroy locally'],
  GIFT: ['赠送', 'Give away'],
};

export const DISPOSITION_REASON: Labels<DispositionReason> = {
  CLAIM_VALUE: ['有索赔价值', 'Has claim value'],
  REUSABLE: ['可再利用', 'Can be reused'],
  TECHNICAL_RECTIFICATION: ['技术整改需要', 'Needed for a technical rectification'],
  NO_CLAIM_OR_REUSE_VALUE: ['无索赔及再利用价值', 'No claim or reuse value'],
  RETURN_COSTS_MORE: ['返司费用高于其价值', 'Returning costs more than it is worth'],
  NO_SALE_VALUE: ['无销售价值', 'No sale value'],
  LITTLE_OR_NO_VALUE: ['价值很小或无价值', 'Little or no value'],
};

export const PART_KIND: Labels<PartKind> = {
  DOMESTIC: ['国产非关重件（7 天）', 'Domestic (7 days)'],
  DOMESTIC_CRITICAL: ['国产关重件（15 天）', 'Domestic critical (15 days)'],
  IMPORTED_HOME: ['进口件国内检测（20 天）', 'Imported, tested at home (20 days)'],
  IMPORTED_ABROAD: ['进口件国外检测（90 天）', 'Imported, tested abroad (90 days)'],
};

export const OUTCOME: Labels<ResponsibilityOutcome> = {
  SUPPLIER: ['供应商责任', 'Supplier'],
  MANUFACTURING: ['制造责任', 'Manufacturing'],
  CUSTOMER_MISUSE: ['客户使用不当', 'Customer misuse'],
  NO_FAULT_FOUND: ['未发现故障', 'No fault found'],
};

type ReportRow = OldPartReturnReportQuery['oldPartReturnReport']['rows'][number];

/** The report's columns: the row field and the regulation's header, with an English gloss. */
export const REPORT_COLUMNS: readonly { key: keyof ReportRow; zh: string; en: string }[] = [
  { key: 'appliedOn', zh: '申请日期', en: 'Applied on' },
  { key: 'approvalNumber', zh: '审批号', en: 'Approval no.' },
  { key: 'serialNumber', zh: '设备编号', en: 'Unit serial' },
  { key: 'partNumber', zh: '物料编码', en: 'Part number' },
  { key: 'quantity', zh: '数量', en: 'Quantity' },
  { key: 'unitPrice', zh: '单价', en: 'Unit price' },
  { key: 'total', zh: '总价', en: 'Total' },
  { key: 'engineerName', zh: '申请人', en: 'Applicant' },
  { key: 'region', zh: '区域', en: 'Region' },
  { key: 'reason', zh: '旧件问题', en: 'Problem' },
  { key: 'mustReturn', zh: '旧件是否需回司', en: 'Must return' },
  { key: 'completedOn', zh: '完工日期', en: 'Completed on' },
  { key: 'dueOn', zh: '要求交期', en: 'Due on' },
  { key: 'repliedOn', zh: '回复日期', en: 'Replied on' },
  { key: 'delayDays', zh: '延期天数', en: 'Delay days' },
  { key: 'collectedOn', zh: '回收日期', en: 'Collected on' },
  { key: 'shippedOn', zh: '返司日期', en: 'Shipped on' },
  { key: 'remarks', zh: '备注', en: 'Remarks' },
];
