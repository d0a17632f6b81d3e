// One ticket: its facts, the next steps the viewer may take, and its whole
// story. It follows changes made elsewhere (ticketUpdated) without a reload.
// A ticket the viewer may not see is "not found", with nothing of it shown.
import { Button, Card, Col, Flex, Result, Row, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { useT } from '../../../app/i18n';
import { PageLoading } from '../../../app/PageLoading';
import { hasCode } from '../../../components/errors';
import { TicketStatusTag } from '../../../components/TicketStatusTag';
import { RepairCausesDocument, TicketPageDocument, TicketUpdatedDocument } from '../../../gql/graphql';
import { ticketMessages } from './messages';
import { QuoteCard } from './QuoteCard';
import { TicketActions } from './TicketActions';
import { SeverityTag, TicketFacts } from './TicketFacts';
import { TicketTimeline } from './TicketTimeline';

export default function TicketPage() {
  const { id = '' } = useParams();
  const t = useT(ticketMessages);
  const [{ data, error, fetching }, refetch] = useQuery({ query: TicketPageDocument, variables: { id } });
  const reload = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  // Someone else moved the ticket on (a step, a quote, the general manager's
  // approval): read it again (its steps, quote, story).
  const [{ data: live }] = useSubscription({ query: TicketUpdatedDocument, variables: { id } });
  useEffect(() => {
    if (live) reload();
  }, [live, reload]);

  // The catalogue names the causes repairs give as their reason (staff only:
  // anyone else sees the codes).
  const [{ data: causeData }] = useQuery({ query: RepairCausesDocument, variables: {} });
  const causes = useMemo(() => new Map(causeData?.faultCauses.map((c) => [c.code, c.name])), [causeData]);

  const ticket = data?.ticket;
  if (!ticket) {
    if (fetching && !error) return <PageLoading />;
    // An id that names no ticket (or not a ticket at all) is simply not found.
    if (error && !hasCode(error, 'NOT_FOUND') && !hasCode(error, 'VALIDATION')) {
      return (
        <Result
          status="error"
          title={t('loadFailed')}
          extra={<Button onClick={reload}>{t('retry')}</Button>}
        />
      );
    }
    return (
      <Result
        status="404"
        title={<span data-testid="ticket-not-found">{t('notFound')}</span>}
        extra={
          <Link to="/tickets">
            <Button type="primary">{t('backToList')}</Button>
          </Link>
        }
      />
    );
  }

  const title = (
    <Flex gap={8} wrap align="center">
      <Typography.Title level={4} style={{ margin: 0 }} data-testid="ticket-number">
        {ticket.number}
      </Typography.Title>
      <span data-testid="ticket-status">
        <TicketStatusTag status={ticket.status} />
      </span>
      <SeverityTag severity={ticket.severity} />
      {ticket.repeatRepair && <Tag color="red">{t('repeatRepair')}</Tag>}
    </Flex>
  );

  return (
    <Row gutter={[16, 16]} className="ticket-page">
      <Col xs={24} lg={14}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title={title} styles={{ header: { paddingBlock: 12 } }}>
            <TicketActions ticket={ticket} onReload={reload} />
          </Card>
          <Card title={t('facts')} size="small">
            <TicketFacts ticket={ticket} />
          </Card>
          {ticket.quote && (
            <Card title={t('quote')} size="small">
              <QuoteCard quote={ticket.quote} />
            </Card>
          )}
        </Space>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('timeline')} size="small">
          <TicketTimeline events={ticket.events} causes={causes} />
        </Card>
      </Col>
    </Row>
  );
}
