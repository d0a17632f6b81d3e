import { Tag } from 'antd';
import { useT } from '../../../app/i18n';
import type { LocalSaleStatus } from '../../../gql/enums';
import { saleMessages } from './messages';

const COLOR: Record<LocalSaleStatus, string> = {
  DRAFT: 'default',
  PENDING_APPROVAL: 'orange',
  APPROVED: 'blue',
  SOLD: 'green',
  CANCELLED: 'default',
};

export function LotStatusTag({ status }: { status: LocalSaleStatus }) {
  const t = useT(saleMessages);
  return (
    <Tag color={COLOR[status]} data-testid="lot-status">
      {t(status)}
    </Tag>
  );
}
