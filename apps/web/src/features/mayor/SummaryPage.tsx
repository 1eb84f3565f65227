// /summary — the burgemeester's summary of the own municipality: what the e-mail says, always
// current. Risk level and trend, signals per category, the aangifte rate, the escalations in
// plain words and whom to call at the RIEC; as a PDF on request. Never a signal's text.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CATEGORIES } from '@weerbaar/vocabulary';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/session';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../../i18n';
import { ErrorMessage, Loading } from '../../ui/ErrorMessage';
import { LevelBadge } from '../../ui/LevelBadge';
import { PageTitle } from '../../ui/PageTitle';
import { todayInAmsterdam } from '../escalations/dates';
import { useEscalationLabels } from '../escalations/labels';
import './mayor.css';

type Summary = components['schemas']['MayorSummaryResponse'];
type SummaryEscalation = components['schemas']['SummaryEscalationDto'];
type CategoryCounts = components['schemas']['SummaryCategoryCountsDto'];

export const summaryKey = (code: string) => ['summary', code] as const;

export function SummaryPage() {
  const { t } = useTranslation('mayor');
  const session = useSession();
  const code = session?.municipality ?? '';
  const summary = useQuery({
    queryKey: summaryKey(code),
    queryFn: () =>
      unwrap(api.GET('/api/v1/municipalities/{code}/summary', { params: { path: { code } } })),
    enabled: code !== '',
  });
  const title = summary.data
    ? t('title', { municipality: summary.data.municipality.name })
    : t('fallbackTitle');
  return (
    <section className="summary">
      <PageTitle title={title}>{title}</PageTitle>
      <ErrorMessage error={summary.error} />
      {summary.isPending ? <Loading /> : null}
      {summary.data ? <SummaryBody summary={summary.data} /> : null}
    </section>
  );
}

