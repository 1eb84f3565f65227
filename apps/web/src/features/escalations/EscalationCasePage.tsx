// /escalations/:escalationId — the case. An analyst sees the whole of it (rule, explanation,
// contributing signals, notes, deliveries, history) and works on it; a burgemeester reads the
// plain-Dutch summary and the course of the case, nothing of the analysts' work.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useReference } from '../../app/reference';
import { useSession } from '../../auth/session';
import { formatDate, formatDateTime } from '../../i18n';
import { ErrorMessage, Loading } from '../../ui/ErrorMessage';
import { SubjectLink } from '../analyst/SubjectLink';
import { PageTitle } from '../../ui/PageTitle';
import { CaseActions } from './CaseActions';
import { useEscalation, type EscalationDetail } from './escalations.api';
import { useEscalationLabels } from './labels';
import { MayorFacts } from './MayorEscalations';
import './escalations.css';

export function EscalationCasePage() {
  const { t } = useTranslation('escalations');
  const { escalationId = '' } = useParams();
  const session = useSession();
  const labels = useEscalationLabels();
  const reference = useReference();
  const query = useEscalation(escalationId);
  const escalation = query.data;
  const title = escalation
    ? t('case.title', {
        rule: labels.rule(escalation.ruleId),
        municipality: reference.municipalityName(escalation.municipality),
      })
    : t('case.fallbackTitle');
  return (
    <article className="case">
      <p className="case__back">
        <Link to="/escalations">{t('case.back')}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <ErrorMessage error={query.error} />
      {query.isPending ? <Loading /> : null}
      {escalation ? (
        session?.role === 'burgemeester' ? (
          <MayorCase escalation={escalation} />
        ) : (
          <AnalystCase escalation={escalation} />
        )
      ) : null}
    </article>
  );
}

