// /rules/backtest — what a rule set would have escalated in the region over a period, and how
// that differs from what the live rule sets raised: only in the back-test, only live, in both.
// The API replays the log in memory and changes nothing.
import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError, unwrap } from '../../api/client';
import { useReference } from '../../app/reference';
import { formatDate, formatDateTime, formatNumber } from '../../i18n';
import { ErrorMessage, Loading } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { PageTitle } from '../../ui/PageTitle';
import { addDays, endOfDay, isDate, startOfDay, todayInAmsterdam } from './dates';
import {
  useRuleCatalogue,
  type BacktestReport,
  type BacktestRequest,
  type RuleCatalogue,
} from './escalations.api';
import { fieldError, FormProblem } from './FormProblem';
import { useEscalationLabels } from './labels';
import './escalations.css';

type Source = 'live' | 'version' | 'json';
type RulesOfRequest = Extract<NonNullable<BacktestRequest['ruleSet']>, { rules: unknown }>['rules'];

const RULE_SET_FIELD = /^ruleSet(\.rules|$)/;

export function BacktestPage() {
  const { t } = useTranslation('escalations');
  const catalogue = useRuleCatalogue();
  const mutation = useMutation({
    mutationFn: (body: BacktestRequest) => unwrap(api.POST('/api/v1/rules/backtest', { body })),
  });
  return (
    <section>
      <PageTitle title={t('backtest.title')}>{t('backtest.title')}</PageTitle>
      <p>{t('backtest.intro')}</p>
      {catalogue.isPending ? <Loading /> : null}
      <ErrorMessage error={catalogue.error} />
      {catalogue.isSuccess ? (
        <BacktestForm
          catalogue={catalogue.data}
          error={mutation.error}
          pending={mutation.isPending}
          onRun={(body) => mutation.mutate(body)}
        />
      ) : null}
      <div role="status" className="backtest-status">
        {mutation.isPending ? t('backtest.running') : null}
        {mutation.isSuccess
          ? t('backtest.summary', {
              backtest: formatNumber(mutation.data.comparison.backtest),
              live: formatNumber(mutation.data.comparison.live),
              inBoth: formatNumber(mutation.data.comparison.inBoth),
            })
          : null}
      </div>
      {mutation.isSuccess && !mutation.isPending ? <BacktestResult report={mutation.data} /> : null}
    </section>
  );
}

