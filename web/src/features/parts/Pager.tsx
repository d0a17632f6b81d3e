// Forward paging over the API's cursors: the URL holds the cursor of the
// page shown; "previous" walks back the cursors this visit went through
// (a page opened from a link goes back to the first page; at the first
// page there is nothing before, so older steps never lead astray).
import { Button, Flex } from 'antd';
import { useRef } from 'react';
import { useT } from '../../app/i18n';
import { partsMessages } from './messages';

interface Props {
  after: string | null;
  hasNext: boolean;
  endCursor: string | null | undefined;
  onPage: (after: string | null) => void;
  testId: string;
}

export function Pager({ after, hasNext, endCursor, onPage, testId }: Props) {
  const t = useT(partsMessages);
  const trail = useRef<(string | null)[]>([]);

  const next = () => {
    if (!endCursor) return;
    trail.current = [...trail.current, after];
    onPage(endCursor);
  };
  const prev = () => {
    const previous = trail.current[trail.current.length - 1] ?? null;
    trail.current = trail.current.slice(0, -1);
    onPage(previous);
  };

  if (after === null && !hasNext) return null;
  return (
    <Flex justify="flex-end" gap={8}>
      <Button data-testid={`${testId}-prev`} disabled={after === null} onClick={prev}>
        {t('prev')}
      </Button>
      <Button data-testid={`${testId}-next`} disabled={!hasNext} onClick={next}>
        {t('next')}
      </Button>
    </Flex>
  );
}
