// Quotes more than 10 % below standard, waiting for the general manager:
// the ticket, the customer, the standard and quoted totals and the
// discount, approved or refused with a note. A refused quote leaves the
// ticket quoted, for a new quote.
import { Alert, Button, Card, Descriptions, Empty, Flex, Grid, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useClient, useQuery } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { money, round } from '../../components/decimal';
import { problemsOf, sentence } from '../../components/errors';
import { useSignedInAgain } from '../../components/useSignedInAgain';
import {
  InboxApproveQuoteDocument,
  InboxRefuseQuoteDocument,
  PendingQuotesDocument,
  type PendingQuoteFragment,
} from '../../gql/graphql';
import { DecisionModal, type Decision } from './DecisionModal';
import { inboxMessages } from './messages';

const PAGE = 50;

function QuoteCard({ quote, onDecide }: { quote: PendingQuoteFragment; onDecide: (d: Decision) => void }) {
  const t = useT(inboxMessages);
  return (
    <Card
      size="small"
      data-testid="inbox-quote"
      data-ticket={quote.ticket.number}
      title={
        <Flex gap={8} wrap align="center">
          <Link to={`/tickets/${quote.ticket.id}`}>{quote.ticket.number}</Link>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {quote.ticket.customer?.name ?? '—'}
          </Typography.Text>
        </Flex>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 3 }}
        items={[
          { key: 'standard', label: t('standardTotal'), children: money(quote.standardTotal) },
          { key: 'total', label: t('quotedTotal'), children: <strong>{money(quote.total)}</strong> },
          {
            key: 'discount',
            label: t('discount'),
            children: (
              <Typography.Text type="danger" data-testid="inbox-quote-discount">
                {round(quote.discountPercent, 2)} %
              </Typography.Text>
            ),
          },
        ]}
      />
      <Flex gap={8} justify="flex-end" style={{ marginTop: 8 }}>
        <Button danger onClick={() => onDecide('refuse')} data-testid="inbox-quote-refuse">
          {t('refuse')}
        </Button>
        <Button type="primary" onClick={() => onDecide('approve')} data-testid="inbox-quote-approve">
          {t('approve')}
        </Button>
      </Flex>
    </Card>
  );
}

/** One page of waiting quotes; the last page offers the next. */
function QuotesPage({
  after,
  last,
  onMore,
  onDecide,
}: {
  after: string | null;
  last: boolean;
  onMore: (cursor: string) => void;
  onDecide: (quote: PendingQuoteFragment, decision: Decision) => void;
}) {
  const t = useT(inboxMessages);
  const { locale } = useLocale();
  const [{ data, fetching, error }, refetch] = useQuery({ query: PendingQuotesDocument, variables: { first: PAGE, after } });
  useSignedInAgain(() => refetch({ requestPolicy: 'network-only' }));
  const quotes = data?.quotesAwaitingApproval.nodes ?? [];
  const info = data?.quotesAwaitingApproval.pageInfo;
  return (
    <>
      {error && (
        <Alert
          type="error"
          showIcon
          title={t('loadFailed') + problemsOf(error).map((p) => sentence(p, locale)).join(' ')}
          action={<Button onClick={() => refetch({ requestPolicy: 'network-only' })}>{t('retry')}</Button>}
        />
      )}
      {fetching && !data && <Spin />}
      {quotes.map((quote) => (
        <QuoteCard key={quote.id} quote={quote} onDecide={(decision) => onDecide(quote, decision)} />
      ))}
      {last && after === null && data && quotes.length === 0 && <Empty description={t('noQuotes')} />}
      {last && info?.hasNextPage && info.endCursor && (
        <Button onClick={() => onMore(info.endCursor ?? '')} data-testid="inbox-quotes-more">
          {t('more')}
        </Button>
      )}
    </>
  );
}

export function PendingQuotes() {
  const t = useT(inboxMessages);
  const client = useClient();
  const phone = Grid.useBreakpoint().md === false;
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [deciding, setDeciding] = useState<{ quote: PendingQuoteFragment; decision: Decision } | null>(null);

  async function send(quote: PendingQuoteFragment, decision: Decision, note: string) {
    const result =
      decision === 'approve'
        ? await client.mutation(InboxApproveQuoteDocument, { quoteId: quote.id, note: note || null }).toPromise()
        : await client.mutation(InboxRefuseQuoteDocument, { input: { quoteId: quote.id, note } }).toPromise();
    return result.error;
  }

  // A decided quote leaves the list by itself: the quote a decision returns
  // makes every query that listed quotes fetch again.
  return (
    <Card title={t('quotes')} data-testid="inbox-quotes" styles={{ body: { padding: phone ? 8 : undefined } }}>
      <Flex vertical gap={12}>
        {cursors.map((after, i) => (
          <QuotesPage
            key={after ?? ''}
            after={after}
            last={i === cursors.length - 1}
            onMore={(cursor) => setCursors((all) => [...all, cursor])}
            onDecide={(quote, decision) => setDeciding({ quote, decision })}
          />
        ))}
      </Flex>
      {deciding && (
        <DecisionModal
          decision={deciding.decision}
          subject={deciding.quote.ticket.number}
          onClose={() => setDeciding(null)}
          onSend={(note) => send(deciding.quote, deciding.decision, note)}
          onReload={() => setCursors([null])}
        />
      )}
    </Card>
  );
}
