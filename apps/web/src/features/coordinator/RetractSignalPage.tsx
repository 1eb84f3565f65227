// /signals/:signalId/retract: retract a signal, with a reason, at the revision that was read. A
// retracted signal stays in the history but no longer counts. When someone else changed the
// signal in the meantime (409), the page shows the newer version and asks again.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, unwrap } from '../../api/client';
import { formatDateTime } from '../../i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { PageTitle } from '../../ui/PageTitle';
import { invalidateAfterCommand, refetchSignal, type SignalWithEtag } from './api';
import { ErrorSummary, fieldId } from './FormParts';
import { fieldLabel } from './labels';
import { apiFieldProblems, isFieldError } from './problems';
import { checkReason, type FieldProblem, type Signal } from './signal-form';
import { SignalToEdit } from './SignalToEdit';
import './coordinator.css';

export function RetractSignalPage() {
  const { t } = useTranslation('coordinator');
  return (
    <SignalToEdit title={t('retract.title')}>
      {(signalId, signal) => <RetractForm signalId={signalId} initial={signal} />}
    </SignalToEdit>
  );
}

function SignalSummary({ signal }: { signal: Signal }) {
  const { t } = useTranslation('coordinator');
  return (
    <dl className="facts">
      <dt>{t('fields.category')}</dt>
      <dd>
        {t(`common:categories.${signal.category}`)} –{' '}
        {t(`common:vocabulary.subcategories.${signal.subcategory}`)}
      </dd>
      <dt>{t('fields.occurredAt')}</dt>
      <dd>{formatDateTime(signal.occurredAt)}</dd>
      <dt>{t('fields.severity')}</dt>
      <dd>{t('common:vocabulary.severity', { value: signal.severity })}</dd>
      <dt>{t('fields.status')}</dt>
      <dd>{t(`common:vocabulary.statuses.${signal.status}`)}</dd>
      <dt>{t('show.revision')}</dt>
      <dd>{signal.revision}</dd>
    </dl>
  );
}

function RetractForm({ signalId, initial }: { signalId: string; initial: SignalWithEtag }) {
  const { t } = useTranslation('coordinator');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState(initial);
  const [reason, setReason] = useState('');
  const [checks, setChecks] = useState<FieldProblem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [changedBy, setChangedBy] = useState<{ from: number; to: number } | null>(null);
  const [refetchError, setRefetchError] = useState<unknown>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const conflictHeading = useId();

  const mutation = useMutation({
    mutationFn: ({ etag }: { etag: string }) =>
      unwrap(
        api.POST('/api/v1/signals/{signalId}/retract', {
          params: { path: { signalId }, header: { 'If-Match': etag } },
          body: { reason: reason.trim() },
        }),
      ),
    onSuccess: async () => {
      await invalidateAfterCommand(queryClient);
      await navigate(`/signals/${signalId}`, { state: { notice: 'retracted' } });
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409) {
        try {
          const latest = await refetchSignal(queryClient, signalId);
          setChangedBy({ from: current.data.revision, to: latest.data.revision });
          setCurrent(latest);
          setRefetchError(null);
        } catch (failure) {
          setRefetchError(failure);
        }
        return;
      }
      setAttempt((n) => n + 1);
    },
  });

  useEffect(() => {
    if (changedBy) conflictRef.current?.focus();
  }, [changedBy]);

  const problems = checks.length > 0 ? checks : apiFieldProblems(mutation.error, t);
  const signal = current.data;
  const title = t('retract.title');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkReason(reason, t);
    setChecks(found);
    if (found.length > 0) {
      mutation.reset();
      setAttempt((n) => n + 1);
      return;
    }
    setChangedBy(null);
    mutation.mutate({ etag: current.etag ?? `"${signal.revision}"` });
  };

  return (
    <section className="signal-form">
      <p className="back-link">
        <Link to={`/signals/${signalId}`}>{t('amend.backToSignal')}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <ErrorSummary
        problems={problems}
        attempt={attempt}
        labelOf={(field) => fieldLabel(field, t)}
      />
      {changedBy ? (
        <div
          ref={conflictRef}
          tabIndex={-1}
          aria-labelledby={conflictHeading}
          className="alert alert--error conflict"
        >
          <h2 id={conflictHeading}>{t('conflict.title')}</h2>
          <p>
            {signal.status === 'RETRACTED'
              ? t('conflict.retracted')
              : t('retract.conflict', { yours: changedBy.from, current: changedBy.to })}
          </p>
        </div>
      ) : null}
      <ErrorMessage error={refetchError} />
      {!(mutation.error instanceof ApiError && mutation.error.status === 409) &&
      !isFieldError(mutation.error) ? (
        <ErrorMessage error={mutation.error} />
      ) : null}
      <h2>{t('retract.which')}</h2>
      <SignalSummary signal={signal} />
      {signal.status === 'RETRACTED' ? (
        <p>
          <Link to={`/signals/${signalId}`}>{t('amend.backToSignal')}</Link>
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>{t('retract.intro')}</p>
          <div id={fieldId('reason')}>
            <Field
              label={t('fields.reason')}
              hint={t('retract.reasonHint')}
              error={problems.find((p) => p.field === 'reason')?.message}
              required
            >
              <textarea
                value={reason}
                rows={3}
                required
                onChange={(event) => setReason(event.target.value)}
              />
            </Field>
          </div>
          <div className="button-row">
            <button type="submit" className="button button--danger" disabled={mutation.isPending}>
              {changedBy ? t('retract.submitAgain') : t('retract.submit')}
            </button>
            <Link to={`/signals/${signalId}`} className="button button--secondary">
              {t('common:cancel')}
            </Link>
          </div>
        </form>
      )}
    </section>
  );
}
