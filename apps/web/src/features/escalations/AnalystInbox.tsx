// The analyst's inbox: the region's escalations, newest first, filtered by what the URL says
// (`/escalations?municipality=GM0363&status=OPEN`), so other screens can link to a filtered inbox.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useReference } from '../../app/reference';
import { useSession } from '../../auth/session';
import { formatDateTime, formatNumber } from '../../i18n';
import { ErrorMessage, Loading } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { PageTitle } from '../../ui/PageTitle';
import {
  ESCALATION_STATUSES,
  FILTER_KEYS,
  RULE_IDS,
  useEscalationList,
  type EscalationView,
  type InboxFilters,
} from './escalations.api';
import { FormProblem } from './FormProblem';
import { useEscalationLabels } from './labels';
import { MoreEscalations } from './MoreEscalations';
import './escalations.css';

function filtersOf(params: URLSearchParams): InboxFilters {
  const filters: InboxFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

export function AnalystInbox() {
  const { t } = useTranslation('escalations');
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const list = useEscalationList(filters);
  const key = FILTER_KEYS.map((k) => filters[k] ?? '').join('|');

  const apply = (next: InboxFilters) => {
    const search = new URLSearchParams();
    for (const k of FILTER_KEYS) if (next[k]) search.set(k, next[k]);
    setParams(search);
  };

  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  // A filter the API refuses (a malformed code in a link) is shown at its field.
  const filterError =
    list.error instanceof ApiError && list.error.status === 400 ? list.error : null;

  return (
    <section>
      <PageTitle title={t('inbox.title')}>{t('inbox.title')}</PageTitle>
      <FilterForm key={key} initial={filters} error={filterError} onApply={apply} />
      {filterError ? (
        <FormProblem
          error={filterError}
          shown={(f) => (FILTER_KEYS as readonly string[]).includes(f)}
        />
      ) : (
        <ErrorMessage error={list.error} />
      )}
      {list.isPending ? <Loading /> : null}
      {list.isSuccess ? (
        <>
          <p role="status" className="escalations-count">
            {list.isPlaceholderData
              ? t('common:loading')
              : t('inbox.count', { count: items.length, formatted: formatNumber(items.length) })}
          </p>
          {items.length === 0 ? (
            <p>{Object.keys(filters).length > 0 ? t('inbox.emptyFiltered') : t('inbox.empty')}</p>
          ) : (
            <InboxTable items={items} />
          )}
          <MoreEscalations list={list} />
        </>
      ) : null}
    </section>
  );
}

function FilterForm({
  initial,
  error,
  onApply,
}: {
  initial: InboxFilters;
  error: ApiError | null;
  onApply: (filters: InboxFilters) => void;
}) {
  const { t } = useTranslation('escalations');
  const session = useSession();
  const reference = useReference();
  const labels = useEscalationLabels();
  const [form, setForm] = useState<InboxFilters>(initial);
  const set = (k: keyof InboxFilters) => (value: string) => setForm((f) => ({ ...f, [k]: value }));

  const municipalities = (reference.data?.municipalities ?? [])
    .filter((m) => m.riecRegion === session?.riecRegion)
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  // A code from a link that is not (yet) in the list still shows as chosen.
  const unknownCode =
    form.municipality && !municipalities.some((m) => m.code === form.municipality)
      ? form.municipality
      : undefined;
  const unknownRule =
    form.ruleId && !(RULE_IDS as string[]).includes(form.ruleId) ? form.ruleId : undefined;
  const unknownStatus =
    form.status && !(ESCALATION_STATUSES as string[]).includes(form.status)
      ? form.status
      : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(form);
  };

  return (
    <form
      className="escalations-filters"
      onSubmit={submit}
      aria-label={t('inbox.filters')}
      noValidate
    >
      <Field label={t('inbox.status')} error={error?.fieldError('status')}>
        <select value={form.status ?? ''} onChange={(e) => set('status')(e.target.value)}>
          <option value="">{t('inbox.any')}</option>
          {ESCALATION_STATUSES.map((status) => (
            <option key={status} value={status}>
              {labels.status(status)}
            </option>
          ))}
          {unknownStatus ? <option value={unknownStatus}>{unknownStatus}</option> : null}
        </select>
      </Field>
      <Field label={t('inbox.municipality')} error={error?.fieldError('municipality')}>
        <select
          value={form.municipality ?? ''}
          onChange={(e) => set('municipality')(e.target.value)}
        >
          <option value="">{t('inbox.anyMunicipality')}</option>
          {municipalities.map((m) => (
            <option key={m.code} value={m.code}>
              {m.name}
            </option>
          ))}
          {unknownCode ? <option value={unknownCode}>{unknownCode}</option> : null}
        </select>
      </Field>
      <Field label={t('inbox.rule')} error={error?.fieldError('ruleId')}>
        <select value={form.ruleId ?? ''} onChange={(e) => set('ruleId')(e.target.value)}>
          <option value="">{t('inbox.any')}</option>
          {RULE_IDS.map((ruleId) => (
            <option key={ruleId} value={ruleId}>
              {labels.rule(ruleId)}
            </option>
          ))}
          {unknownRule ? <option value={unknownRule}>{unknownRule}</option> : null}
        </select>
      </Field>
      <Field
        label={t('inbox.assignee')}
        hint={t('inbox.assigneeHint')}
        error={error?.fieldError('assignee')}
      >
        <input
          type="text"
          value={form.assignee ?? ''}
          maxLength={200}
          autoComplete="off"
          onChange={(e) => set('assignee')(e.target.value)}
        />
      </Field>
      <div className="button-row escalations-filters__actions">
        <button type="submit" className="button">
          {t('inbox.apply')}
        </button>
        {session ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => onApply({ ...form, assignee: session.sub })}
          >
            {t('inbox.mine')}
          </button>
        ) : null}
        <button type="button" className="button button--secondary" onClick={() => onApply({})}>
          {t('inbox.clear')}
        </button>
      </div>
    </form>
  );
}

function InboxTable({ items }: { items: readonly EscalationView[] }) {
  const { t } = useTranslation('escalations');
  const labels = useEscalationLabels();
  const reference = useReference();
  return (
    <div className="escalations-table-wrap">
      <table>
        <caption>{t('inbox.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" aria-sort="descending">
              {t('inbox.raisedAt')}
            </th>
            <th scope="col">{t('inbox.rule')}</th>
            <th scope="col">{t('inbox.municipality')}</th>
            <th scope="col">{t('inbox.severity')}</th>
            <th scope="col">{t('inbox.status')}</th>
            <th scope="col">{t('inbox.assignee')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((escalation) => (
            <tr key={escalation.escalationId}>
              <td>{formatDateTime(escalation.raisedAt)}</td>
              <th scope="row">
                <Link to={`/escalations/${escalation.escalationId}`}>
                  {labels.rule(escalation.ruleId)}
                </Link>
              </th>
              <td>{reference.municipalityName(escalation.municipality)}</td>
              <td>{labels.severity(escalation.severity)}</td>
              <td>
                {labels.status(escalation.status)}
                {escalation.outcome ? ` · ${labels.outcome(escalation.outcome)}` : ''}
              </td>
              <td>
                {escalation.assignee ?? (
                  <span className="escalations-muted">{t('case.nobody')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
