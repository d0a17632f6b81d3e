// The approvals inbox: what waits for the viewer's decision, each with the
// figures the decision needs, approved or refused with a note.
import { Flex, Typography } from 'antd';
import { useT } from '../../app/i18n';
import { getSession, hasAnyRole } from '../../app/session';
import { inboxMessages } from './messages';
import { PendingLots } from './PendingLots';
import { PendingQuotes } from './PendingQuotes';

export default function ApprovalsPage() {
  const t = useT(inboxMessages);
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('title')}
      </Typography.Title>
      {/* Only the general manager decides discounts beyond 10 %. */}
      {hasAnyRole(getSession()?.user, ['GENERAL_MANAGER']) && <PendingQuotes />}
      <PendingLots />
    </Flex>
  );
}
