// /signals: the coordinator's own signals, newest occurrence first, filtered by category, status
// and the dates they happened, a page at a time. The filters live in the URL, so that the back
// button and a shared link show the same list.
import {
  CATEGORIES,
  SIGNAL_STATUSES,
  type Category,
  type SignalStatus,
} from '@weerbaar/vocabulary';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime, formatNumber } from '../../i18n';
import { ErrorMessage, Loading } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { PageTitle } from '../../ui/PageTitle';
import { useSignalList, type ListSignalsQuery } from './api';
import { startOfAmsterdamDay, startOfNextAmsterdamDay } from './datetime';
import { classificationLabel } from './labels';
import './coordinator.css';

interface Filters {
  category: Category | '';
  status: SignalStatus | '';
  from: string;
  to: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function filtersOf(params: URLSearchParams): Filters {
  const pick = <T extends string>(values: readonly T[], value: string | null): T | '' =>
    value !== null && (values as readonly string[]).includes(value) ? (value as T) : '';
  const date = (value: string | null) => (value !== null && DATE.test(value) ? value : '');
  return {
    category: pick(CATEGORIES, params.get('category')),
    status: pick(SIGNAL_STATUSES, params.get('status')),
    from: date(params.get('from')),
    to: date(params.get('to')),
  };
}

/** The API's query: dates are whole days in Amsterdam, `to` up to and including its day. */
export function toListQuery(filters: Filters): ListSignalsQuery {
  const query: ListSignalsQuery = {};
  if (filters.category) query.category = filters.category;
  if (filters.status) query.status = filters.status;
  const from = filters.from ? startOfAmsterdamDay(filters.from) : undefined;
  const to = filters.to ? startOfNextAmsterdamDay(filters.to) : undefined;
  if (from) query.from = from;
  if (to) query.to = to;
  return query;
}

export function SignalListPage() {
  const { t } = useTranslation('coordinator');
  const [params, setParams] = useSearchParams();
  const applied = filtersOf(params);
  const [draft, setDraft] = useState<Filters>(applied);
  const [rangeError, setRangeError] = useState(false);
  const list = useSignalList(toListQuery(applied));
  const tableRef = useRef<HTMLTableElement>(null);
  const focusRow = useRef<number | null>(null);

  // The back button changes the URL: the form follows.
  const key = params.toString();
  useEffect(() => {
    setDraft(filtersOf(new URLSearchParams(key)));
  }, [key]);

  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Object.values(applied).some((value) => value !== '');

  // After "more": focus the first new row's link, where reading goes on.
  useEffect(() => {
    if (focusRow.current === null || focusRow.current >= items.length) return;
    tableRef.current?.querySelectorAll<HTMLAnchorElement>('tbody a')[focusRow.current]?.focus();
    focusRow.current = null;
  }, [items.length]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) {
      setRangeError(true);
      return;
    }
    setRangeError(false);
    const next = new URLSearchParams();
    for (const [name, value] of Object.entries(draft)) if (value) next.set(name, value as string);
    setParams(next);
  };

  const more = () => {
    focusRow.current = items.length;
    void list.fetchNextPage();
  };

  const title = t('list.title');
  return (
    <section>
      <PageTitle title={title}>{title}</PageTitle>
      <p>
        <Link to="/signals/new" className="button">
          {t('list.new')}
        </Link>
      </p>
      <form className="filters" onSubmit={apply} aria-label={t('list.filters')} noValidate>
        <Field label={t('fields.category')}>
          <select
            value={draft.category}
            onChange={(event) =>
              setDraft({ ...draft, category: event.target.value as Filters['category'] })
            }
          >
            <option value="">{t('list.allCategories')}</option>
            {CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {t(`common:categories.${category}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('fields.status')}>
          <select
            value={draft.status}
            onChange={(event) =>
              setDraft({ ...draft, status: event.target.value as Filters['status'] })
            }
          >
            <option value="">{t('list.allStatuses')}</option>
            {SIGNAL_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`common:vocabulary.statuses.${status}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('list.from')} error={rangeError ? t('list.rangeError') : undefined}>
          <input
            type="date"
            value={draft.from}
            onChange={(event) => setDraft({ ...draft, from: event.target.value })}
          />
        </Field>
        <Field label={t('list.to')}>
          <input
            type="date"
            value={draft.to}
            onChange={(event) => setDraft({ ...draft, to: event.target.value })}
          />
        </Field>
        <div className="filters__actions">
          <button type="submit" className="button">
            {t('list.apply')}
          </button>
          {filtered ? (
            <Link to="/signals" className="button button--secondary">
              {t('list.clear')}
            </Link>
          ) : null}
        </div>
      </form>

      {list.isPending ? <Loading /> : null}
      <ErrorMessage error={list.error} />
      <p role="status" className="list-count">
        {list.isSuccess
          ? items.length === 0
            ? ''
            : t(list.hasNextPage ? 'list.countMore' : 'list.count', {
                count: items.length,
                formatted: formatNumber(items.length, 0),
              })
          : ''}
      </p>
      {list.isSuccess && items.length === 0 ? (
        <div className="empty">
          <p>{filtered ? t('list.emptyFiltered') : t('list.empty')}</p>
          {!filtered ? (
            <p>
              <Link to="/signals/new">{t('list.new')}</Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {items.length > 0 ? (
        <div className="table-scroll">
          <table ref={tableRef} className="signal-list">
            <caption>{t('list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" aria-sort="descending">
                  {t('list.occurredAt')}
                </th>
                <th scope="col">{t('fields.category')}</th>
                <th scope="col">{t('fields.severity')}</th>
                <th scope="col">{t('fields.status')}</th>
                <th scope="col">{t('fields.classification')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('list.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((signal) => {
                const when = formatDateTime(signal.occurredAt);
                const category = t(`common:categories.${signal.category}`);
                return (
                  <tr key={signal.signalId}>
                    <th scope="row">{when}</th>
                    <td>
                      {category}
                      <br />
                      <span className="muted">
                        {t(`common:vocabulary.subcategories.${signal.subcategory}`)}
                      </span>
                    </td>
                    <td>{t('common:vocabulary.severity', { value: signal.severity })}</td>
                    <td>
                      <span className={`status status--${signal.status.toLowerCase()}`}>
                        {t(`common:vocabulary.statuses.${signal.status}`)}
                      </span>
                    </td>
                    <td>{classificationLabel(t, signal.classification)}</td>
                    <td>
                      <Link to={`/signals/${signal.signalId}`}>
                        {t('list.view')}
                        <span className="visually-hidden">
                          {' '}
                          {t('list.viewWhich', { category, when })}
                        </span>
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.hasNextPage ? (
        <p>
          <button
            type="button"
            className="button button--secondary"
            onClick={more}
            disabled={list.isFetchingNextPage}
          >
            {list.isFetchingNextPage ? t('list.loadingMore') : t('list.more')}
          </button>
        </p>
      ) : null}
    </section>
  );
}