function MayorCase({ escalation }: { escalation: EscalationDetail }) {
  const { t } = useTranslation('escalations');
  return (
    <>
      <h2>{t('case.whatHappened')}</h2>
      <p lang="nl">{escalation.explanation}</p>
      <MayorFacts escalation={escalation} />
      <p>{t(`mayor.statusExplained.${escalation.status}`)}</p>
      <h2>{t('case.history')}</h2>
      {escalation.history.length === 0 ? (
        <p>{t('case.noHistory')}</p>
      ) : (
        <ol className="case-timeline">
          {escalation.history.map((entry) => (
            <li key={entry.revision}>
              <span className="case-timeline__when">{formatDate(entry.at)}</span>{' '}
              <span lang="nl">{entry.summary}</span>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function AnalystCase({ escalation }: { escalation: EscalationDetail }) {
  const { t } = useTranslation('escalations');
  const [announcement, setAnnouncement] = useState('');
  return (
    <>
      <p role="status" className={announcement ? 'alert alert--ok' : 'case__status'}>
        {announcement}
      </p>
      <div className="two-columns">
        <div>
          <CaseFacts escalation={escalation} />
          <h2>{t('case.explanation')}</h2>
          <p lang="nl">{escalation.explanation}</p>
          <ContributingSignals escalation={escalation} />
          <Notes escalation={escalation} />
          <Deliveries escalation={escalation} />
          <History escalation={escalation} />
        </div>
        <CaseActions escalation={escalation} onDone={setAnnouncement} />
      </div>
    </>
  );
}

function CaseFacts({ escalation }: { escalation: EscalationDetail }) {
  const { t } = useTranslation('escalations');
  const labels = useEscalationLabels();
  const reference = useReference();
  const nobody = <span className="escalations-muted">{t('case.nobody')}</span>;
  return (
    <>
      <h2 className="visually-hidden">{t('case.facts')}</h2>
      <dl className="facts">
        <dt>{t('case.rule')}</dt>
        <dd>
          {t('case.ruleVersion', {
            rule: labels.rule(escalation.ruleId),
            version: escalation.ruleVersion,
          })}
        </dd>
        <dt>{t('case.municipality')}</dt>
        <dd>{reference.municipalityName(escalation.municipality)}</dd>
        <dt>{t('case.severity')}</dt>
        <dd>{labels.severity(escalation.severity)}</dd>
        <dt>{t('case.status')}</dt>
        <dd>
          {labels.status(escalation.status)}
          {escalation.outcome ? ` · ${labels.outcome(escalation.outcome)}` : ''}
        </dd>
        <dt>{t('case.raisedAt')}</dt>
        <dd>{formatDateTime(escalation.raisedAt)}</dd>
        <dt>{t('case.updatedAt')}</dt>
        <dd>{formatDateTime(escalation.updatedAt)}</dd>
        <dt>{t('case.assignee')}</dt>
        <dd>{escalation.assignee ?? nobody}</dd>
        {escalation.acknowledgedAt ? (
          <>
            <dt>{t('case.acknowledgedAt')}</dt>
            <dd>
              {t('case.whenBy', {
                when: formatDateTime(escalation.acknowledgedAt),
                by: escalation.acknowledgedBy ?? '—',
              })}
            </dd>
          </>
        ) : null}
        {escalation.closedAt ? (
          <>
            <dt>{t('case.closedAt')}</dt>
            <dd>
              {t('case.whenBy', {
                when: formatDateTime(escalation.closedAt),
                by: escalation.closedBy ?? '—',
              })}
            </dd>
          </>
        ) : null}
        {escalation.subjectFingerprint ? (
          <>
            <dt>{t('case.subject')}</dt>
            <dd>
              <SubjectLink fingerprint={escalation.subjectFingerprint} />
            </dd>
          </>
        ) : null}
      </dl>
    </>
  );
}

function ContributingSignals({ escalation }: { escalation: EscalationDetail }) {
  const { t } = useTranslation('escalations');
  const signals = escalation.contributingSignals ?? [];
  return (
    <section aria-labelledby="case-signals">
      <h2 id="case-signals">{t('case.signals')}</h2>
      {signals.length === 0 ? (
        <p>{t('case.noSignals')}</p>
      ) : (
        <div className="escalations-table-wrap">
          <table>
            <caption className="visually-hidden">{t('case.signalsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('case.signal')}</th>
                <th scope="col">{t('case.category')}</th>
                <th scope="col">{t('case.severity')}</th>
                <th scope="col">{t('case.occurredAt')}</th>
                <th scope="col">{t('case.signalStatus')}</th>
                <th scope="col">{t('case.classification')}</th>
              </tr>
            </thead>
            <tbody>
              {signals.map((signal) => (
                <tr key={signal.signalId}>
                  <th scope="row">
                    {/* The id only: the signal's own screen is the municipality's. */}
                    <code className="case__code" title={signal.signalId}>
                      {signal.signalId.slice(0, 8)}
                    </code>
                  </th>
                  <td>
                    {t(`common:categories.${signal.category}`, { defaultValue: signal.category })}
                    {' · '}
                    {t(`common:vocabulary.subcategories.${signal.subcategory}`, {
                      defaultValue: signal.subcategory,
                    })}
                  </td>
                  <td>{t('common:vocabulary.severity', { value: signal.severity })}</td>
                  <td>{formatDate(signal.occurredAt)}</td>
                  <td>
                    {t(`common:vocabulary.statuses.${signal.status}`, {
                      defaultValue: signal.status,
                    })}
                  </td>
                  <td>{signal.classification}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Notes({ escalation }: { escalation: EscalationDetail }) {
  const { t } = useTranslation('escalations');
  const notes = escalation.notes ?? [];
  return (
    <section aria-labelledby="case-notes">
      <h2 id="case-notes">{t('case.notes')}</h2>
      {notes.length === 0 ? (
        <p>{t('case.noNotes')}</p>
      ) : (
        <ol className="case-notes">
          {notes.map((note) => (
            <li key={note.noteId}>
              <p className="case-notes__meta">
                {t('case.whenBy', { when: formatDateTime(note.at), by: note.by })}
              </p>
              <p className="case-notes__text">{note.text}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Deliveries({ escalation }: { escalation: EscalationDetail }) {
  const { t } = useTranslation('escalations');
  return (
    <section aria-labelledby="case-deliveries">
      <h2 id="case-deliveries">{t('case.deliveries')}</h2>
      {escalation.deliveries.length === 0 ? (
        <p>{t('case.noDeliveries')}</p>
      ) : (
        <div className="escalations-table-wrap">
          <table>
            <caption className="visually-hidden">{t('case.deliveriesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('case.channel')}</th>
                <th scope="col">{t('case.recipient')}</th>
                <th scope="col">{t('case.deliveryStatus')}</th>
                <th scope="col">{t('case.attempts')}</th>
              </tr>
            </thead>
            <tbody>
              {escalation.deliveries.map((delivery) => (
                <tr key={delivery.deliveryId}>
                  <td>
                    {t(`channel.${delivery.channel}`)}
                    <br />
                    <span className="escalations-muted">{t(`deliveryKind.${delivery.kind}`)}</span>
                  </td>
                  <th scope="row" className="case__recipient">
                    {delivery.recipient}
                  </th>
                  <td>
                    {t(`deliveryStatus.${delivery.status}`)}
                    {delivery.nextAttemptAt ? (
                      <>
                        <br />
                        <span className="escalations-muted">
                          {t('case.nextAttempt', { when: formatDateTime(delivery.nextAttemptAt) })}
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    {delivery.attempts.length === 0 ? (
                      t('case.noAttempts')
                    ) : (
                      <ol className="case-attempts">
                        {delivery.attempts.map((attempt) => (
                          <li key={attempt.attempt}>
                            {t('case.attempt', {
                              when: formatDateTime(attempt.at),
                              outcome: t(`attemptOutcome.${attempt.outcome}`),
                              detail: attempt.detail,
                            })}
                          </li>
                        ))}
                      </ol>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function History({ escalation }: { escalation: EscalationDetail }) {
  const { t } = useTranslation('escalations');
  return (
    <section aria-labelledby="case-history">
      <h2 id="case-history">{t('case.history')}</h2>
      <div className="escalations-table-wrap">
        <table>
          <caption className="visually-hidden">{t('case.historyCaption')}</caption>
          <thead>
            <tr>
              <th scope="col" aria-sort="ascending">
                {t('case.when')}
              </th>
              <th scope="col">{t('case.what')}</th>
              <th scope="col">{t('case.by')}</th>
            </tr>
          </thead>
          <tbody>
            {escalation.history.map((entry) => (
              <tr key={entry.revision}>
                <td>{formatDateTime(entry.at)}</td>
                <td lang="nl">{entry.summary}</td>
                <td>{entry.by ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
