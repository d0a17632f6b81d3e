// The words for the API's enum values, in both languages: shared by every
// feature that shows a ticket, a role or a part.
import type {
  Channel,
  Exclusion,
  FaultCategory,
  OldPartStatus,
  QuoteStatus,
  Role,
  ServiceType,
  Severity,
  TicketStatus,
} from '../gql/enums';
import type { Locale } from '../app/i18n';

type Labels<E extends string> = Record<E, [zh: string, en: string]>;

export const TICKET_STATUS: Labels<TicketStatus> = {
  REPORTED: ['已受理', 'Reported'],
  ACCEPTED: ['已分诊', 'Triaged'],
  QUOTED: ['已报价', 'Quoted'],
  QUOTE_APPROVED: ['报价已确认', 'Quote approved'],
  DISPATCHED: ['已派工', 'Dispatched'],
  ON_SITE: ['已到场', 'On site'],
  REPAIRED: ['已维修', 'Repaired'],
  CUSTOMER_ACCEPTED: ['客户已验收', 'Signed off'],
  VISITED: ['已回访', 'Visited'],
  CLOSED: ['已关闭', 'Closed'],
  RETURNED_TO_FACTORY: ['已返厂', 'Returned to factory'],
  CANCELLED: ['已取消', 'Cancelled'],
};

export const CHANNEL: Labels<Channel> = {
  PHONE: ['电话', 'Phone'],
  EMAIL: ['邮件', 'Email'],
  WEB: ['网上报修', 'Web form'],
  SMS: ['短信', 'SMS'],
  WALK_IN: ['到店', 'Walk-in'],
  DEALER: ['代理商', 'Dealer'],
};

export const FAULT_CATEGORY: Labels<FaultCategory> = {
  ELECTRICAL: ['电气', 'Electrical'],
  HYDRAULIC: ['液压', 'Hydraulic'],
  ENGINE: ['发动机', 'Engine'],
  CHASSIS: ['底盘', 'Chassis'],
  STRUCTURAL: ['结构', 'Structural'],
  CONTROL_SYSTEM: ['控制系统', 'Control system'],
  OTHER: ['其他', 'Other'],
};

export const SEVERITY: Labels<Severity> = {
  SEVERE: ['严重（停产）', 'Severe (business down)'],
  MAJOR: ['重大', 'Major'],
  GENERAL: ['一般', 'General'],
};

export const SERVICE_TYPE: Labels<ServiceType> = {
  FREE: ['保内免费', 'In warranty (free)'],
  CONTRACT: ['服务合同', 'Service contract'],
  PAID: ['有偿服务', 'Paid'],
  OTHER: ['咨询/电话指导', 'Guidance only'],
};

export const EXCLUSION: Labels<Exclusion> = {
  MISUSE: ['违规使用或保养', 'Misuse'],
  FORCE_MAJEURE: ['不可抗力', 'Force majeure'],
  SELF_MODIFICATION: ['自行拆修改装', 'Self-modification'],
  EXPIRED: ['已过保', 'Warranty expired'],
  SERIAL_TAMPERED: ['编号涂改/不清', 'Serial tampered'],
};

export const QUOTE_STATUS: Labels<QuoteStatus> = {
  DRAFT: ['草稿', 'Draft'],
  PENDING_APPROVAL: ['待总经理审批', 'Awaiting general manager'],
  APPROVED: ['已审批', 'Approved'],
  ACCEPTED: ['客户已接受', 'Accepted by customer'],
  REJECTED: ['已作废', 'Superseded'],
};

export const ROLE: Labels<Role> = {
  AGENT: ['客服', 'Agent'],
  ENGINEER: ['服务工程师', 'Engineer'],
  WAREHOUSE: ['仓管员', 'Warehouse'],
  SERVICE_MANAGER: ['服务经理', 'Service manager'],
  FINANCE: ['财务', 'Finance'],
  QUALITY: ['质管', 'Quality'],
  GENERAL_MANAGER: ['总经理', 'General manager'],
  ADMIN: ['系统管理员', 'Administrator'],
  DEALER: ['代理商', 'Dealer'],
};

export const OLD_PART_STATUS: Labels<OldPartStatus> = {
  PENDING: ['待回复', 'Awaiting reply'],
  REPLIED: ['已回复', 'Replied'],
  COLLECTED: ['已回收', 'Collected'],
  SHIPPED: ['已返司', 'Shipped'],
  RECEIVED: ['总部已收', 'Received'],
  DISPOSED: ['已处置', 'Disposed'],
};

/** The word for `value` in `locale`. */
export function label<E extends string>(labels: Labels<E>, value: E, locale: Locale): string {
  const pair = labels[value];
  return pair ? pair[locale === 'zh' ? 0 : 1] : value;
}

/** `[value, word]` pairs for a select. */
export function options<E extends string>(labels: Labels<E>, locale: Locale) {
  return (Object.keys(labels) as E[]).map((value) => ({ value, label: label(labels, value, locale) }));
}
