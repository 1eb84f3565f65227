// The burgemeester's escalations: what the RIEC noticed in the own municipality, in the plain
// Dutch the API writes for the mayor (counts only), when, and where the case stands.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useReference } from '../../app/reference';
import { useSession } from '../../auth/session';
import { formatDate, formatNumber } from '../../i18n';
import { ErrorMessage, Loading } from '../../ui/ErrorMessage';
import { PageTitle } from '../../ui/PageTitle';
import { useEscalationList, type EscalationView } from './escalations.api';
import { useEscalationLabels } from './labels';
import { MoreEscalations } from './MoreEscalations';
import './escalations.css';

export function MayorEscalations() {
  const { t } = useTranslation('escalations');
  const session = useSession();
  const reference = useReference();
  const list = useEscalationList({});
  const name = session?.municipality ? reference.municipalityName(session.municipality) : '';
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const title = t('mayor.title', { municipality: name });
  return (
    <section>
      <PageTitle title={title}>{title}</PageTitle>
      <p>{t('mayor.intro')}</p>
      <ErrorMessage error={list.error} />
      {list.isPending ? <Loading /> : null}
      {list.isSuccess ? (
        <>
          <p role="status" className="escalations-count">
            {t('inbox.count', { count: items.length, formatted: formatNumber(items.length) })}
          </p>
          {items.length === 0 ? (
            <p>{t('mayor.empty')}</p>
          ) : (
            <ol className="escalations-plain">
              {items.map((escalation) => (
                <li key={escalation.escalationId}>
                  <MayorEscalationItem escalation={escalation} />
                </li>
              ))}
            </ol>
          )}
          <MoreEscalations list={list} />
        </>
      ) : null}
    </section>
  );
}

function MayorEscalationItem({ escalation }: { escalation: EscalationView }) {
  const { t } = useTranslation('escalations');
  const labels = useEscalationLabels();
  return (
    <article className="escalations-plain__item" aria-labelledby={`e-${escalation.escalationId}`}>
      <h2 id={`e-${escalation.escalationId}`} className="escalations-plain__title">
        <Link to={`/escalations/${escalation.escalationId}`}>{labels.rule(escalation.ruleId)}</Link>
      </h2>
      {/* The API writes the mayor's explanation in Dutch, also when the screen is English. */}
      <p lang="nl">{escalation.explanation}</p>
      <MayorFacts escalation={escalation} />
      <p className="escalations-muted">{t(`mayor.statusExplained.${escalation.status}`)}</p>
    </article>
  );
}

/** When it happened and where the case stands: the summary fields only. */
export function MayorFacts({ escalation }: { escalation: EscalationView }) {
  const { t } = useTranslation('escalations');
  const labels = useEscalationLabels();
  return (
    <dl className="facts">
      <dt>{t('case.raisedAt')}</dt>
      <dd>{formatDate(escalation.raisedAt)}</dd>
      <dt>{t('case.status')}</dt>
      <dd>{labels.status(escalation.status)}</dd>
      {escalation.acknowledgedAt ? (
        <>
          <dt>{t('case.acknowledgedAt')}</dt>
          <dd>{formatDate(escalation.acknowledgedAt)}</dd>
        </>
      ) : null}
      {escalation.closedAt ? (
        <>
          <dt>{t('case.closedAt')}</dt>
          <dd>{formatDate(escalation.closedAt)}</dd>
        </>
      ) : null}
      {escalation.outcome ? (
        <>
          <dt>{t('case.outcome')}</dt>
          <dd>{labels.outcome(escalation.outcome)}</dd>
        </>
      ) : null}
    </dl>
  );
}
