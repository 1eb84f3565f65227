// /signals/new: record a signal for the coordinator's own municipality. The form checks what is
// missing; the API decides the rest and its 422 field errors appear at the fields and in the
// summary. The signal id is chosen here, once per form, so that sending again after a network
// failure records the signal once.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { PageTitle } from '../../ui/PageTitle';
import { invalidateAfterCommand } from './api';
import { ErrorSummary } from './FormParts';
import { fieldLabel } from './labels';
import { apiFieldProblems, isFieldError } from './problems';
import { SignalFields } from './SignalFields';
import {
  checkSignalForm,
  emptySignalForm,
  newSignalId,
  toRecordBody,
  type FieldProblem,
  type RecordSignalBody,
} from './signal-form';
import './coordinator.css';

export function RecordSignalPage() {
  const { t } = useTranslation('coordinator');
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(emptySignalForm);
  const [signalId] = useState(newSignalId);
  const [checks, setChecks] = useState<FieldProblem[]>([]);
  const [attempt, setAttempt] = useState(0);

  const mutation = useMutation({
    mutationFn: (body: RecordSignalBody) => unwrap(api.POST('/api/v1/signals', { body })),
    onSuccess: async (data) => {
      await invalidateAfterCommand(queryClient);
      await navigate(`/signals/${data.signalId}`, { state: { notice: 'recorded' } });
    },
    onError: () => setAttempt((n) => n + 1),
  });

  const problems = checks.length > 0 ? checks : apiFieldProblems(mutation.error, t);
  const labelOf = (field: string) => fieldLabel(field, t);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkSignalForm(values, t);
    setChecks(found);
    if (found.length > 0) {
      mutation.reset();
      setAttempt((n) => n + 1);
      return;
    }
    mutation.mutate(toRecordBody(values, session?.municipality ?? '', signalId));
  };

  const error = mutation.error;
  const alreadyRecorded = error instanceof ApiError && error.status === 409;
  const networkFailure = error !== null && !(error instanceof ApiError);

  return (
    <section className="signal-form">
      <PageTitle title={t('record.title')}>{t('record.title')}</PageTitle>
      <p>{t('record.intro')}</p>
      <p className="field__hint required-note">{t('form.requiredNote')}</p>
      <ErrorSummary problems={problems} attempt={attempt} labelOf={labelOf} />
      {alreadyRecorded ? (
        <div role="alert" className="alert alert--error">
          {t('record.alreadyRecorded')}{' '}
          <Link to={`/signals/${signalId}`}>{t('record.openRecorded')}</Link>
        </div>
      ) : networkFailure ? (
        <div role="alert" className="alert alert--error">
          {t('record.networkFailure')}
        </div>
      ) : !isFieldError(error) ? (
        <ErrorMessage error={error} />
      ) : null}
      <form onSubmit={submit} noValidate>
        <SignalFields values={values} onChange={setValues} problems={problems} />
        <div className="button-row">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {mutation.isPending ? t('record.sending') : t('record.submit')}
          </button>
          <Link to="/signals" className="button button--secondary">
            {t('common:cancel')}
          </Link>
        </div>
        {mutation.isPending ? (
          <p role="status" className="loading">
            {t('record.sending')}
          </p>
        ) : null}
      </form>
    </section>
  );
}
