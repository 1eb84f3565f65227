// /rules — the rule set in force and its drafts, and per rule what it raised in the region and
// how the analysts closed those cases (the dispositions the rules are tuned by).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, formatNumber, formatPercent } from '../../i18n';
import { ErrorMessage, Loading } from '../../ui/ErrorMessage';
import { PageTitle } from '../../ui/PageTitle';
import {
  OUTCOMES,
  useRuleCatalogue,
  useRuleStats,
  type RuleCatalogue,
  type RuleSetVersion,
  type RuleStats,
} from './escalations.api';
import { useEscalationLabels } from './labels';
import { RuleParams } from './RuleParams';
import './escalations.css';

export function RulesPage() {
  const { t } = useTranslation('escalations');
  return (
    <section>
      <PageTitle title={t('rules.title')}>{t('rules.title')}</PageTitle>
      <p>
        <Link to="/rules/backtest">{t('rules.toBacktest')}</Link>
      </p>
      <RuleSets />
      <Statistics />
    </section>
  );
}

function RuleSets() {
  const { t } = useTranslation('escalations');
  const catalogue = useRuleCatalogue();
  if (catalogue.isPending) return <Loading />;
  if (catalogue.isError) return <ErrorMessage error={catalogue.error} />;
  const live = catalogue.data.versions.find((v) => v.version === catalogue.data.live);
  const others = catalogue.data.versions.filter((v) => v.version !== catalogue.data.live).reverse();
  return (
    <>
      <section aria-labelledby="rules-live">
        <h2 id="rules-live">{t('rules.live', { version: catalogue.data.live })}</h2>
        {live ? <VersionMeta version={live} /> : null}
        {live ? <RuleTable version={live} catalogue={catalogue.data} /> : null}
      </section>
      <section aria-labelledby="rules-versions">
        <h2 id="rules-versions">{t('rules.versions')}</h2>
        {others.length === 0 ? (
          <p>{t('rules.noDrafts')}</p>
        ) : (
          others.map((version) => (
            <section
              key={version.version}
              aria-labelledby={`rules-version-${version.version}`}
              className="rules-version"
            >
              <h3 id={`rules-version-${version.version}`}>
                {t('rules.version', {
                  version: version.version,
                  status: t(`versionStatus.${version.status}`),
                })}
              </h3>
              <VersionMeta version={version} />
              <RuleTable version={version} catalogue={catalogue.data} />
            </section>
          ))
        )}
      </section>
    </>
  );
}

function VersionMeta({ version }: { version: RuleSetVersion }) {
  const { t } = useTranslation('escalations');
  return (
    <dl className="facts">
      <dt>{t('rules.status')}</dt>
      <dd>{t(`versionStatus.${version.status}`)}</dd>
      <dt>{t('rules.drafted')}</dt>
      <dd>
        {version.draftedBy
          ? t('case.whenBy', { when: formatDateTime(version.draftedAt), by: version.draftedBy })
          : t('rules.builtIn')}
      </dd>
      {version.publishedBy ? (
        <>
          <dt>{t('rules.published')}</dt>
          <dd>
            {t('case.whenBy', {
              when: formatDateTime(version.publishedAt),
              by: version.publishedBy,
            })}
          </dd>
        </>
      ) : null}
      {version.note ? (
        <>
          <dt>{t('rules.note')}</dt>
          <dd>{version.note}</dd>
        </>
      ) : null}
    </dl>
  );
}

