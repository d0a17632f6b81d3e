// One section of the board (the late ones, or the rest): its own query and
// its own cursors, so paging one leaves the other where it is.
import { Alert, Button, Flex, Typography } from 'antd';
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { useLocale, useT } from '../../../app/i18n';
import { problemsOf, sentence } from '../../../components/errors';
import { useSignedInAgain } from '../../../components/useSignedInAgain';
import { OldPartBoardDocument } from '../../../gql/graphql';
import { BoardCards } from './BoardCards';
import { BoardTable } from './BoardTable';
import { boardMessages } from './messages';
import { pagingOf, sectionVariables, type BoardView, type Cursor, type Section } from './view';

interface Props {
  section: Section;
  view: BoardView;
  ownOnly: boolean;
  phone: boolean;
  onPage: (section: Section, cursor: Cursor) => void;
}

export function BoardSection({ section, view, ownOnly, phone, onPage }: Props) {
  const t = useT(boardMessages);
  const { locale } = useLocale();
  const variables = useMemo(() => sectionVariables(view, section, ownOnly), [view, section, ownOnly]);
  const [{ data, fetching, error }, refetch] = useQuery({ query: OldPartBoardDocument, variables });
  useSignedInAgain(() => refetch({ requestPolicy: 'network-only' }));
  const rows = data?.oldParts.nodes ?? [];
  const info = data?.oldParts.pageInfo;
  const paging = pagingOf(view[section], info);
  const empty = section === 'late' ? t('emptyLate') : t('empty');

  return (
    <Flex vertical gap={8} data-testid={`section-${section}`}>
      <Flex justify="space-between" align="baseline" gap={8} wrap>
        <Typography.Title level={5} style={{ margin: 0 }} type={section === 'late' ? 'danger' : undefined}>
          {section === 'late' ? t('late') : t('rest')}
        </Typography.Title>
        {data && (
          <Typography.Text type="secondary" data-testid={`section-${section}-count`}>
            {t('count', { count: data.oldParts.totalCount })}
          </Typography.Text>
        )}
      </Flex>
      {error && (
        <Alert
          type="error"
          showIcon
          title={t('loadFailed') + problemsOf(error).map((p) => sentence(p, locale)).join(' ')}
          action={<Button onClick={() => refetch({ requestPolicy: 'network-only' })}>{t('retry')}</Button>}
        />
      )}
      {phone ? (
        <BoardCards rows={rows} loading={fetching} empty={empty} />
      ) : (
        <BoardTable rows={rows} loading={fetching && !data} empty={empty} />
      )}
      {(paging.prev || paging.next) && (
        <Flex justify="flex-end" gap={8}>
          <Button
            data-testid={`${section}-prev`}
            disabled={!paging.prev}
            onClick={() => onPage(section, { before: info?.startCursor ?? null, after: null })}
          >
            {t('prev')}
          </Button>
          <Button
            data-testid={`${section}-next`}
            disabled={!paging.next}
            onClick={() => onPage(section, { after: info?.endCursor ?? null, before: null })}
          >
            {t('next')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}