function SummaryBody({ summary }: { summary: Summary }) {
  const { t } = useTranslation('mayor');
  const { risk } = summary;
  const open = summary.escalations.filter((e) => e.status !== 'CLOSED');
  const closed = summary.escalations.filter((e) => e.status === 'CLOSED');
  return (
    <>
      <p>{t('asOf', { when: formatDateTime(summary.generatedAt) })}</p>
      <PdfDownload code={summary.municipality.code} />

      <section aria-labelledby="summary-risk">
        <h2 id="summary-risk">{t('risk.title')}</h2>
        <div className="cards">
          <div className="card">
            <p className="card__label">{t('risk.level')}</p>
            <p className="card__value">
              <LevelBadge level={risk.level} />
            </p>
          </div>
          <div className="card">
            <p className="card__label">{t('risk.trend')}</p>
            <p className="card__value">
              <TrendMark trend={risk.trend} /> {t(`common:trend.${risk.trend}`)}
            </p>
            <p className="summary-card__note">
              {t('risk.previous', {
                days: risk.trendDays,
                level: t(`common:levels.${risk.previousLevel}`),
              })}
            </p>
          </div>
          <div className="card">
            <p className="card__label">{t('risk.aangifte')}</p>
            <p className="card__value">
              {risk.aangifte.rate === null ? '—' : formatPercent(risk.aangifte.rate)}
            </p>
            <p className="summary-card__note">
              {risk.aangifte.eligible === 0
                ? t('risk.aangifteNone')
                : t('risk.aangifteOf', {
                    count: risk.aangifte.eligible,
                    filed: formatNumber(risk.aangifte.filed),
                    eligible: formatNumber(risk.aangifte.eligible),
                  })}
            </p>
          </div>
          <div className="card">
            <p className="card__label">{t('risk.lastSignal')}</p>
            <p className="card__value summary-card__date">
              {risk.lastSignalAt ? formatDate(risk.lastSignalAt) : t('risk.noSignal')}
            </p>
          </div>
        </div>
        <CountsTable counts={risk.counts} />
      </section>

      <section aria-labelledby="summary-escalations">
        <h2 id="summary-escalations">{t('escalations.title')}</h2>
        <p>{t('escalations.intro')}</p>
        <h3>{t('escalations.open')}</h3>
        <EscalationLines lines={open} empty={t('escalations.noneOpen')} />
        <h3>{t('escalations.closed')}</h3>
        <EscalationLines lines={closed} empty={t('escalations.noneClosed')} />
        <p>
          <Link to="/escalations">{t('escalations.all')}</Link>
        </p>
      </section>

      <section aria-labelledby="summary-riec">
        <h2 id="summary-riec">{t('riec.title', { riec: summary.riec.name })}</h2>
        {summary.riec.contacts.length === 0 ? (
          <p>{t('riec.none', { riec: summary.riec.name })}</p>
        ) : (
          <ul className="summary-contacts">
            {summary.riec.contacts.map((contact) => (
              <li key={contact.email}>
                <strong>{contact.name}</strong>
                <br />
                {t('riec.email')}: <a href={`mailto:${contact.email}`}>{contact.email}</a>
                {contact.phone ? (
                  <>
                    <br />
                    {t('riec.phone')}:{' '}
                    <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function TrendMark({ trend }: { trend: Summary['risk']['trend'] }) {
  const mark = trend === 'RISING' ? '↑' : trend === 'FALLING' ? '↓' : '→';
  return <span aria-hidden="true">{mark}</span>;
}

function CountsTable({ counts }: { counts: Summary['risk']['counts'] }) {
  const { t } = useTranslation('mayor');
  const windows = ['d30', 'd90', 'd365'] as const;
  return (
    <table className="summary-counts">
      <caption>{t('counts.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('counts.category')}</th>
          {windows.map((w) => (
            <th key={w} scope="col" className="number">
              {t(`counts.${w}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {CATEGORIES.map((category) => (
          <tr key={category}>
            <th scope="row">{t(`common:categories.${category}`)}</th>
            {windows.map((w) => (
              <td key={w} className="number">
                {formatNumber(counts[w][category])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function EscalationLines({ lines, empty }: { lines: SummaryEscalation[]; empty: string }) {
  const { t } = useTranslation('mayor');
  const labels = useEscalationLabels();
  if (lines.length === 0) return <p>{empty}</p>;
  return (
    <ul className="summary-escalations">
      {lines.map((line) => (
        <li key={line.escalationId}>
          <Link to={`/escalations/${line.escalationId}`}>{labels.rule(line.ruleId)}</Link>
          <br />
          {line.status === 'CLOSED'
            ? t('escalations.closedLine', {
                raised: formatDate(line.raisedAt),
                closed: formatDate(line.closedAt),
                outcome: line.outcome ? labels.outcome(line.outcome) : '—',
              })
            : t('escalations.openLine', {
                raised: formatDate(line.raisedAt),
                status: labels.status(line.status),
              })}
          <br />
          <SignalCounts counts={line.signalCounts} />
        </li>
      ))}
    </ul>
  );
}

function SignalCounts({ counts }: { counts: CategoryCounts }) {
  const { t } = useTranslation('mayor');
  const total = CATEGORIES.reduce((sum, c) => sum + counts[c], 0);
  if (total === 0) return <>{t('escalations.noCountedSignals')}</>;
  const breakdown = CATEGORIES.filter((c) => counts[c] > 0)
    .map((c) => `${t(`common:categories.${c}`)} ${formatNumber(counts[c])}`)
    .join(', ');
  return (
    <>{t('escalations.signals', { count: total, formatted: formatNumber(total), breakdown })}</>
  );
}

/** weerbaar-samenvatting-GM0363-2026-11-24.pdf */
export function pdfFilename(code: string, now: Date = new Date()): string {
  return `weerbaar-samenvatting-${code}-${todayInAmsterdam(now)}.pdf`;
}

/**
 * The PDF through the API client, so the token goes in the Authorization header and never into
 * a URL; saved from an object URL that lives only for the download.
 */
function PdfDownload({ code }: { code: string }) {
  const { t } = useTranslation('mayor');
  const download = useMutation({
    mutationFn: async () => {
      const blob = await unwrap(
        api.GET('/api/v1/municipalities/{code}/summary.pdf', {
          params: { path: { code } },
          parseAs: 'blob',
        }),
      );
      const filename = pdfFilename(code);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      // Some browsers read the object URL after click() returns: free it a little later.
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return filename;
    },
  });
  return (
    <div className="summary-pdf">
      <button
        type="button"
        className="button"
        disabled={download.isPending}
        onClick={() => download.mutate()}
      >
        {t('pdf.download')}
      </button>
      <p role="status" className="summary-pdf__status">
        {download.isPending ? t('pdf.pending') : null}
        {download.isSuccess ? t('pdf.done', { filename: download.data }) : null}
      </p>
      <ErrorMessage error={download.error} />
    </div>
  );
}
