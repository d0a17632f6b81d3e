// The work list on a phone: a card per visit, the call link large enough to tap.
import { Card, Empty, Flex, Spin, Typography } from 'antd';
import { memo } from 'react';
import { Link } from 'react-router';
import { useT } from '../../app/i18n';
import type { WorkVisitFragment } from '../../gql/graphql';
import { visitMessages } from './messages';
import { RecordButton, VisitContact, VisitDeadline, VisitOutcome } from './VisitCells';
import { standing } from './visit';
import './visits.css';

interface CardProps {
  visit: WorkVisitFragment;
  now: number;
  onRecord: (visit: WorkVisitFragment) => void;
}

const VisitCard = memo(function VisitCard({ visit, now, onRecord }: CardProps) {
  const t = useT(visitMessages);
  return (
    <Card
      size="small"
      data-testid="visit-row"
      data-ticket={visit.ticket?.number ?? ''}
      data-standing={standing(visit, now)}
      style={{ width: '100%' }}
    >
      <Flex justify="space-between" align="center" gap={8} wrap>
        {visit.ticket ? (
          <Link to={`/tickets/${visit.ticket.id}`} style={{ fontWeight: 600 }}>
            {visit.ticket.number}
          </Link>
        ) : (
          <Typography.Text strong>{t(`kind_${visit.kind}`)}</Typography.Text>
        )}
        <VisitDeadline visit={visit} now={now} />
      </Flex>
      <div style={{ marginTop: 4 }}>{visit.customer?.name}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t(`kind_${visit.kind}`)}
      </Typography.Text>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 8 }}>
        <span className="visits-call">
          <VisitContact visit={visit} />
        </span>
        <VisitOutcome visit={visit} />
        <RecordButton visit={visit} onRecord={onRecord} />
      </Flex>
    </Card>
  );
});

interface Props {
  rows: WorkVisitFragment[];
  now: number;
  loading: boolean;
  onRecord: (visit: WorkVisitFragment) => void;
}

export function VisitCards({ rows, now, loading, onRecord }: Props) {
  const t = useT(visitMessages);
  if (rows.length === 0) return loading ? <Spin style={{ display: 'block', margin: 24 }} /> : <Empty description={t('empty')} />;
  return (
    <Flex vertical gap={8}>
      {rows.map((visit) => (
        <VisitCard key={visit.id} visit={visit} now={now} onRecord={onRecord} />
      ))}
    </Flex>
  );
}
