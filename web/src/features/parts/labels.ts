// The words for the stock enums, in both languages.
import type { MovementKind, PartCategory, RequisitionStatus } from '../../gql/enums';

type Labels<E extends string> = Record<E, [zh: string, en: string]>;

export const MOVEMENT_KIND: Labels<MovementKind> = {
  RECEIVE: ['入库', 'Received'],
  ISSUE: ['出库', 'Issued'],
  RETURN: ['退库', 'Returned'],
  ADJUST: ['调整', 'Adjusted'],
  STOCKTAKE: ['盘点差异', 'Count difference'],
};

export const REQUISITION_STATUS: Labels<RequisitionStatus> = {
  REQUESTED: ['待审批', 'Awaiting approval'],
  APPROVED: ['待发料', 'Awaiting issue'],
  REJECTED: ['已驳回', 'Rejected'],
  ISSUED: ['已发料', 'Issued'],
  CLOSED: ['已结单', 'Closed'],
};

export const PART_CATEGORY: Labels<PartCategory> = {
  ELECTRICAL: ['电器件', 'Electrical'],
  CHASSIS: ['底盘件', 'Chassis'],
  STRUCTURAL: ['结构件', 'Structural'],
  HYDRAULIC: ['液压件', 'Hydraulic'],
  OTHER: ['其他', 'Other'],
};
