// The old-part return board (旧件返司看板): the late ones first with their
// delay days, then the rest, over one filter kept in the URL, with the
// totals of that filter. An engineer sees only their own.
import { Button, Card, Flex, Grid } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useT } from '../../../app/i18n';
import { getSession, hasAnyRole } from '../../../app/session';
import { useSignedInAgain } from '../../../components/useSignedInAgain';
import {
  OldPartBoardDealersDocument,
  OldPartBoardEngineersDocument,
  OldPartBoardTotalsDocument,
} from '../../../gql/graphql';
import { BoardFilters } from './BoardFilters';
import { BoardSection } from './BoardSection';
import { BoardTotals } from './BoardTotals';
import { boardMessages } from './messages';
import { activeFilters, parseView, sectionsOf, toFilter, viewToParams, withChange, type BoardView, type Cursor, type Section } from './view';

const STAFF = ['SERVICE_MANAGER', 'GENERAL_MANAGER', 'QUALITY', 'WAREHOUSE', 'FINANCE', 'AGENT'] as const;
const REPORT_READERS = ['SERVICE_MANAGER', 'WAREHOUSE', 'FINANCE', 'QUALITY', 'GENERAL_MANAGER', 'DEALER'] as const;

export default function OldPartBoardPage() {
  const t = useT(boardMessages);
  const phone = Grid.useBreakpoint().md === false;
  const user = getSession()?.user;
  const staff = hasAnyRole(user, STAFF);
  // An engineer without a desk role chases only their own parts.
  const ownOnly = !staff && !!user?.roles.includes('ENGINEER');
  const dealerUser = !staff && !!user?.roles.includes('DEALER');

  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseView(params), [params]);
  // A change builds on the one before even if the router has not rendered
  // it yet (a navigation is a transition), so two quick changes both count.
  const pending = useRef<URLSearchParams | null>(null);
  useEffect(() => {
    pending.current = null;
  }, [params]);
  const change = useCallback(
    (next: Partial<BoardView>) => {
      const updated = viewToParams(withChange(parseView(pending.current ?? params), next));
      pending.current = updated;
      setParams(updated);
    },
    [params, setParams],
  );
  const page = useCallback((section: Section, cursor: Cursor) => change({ [section]: cursor }), [change]);

  const filter = useMemo(() => toFilter(view, ownOnly), [view, ownOnly]);
  const [{ data: totals, error: totalsError }, totalsAgain] = useQuery({ query: OldPartBoardTotalsDocument, variables: { filter } });
  // The regions to pick from: every region with old parts the user may see.
  const [{ data: allRegions }] = useQuery({ query: OldPartBoardTotalsDocument, variables: { filter: { mine: ownOnly } } });
  const [{ data: engineerData }, engineersAgain] = useQuery({ query: OldPartBoardEngineersDocument, pause: !staff });
  const [{ data: dealerData }, dealersAgain] = useQuery({ query: OldPartBoardDealersDocument, pause: !staff });
  useSignedInAgain(() => {
    totalsAgain({ requestPolicy: 'network-only' });
    if (staff) {
      engineersAgain({ requestPolicy: 'network-only' });
      dealersAgain({ requestPolicy: 'network-only' });
    }
  });
  const regions = useMemo(
    () => (allRegions?.oldPartTotals ?? []).map((g) => g.key).filter(Boolean).sort((a, b) => a.localeCompare(b, 'zh')),
    [allRegions],
  );
  const [filtersOpen, setFiltersOpen] = useState(false);

  return (
    <Card
      title={ownOnly ? t('titleMine') : t('title')}
      extra={
        hasAnyRole(user, REPORT_READERS) && (
          <Link to="/old-parts/report" data-testid="open-report">
            {t('report')}
          </Link>
        )
      }
      styles={{ body: { padding: phone ? 12 : undefined } }}
    >
      <Flex vertical gap={16}>
        {phone && (
          <Button data-testid="board-filters-toggle" onClick={() => setFiltersOpen((open) => !open)} block>
            {activeFilters(view) > 0 ? t('filtersActive', { count: activeFilters(view) }) : t('filters')}
          </Button>
        )}
        {(!phone || filtersOpen) && (
          <BoardFilters
            view={view}
            onChange={change}
            regions={regions}
            engineers={staff ? (engineerData?.engineers.nodes ?? []) : null}
            dealers={staff && !dealerUser ? (dealerData?.dealers.nodes ?? []) : null}
            phone={phone}
          />
        )}
        <BoardTotals groups={totals?.oldPartTotals} error={totalsError} phone={phone} />
        {sectionsOf(view).map((section) => (
          <BoardSection key={section} section={section} view={view} ownOnly={ownOnly} phone={phone} onPage={page} />
        ))}
      </Flex>
    </Card>
  );
}
