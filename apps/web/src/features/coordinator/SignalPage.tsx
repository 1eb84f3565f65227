// /signals/:signalId: one signal with all its fields and its history (every revision: who, when,
// why and which fields). A signal outside the coordinator's scope is, as in the API, not found.
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { NotFoundPage } from '../../app/HomeRedirect';
import { useSession } from '../../auth/session';
import { formatDateTime } from '../../i18n';
import { ErrorMessage, Loading } from '../../ui/ErrorMessage';
import { PageTitle } from '../../ui/PageTitle';
import { isNotFound, isSignalId, useSignal, useSignalHistory, type SignalRevision } from './api';
import { StatusMessage } from './FormParts';
import { classificationHint, classificationLabel, fieldLabel } from './labels';
import type { Signal } from './signal-form';
import './coordinator.css';

export type SignalNotice = 'recorded' | 'amended' | 'retracted';

/** The page's title: what kind of signal, and when it happened. */
export function useSignalTitle(signal: Signal | undefined): string {
  const { t } = useTranslation('coordinator');
  if (!signal) return t('signal.title');
  return t('signal.titleOf', {
    category: t(`common:categories.${signal.category}`),
    subcategory: t(`common:vocabulary.subcategories.${signal.subcategory}`),
    date: formatDateTime(signal.occurredAt),
  });
}

export function SignalPage() {
  const { signalId } = useParams();
  const valid = isSignalId(signalId);
  const query = useSignal(signalId);
  if (!valid || isNotFound(query.error)) return <NotFoundPage />;
  return <SignalView signalId={signalId} query={query} />;
}

function SignalView({
  signalId,
  query,
}: {
  signalId: string;
  query: ReturnType<typeof useSignal>;
}) {
  const { t } = useTranslation('coordinator');
  const location = useLocation();
  const notice = (location.state as { notice?: SignalNotice } | null)?.notice;
  const signal = query.data?.data;
  const title = useSignalTitle(signal);

  return (
    <section className="signal-page">
      <p className="back-link">
        <Link to="/signals">{t('signal.back')}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      {notice ? <StatusMessage>{t(`signal.notice.${notice}`)}</StatusMessage> : null}
      {query.isPending ? <Loading /> : null}
      <ErrorMessage error={query.error} />
      {signal ? <SignalDetails signal={signal} /> : null}
      <SignalHistorySection signalId={signalId} />
    </section>
  );
}