function BacktestForm({
  catalogue,
  error,
  pending,
  onRun,
}: {
  catalogue: RuleCatalogue;
  error: unknown;
  pending: boolean;
  onRun: (body: BacktestRequest) => void;
}) {
  const { t } = useTranslation('escalations');
  const id = useId();
  const today = todayInAmsterdam();
  const live = catalogue.versions.find((v) => v.version === catalogue.live);
  const [from, setFrom] = useState(addDays(today, -90));
  const [to, setTo] = useState(today);
  const [source, setSource] = useState<Source>('live');
  const [version, setVersion] = useState(String(catalogue.versions.at(-1)?.version ?? ''));
  const [json, setJson] = useState(JSON.stringify(live?.rules ?? [], null, 2));
  const [jsonError, setJsonError] = useState<string | undefined>();

  const apiRuleSetErrors =
    error instanceof ApiError
      ? (error.problem.errors ?? []).filter((e) => RULE_SET_FIELD.test(e.field))
      : [];
  const rulesError =
    jsonError ??
    (source === 'json' && apiRuleSetErrors.length > 0
      ? apiRuleSetErrors
          .map((e) => `${e.field.replace(/^ruleSet\.?/, '')}: ${e.message}`)
          .join('; ')
      : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setJsonError(undefined);
    // A day that is not a date goes as typed: the API says what is wrong with it.
    const body: BacktestRequest = {
      from: isDate(from) ? startOfDay(from) : from,
      to: isDate(to) ? endOfDay(to) : to,
    };
    if (source === 'version') body.ruleSet = { version: Number(version) };
    if (source === 'json') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(json);
      } catch (e) {
        setJsonError(t('backtest.jsonInvalid', { reason: e instanceof Error ? e.message : '' }));
        return;
      }
      // The rules as an array, or a rule set {rules: [...]} as GET /rules shows one.
      const rules =
        parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && 'rules' in parsed
          ? parsed.rules
          : parsed;
      if (!Array.isArray(rules)) {
        setJsonError(t('backtest.jsonNotArray'));
        return;
      }
      // The API validates each rule and its parameters and answers per field.
      body.ruleSet = { rules: rules as RulesOfRequest };
    }
    onRun(body);
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('backtest.form')} className="backtest-form">
      <FormProblem
        error={error}
        shown={(f) =>
          f === 'from' ||
          f === 'to' ||
          (source === 'version' && f === 'ruleSet.version') ||
          (source === 'json' && RULE_SET_FIELD.test(f))
        }
      />
      <fieldset>
        <legend>{t('backtest.period')}</legend>
        <div className="backtest-period">
          <Field label={t('backtest.from')} error={fieldError(error, 'from')} required>
            <input
              type="date"
              value={from}
              max={to || undefined}
              required
              onChange={(e) => setFrom(e.target.value)}
            />
          </Field>
          <Field
            label={t('backtest.to')}
            hint={t('backtest.toHint')}
            error={fieldError(error, 'to')}
            required
          >
            <input
              type="date"
              value={to}
              min={from || undefined}
              required
              onChange={(e) => setTo(e.target.value)}
            />
          </Field>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('backtest.ruleSet')}</legend>
        {(['live', 'version', 'json'] as const).map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name={`${id}-source`}
              value={value}
              checked={source === value}
              onChange={() => setSource(value)}
            />
            <span>
              {t(`backtest.source.${value}`)}
              <span className="choice__hint"> — {t(`backtest.sourceHint.${value}`)}</span>
            </span>
          </label>
        ))}
        {source === 'version' ? (
          <Field label={t('backtest.version')} error={fieldError(error, 'ruleSet.version')}>
            <select value={version} onChange={(e) => setVersion(e.target.value)}>
              {[...catalogue.versions].reverse().map((v) => (
                <option key={v.version} value={v.version}>
                  {t('rules.version', {
                    version: v.version,
                    status: t(`versionStatus.${v.status}`),
                  })}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        {source === 'json' ? (
          <Field label={t('backtest.json')} hint={t('backtest.jsonHint')} error={rulesError}>
            <textarea
              className="backtest-json"
              value={json}
              spellCheck={false}
              rows={14}
              onChange={(e) => {
                setJson(e.target.value);
                setJsonError(undefined);
              }}
            />
          </Field>
        ) : null}
      </fieldset>
      <button type="submit" className="button" disabled={pending}>
        {pending ? t('backtest.running') : t('backtest.submit')}
      </button>
    </form>
  );
}

function BacktestResult({ report }: { report: BacktestReport }) {
  const { t } = useTranslation('escalations');
  const labels = useEscalationLabels();
  const onlyInBacktest = new Set(report.comparison.onlyInBacktest);
  const backtestOnly = report.escalations.filter((e) => onlyInBacktest.has(e.escalationId));
  const inBoth = report.escalations.filter((e) => !onlyInBacktest.has(e.escalationId));
  const ruleSet = report.ruleSet.live
    ? t('backtest.ruleSetLive')
    : report.ruleSet.version !== null
      ? t('backtest.ruleSetVersion', { version: report.ruleSet.version })
      : t('backtest.ruleSetGiven');
  return (
    <section aria-labelledby="backtest-result" className="backtest-result">
      <h2 id="backtest-result">{t('backtest.result')}</h2>
      <p>
        {t('backtest.resultIntro', {
          ruleSet,
          from: formatDate(report.from),
          to: formatDate(report.to),
          events: formatNumber(report.eventsReplayed),
        })}
      </p>
      <div className="cards">
        <Card label={t('backtest.countBacktest')} value={report.comparison.backtest} />
        <Card label={t('backtest.countLive')} value={report.comparison.live} />
        <Card label={t('backtest.countBoth')} value={report.comparison.inBoth} />
      </div>
      {report.comparison.perRule.length > 0 ? (
        <div className="escalations-table-wrap">
          <table>
            <caption>{t('backtest.perRule')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rules.rule')}</th>
                <th scope="col" className="number">
                  {t('backtest.countBacktest')}
                </th>
                <th scope="col" className="number">
                  {t('backtest.countLive')}
                </th>
                <th scope="col" className="number">
                  {t('backtest.countBoth')}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.comparison.perRule.map((row) => (
                <tr key={row.ruleId}>
                  <th scope="row">{labels.rule(row.ruleId)}</th>
                  <td className="number">{formatNumber(row.backtest)}</td>
                  <td className="number">{formatNumber(row.live)}</td>
                  <td className="number">{formatNumber(row.inBoth)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <DifferenceTable
        id="backtest-only"
        title={t('backtest.onlyInBacktest')}
        hint={t('backtest.onlyInBacktestHint')}
        rows={backtestOnly.map((e) => ({ ...e, link: false }))}
        withExplanation
      />
      <DifferenceTable
        id="backtest-live"
        title={t('backtest.onlyInLive')}
        hint={t('backtest.onlyInLiveHint')}
        rows={report.comparison.onlyInLive.map((e) => ({ ...e, link: true }))}
      />
      <DifferenceTable
        id="backtest-both"
        title={t('backtest.inBoth')}
        hint={t('backtest.inBothHint')}
        rows={inBoth.map((e) => ({ ...e, link: true }))}
      />
    </section>
  );
}

function Card({ label, value }: { label: string; value: number }) {
  return (
    <div className="card">
      <p className="card__label">{label}</p>
      <p className="card__value">{formatNumber(value)}</p>
    </div>
  );
}

interface DifferenceRow {
  escalationId: string;
  ruleId: string;
  municipality: string;
  raisedAt: string;
  severity?: string;
  explanation?: string;
  /** Whether the escalation exists live (and so has a case page). */
  link: boolean;
}

function DifferenceTable({
  id,
  title,
  hint,
  rows,
  withExplanation = false,
}: {
  id: string;
  title: string;
  hint: string;
  rows: DifferenceRow[];
  withExplanation?: boolean;
}) {
  const { t } = useTranslation('escalations');
  const labels = useEscalationLabels();
  const reference = useReference();
  const sorted = [...rows].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt));
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>
        {title} ({formatNumber(rows.length)})
      </h3>
      <p className="field__hint">{hint}</p>
      {sorted.length === 0 ? (
        <p>{t('backtest.none')}</p>
      ) : (
        <div className="escalations-table-wrap">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col" aria-sort="descending">
                  {t('inbox.raisedAt')}
                </th>
                <th scope="col">{t('inbox.rule')}</th>
                <th scope="col">{t('inbox.municipality')}</th>
                {withExplanation ? (
                  <>
                    <th scope="col">{t('inbox.severity')}</th>
                    <th scope="col">{t('case.explanation')}</th>
                  </>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {sorted.map((row) => (
                <tr key={row.escalationId}>
                  <td>{formatDateTime(row.raisedAt)}</td>
                  <th scope="row">
                    {row.link ? (
                      <Link to={`/escalations/${row.escalationId}`}>{labels.rule(row.ruleId)}</Link>
                    ) : (
                      labels.rule(row.ruleId)
                    )}
                  </th>
                  <td>{reference.municipalityName(row.municipality)}</td>
                  {withExplanation ? (
                    <>
                      <td>{row.severity ? labels.severity(row.severity) : '—'}</td>
                      <td lang="nl">{row.explanation}</td>
                    </>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