function RuleTable({ version, catalogue }: { version: RuleSetVersion; catalogue: RuleCatalogue }) {
  const { t } = useTranslation('escalations');
  const labels = useEscalationLabels();
  return (
    <div className="escalations-table-wrap">
      <table>
        <caption className="visually-hidden">
          {t('rules.rulesOf', { version: version.version })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('rules.rule')}</th>
            <th scope="col">{t('rules.watchesFor')}</th>
            <th scope="col">{t('rules.params')}</th>
          </tr>
        </thead>
        <tbody>
          {version.rules.map((rule) => {
            const apiLabel = catalogue.labels[rule.id];
            const description = labels.ruleDescription(rule.id) || apiLabel?.description || '';
            return (
              <tr key={rule.id}>
                <th scope="row">{labels.rule(rule.id)}</th>
                <td>{description}</td>
                <td>
                  <RuleParams params={rule.params} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

type SortKey = 'rule' | 'raised' | 'open' | (typeof OUTCOMES)[number] | 'precision';

function Statistics() {
  const { t } = useTranslation('escalations');
  const labels = useEscalationLabels();
  const stats = useRuleStats();
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'raised',
    descending: true,
  });

  const valueOf = (row: RuleStats, key: SortKey): number | string => {
    switch (key) {
      case 'rule':
        return labels.rule(row.ruleId);
      case 'raised':
        return row.raised;
      case 'open':
        return row.open;
      case 'precision':
        return row.precision ?? -1;
      case 'RISK_CONFIRMED':
      case 'VALUABLE':
      case 'FALSE_POSITIVE':
      case 'MERGED':
        return row.outcomes[key] ?? 0;
    }
  };
  const rows = [...(stats.data?.rules ?? [])].sort((a, b) => {
    const x = valueOf(a, sort.key);
    const y = valueOf(b, sort.key);
    const order =
      typeof x === 'string' && typeof y === 'string'
        ? x.localeCompare(y)
        : (x as number) - (y as number);
    return sort.descending ? -order : order;
  });

  const header = (key: SortKey, label: string, numeric = true) => {
    const active = sort.key === key;
    return (
      <th
        key={key}
        scope="col"
        className={numeric ? 'number' : undefined}
        aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}
      >
        <button
          type="button"
          className="sort"
          onClick={() => setSort({ key, descending: active ? !sort.descending : key !== 'rule' })}
        >
          {label}
          <span aria-hidden="true" className="sort__mark">
            {active ? (sort.descending ? ' ▼' : ' ▲') : ' ↕'}
          </span>
        </button>
      </th>
    );
  };

  return (
    <section aria-labelledby="rules-stats">
      <h2 id="rules-stats">{t('stats.title')}</h2>
      <p>{t('stats.intro')}</p>
      <ErrorMessage error={stats.error} />
      {stats.isPending ? <Loading /> : null}
      {stats.isSuccess && rows.length === 0 ? <p>{t('stats.empty')}</p> : null}
      {stats.isSuccess && rows.length > 0 ? (
        <div className="escalations-table-wrap">
          <table>
            <caption>{t('stats.caption')}</caption>
            <thead>
              <tr>
                {header('rule', t('rules.rule'), false)}
                {header('raised', t('stats.raised'))}
                {header('open', t('stats.open'))}
                {OUTCOMES.map((outcome) => header(outcome, labels.outcome(outcome)))}
                {header('precision', t('stats.precision'))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.ruleId}>
                  <th scope="row">
                    <Link to={`/escalations?ruleId=${encodeURIComponent(row.ruleId)}`}>
                      {labels.rule(row.ruleId)}
                    </Link>
                  </th>
                  <td className="number">{formatNumber(row.raised)}</td>
                  <td className="number">{formatNumber(row.open)}</td>
                  {OUTCOMES.map((outcome) => (
                    <td key={outcome} className="number">
                      {formatNumber(row.outcomes[outcome] ?? 0)}
                    </td>
                  ))}
                  <td className="number">
                    {row.precision === null ? (
                      <>
                        <span aria-hidden="true">—</span>
                        <span className="visually-hidden">{t('stats.noPrecision')}</span>
                      </>
                    ) : (
                      formatPercent(row.precision)
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="field__hint">{t('stats.precisionHint')}</p>
        </div>
      ) : null}
    </section>
  );
}