function SignalDetails({ signal }: { signal: Signal }) {
  const { t } = useTranslation('coordinator');
  const none = t('show.none');
  const yes = t('show.yes');
  const no = t('show.no');
  return (
    <>
      {signal.status === 'RETRACTED' ? (
        <div className="alert retracted-notice">
          <p>
            <strong>{t('signal.retractedOn', { date: formatDateTime(signal.retractedAt) })}</strong>
          </p>
          {signal.retractionReason ? (
            <p>{t('signal.retractionReason', { reason: signal.retractionReason })}</p>
          ) : null}
        </div>
      ) : (
        <div className="button-row signal-actions">
          <Link to={`/signals/${signal.signalId}/edit`} className="button">
            {t('signal.amend')}
          </Link>
          <Link to={`/signals/${signal.signalId}/retract`} className="button button--secondary">
            {t('signal.retract')}
          </Link>
        </div>
      )}

      <h2>{t('signal.facts')}</h2>
      <dl className="facts">
        <dt>{t('fields.category')}</dt>
        <dd>{t(`common:categories.${signal.category}`)}</dd>
        <dt>{t('fields.subcategory')}</dt>
        <dd>{t(`common:vocabulary.subcategories.${signal.subcategory}`)}</dd>
        <dt>{t('fields.targetRole')}</dt>
        <dd>{t(`common:vocabulary.targetRoles.${signal.targetRole}`)}</dd>
        <dt>{t('fields.occurredAt')}</dt>
        <dd>{formatDateTime(signal.occurredAt)}</dd>
        <dt>{t('fields.severity')}</dt>
        <dd>
          {t('common:vocabulary.severity', { value: signal.severity })}{' '}
          <span className="muted">({t(`severity.${signal.severity}`)})</span>
        </dd>
        <dt>{t('fields.status')}</dt>
        <dd>{t(`common:vocabulary.statuses.${signal.status}`)}</dd>
        <dt>{t('fields.source')}</dt>
        <dd>{t(`common:vocabulary.sources.${signal.source}`)}</dd>
        <dt>{t('fields.classification')}</dt>
        <dd>
          {classificationLabel(t, signal.classification)}
          <span className="muted"> – {classificationHint(t, signal.classification)}</span>
        </dd>
        <dt>{t('fields.sourceReliability')}</dt>
        <dd>{t(`common:vocabulary.reliability.${signal.sourceReliability}`)}</dd>
        <dt>{t('fields.informationCredibility')}</dt>
        <dd>{t(`common:vocabulary.credibility.${signal.informationCredibility}`)}</dd>
        <dt>{t('fields.policeReportFiled')}</dt>
        <dd>
          {signal.policeReportFiled
            ? signal.policeReportReference
              ? t('show.reportWithReference', { reference: signal.policeReportReference })
              : yes
            : no}
        </dd>
        <dt>{t('fields.withholdFromMayor')}</dt>
        <dd>
          {signal.withholdFromMayor
            ? t('show.withheldBecause', { reason: signal.withholdReason ?? none })
            : no}
        </dd>
        <dt>{t('show.recordedAt')}</dt>
        <dd>{formatDateTime(signal.recordedAt)}</dd>
        {signal.amendedAt ? (
          <>
            <dt>{t('show.amendedAt')}</dt>
            <dd>{formatDateTime(signal.amendedAt)}</dd>
          </>
        ) : null}
        <dt>{t('show.revision')}</dt>
        <dd>{signal.revision}</dd>
      </dl>

      <h2>{t('fields.description')}</h2>
      {signal.personalDataErased ? (
        <p role="note">{t('show.personalDataErased')}</p>
      ) : (
        <p className="description">{signal.description}</p>
      )}

      <h2>{t('form.sections.subjects')}</h2>
      {signal.subjects.length === 0 ? (
        <p>{t('show.noSubjects')}</p>
      ) : (
        <table>
          <caption>{t('show.subjectsCaption', { count: signal.subjects.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('fields.subject.kind')}</th>
              <th scope="col">{t('fields.subject.identifier')}</th>
              <th scope="col">{t('fields.subject.displayName')}</th>
            </tr>
          </thead>
          <tbody>
            {signal.subjects.map((subject) => (
              <tr key={subject.fingerprint}>
                <td>{t(`common:vocabulary.subjectKinds.${subject.kind}`)}</td>
                <th scope="row">{subject.erased ? t('show.erasedSubject') : subject.identifier}</th>
                <td>{subject.erased ? none : (subject.displayName ?? none)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function SignalHistorySection({ signalId }: { signalId: string }) {
  const { t } = useTranslation('coordinator');
  const session = useSession();
  const history = useSignalHistory(signalId);
  const who = (revision: SignalRevision) =>
    revision.actor === null
      ? t('history.unknownActor')
      : revision.actor === session?.sub
        ? t('history.you', { actor: revision.actor })
        : revision.actor;
  return (
    <>
      <h2>{t('history.title')}</h2>
      {history.isPending ? <Loading /> : null}
      {history.error && !isNotFound(history.error) ? <ErrorMessage error={history.error} /> : null}
      {history.data ? (
        <table className="history">
          <caption>{t('history.caption', { count: history.data.revisions.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('history.revision')}</th>
              <th scope="col">{t('history.what')}</th>
              <th scope="col">{t('history.when')}</th>
              <th scope="col">{t('history.who')}</th>
              <th scope="col">{t('history.reason')}</th>
              <th scope="col">{t('history.changed')}</th>
            </tr>
          </thead>
          <tbody>
            {history.data.revisions.map((revision) => (
              <tr key={revision.revision}>
                <td className="number">{revision.revision}</td>
                <th scope="row">{t(`history.types.${revision.type}`)}</th>
                <td>{formatDateTime(revision.at)}</td>
                <td>{who(revision)}</td>
                <td className="history__reason">{revision.reason ?? '—'}</td>
                <td>
                  {revision.changedFields.length > 0
                    ? revision.changedFields.map((f) => fieldLabel(f, t) ?? f).join(', ')
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
