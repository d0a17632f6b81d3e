import { Tag } from 'antd';
import { useLocale } from '../../../app/i18n';
import { label, OLD_PART_STATUS } from '../../../components/labels';
import type { OldPartStatus } from '../../../gql/enums';

const COLOR: Record<OldPartStatus, string> = {
  PENDING: 'orange',
  REPLIED: 'gold',
  COLLECTED: 'blue',
  SHIPPED: 'geekblue',
  RECEIVED: 'green',
  DISPOSED: 'default',
};

export function OldPartStatusTag({ status }: { status: OldPartStatus }) {
  const { locale } = useLocale();
  return (
    <Tag color={COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {label(OLD_PART_STATUS, status, locale)}
    </Tag>
  );
}
