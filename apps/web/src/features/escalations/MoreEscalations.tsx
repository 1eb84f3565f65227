// "Meer escalaties laden": the next page of an escalation list (the analyst's inbox, the mayor's).
import { useTranslation } from 'react-i18next';

export interface PagedList {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

export function MoreEscalations({ list }: { list: PagedList }) {
  const { t } = useTranslation('escalations');
  if (!list.hasNextPage) return null;
  return (
    <button
      type="button"
      className="button button--secondary"
      onClick={() => void list.fetchNextPage()}
      disabled={list.isFetchingNextPage}
    >
      {list.isFetchingNextPage ? t('common:loading') : t('inbox.more')}
    </button>
  );
}
