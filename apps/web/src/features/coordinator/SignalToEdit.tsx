// The signal of the address for a form that changes it (amend, retract): the not-found page for
// an id that is none or lies outside the person's scope (the API's 404), loading and errors under
// the form's title, and the form itself once the signal with its ETag is there.
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { NotFoundPage } from '../../app/HomeRedirect';
import { ErrorMessage, Loading } from '../../ui/ErrorMessage';
import { PageTitle } from '../../ui/PageTitle';
import { isNotFound, isSignalId, useSignal, type SignalWithEtag } from './api';

export function SignalToEdit({
  title,
  children,
}: {
  title: string;
  children: (signalId: string, signal: SignalWithEtag) => ReactNode;
}) {
  const { signalId } = useParams();
  const query = useSignal(signalId);
  if (!isSignalId(signalId) || isNotFound(query.error)) return <NotFoundPage />;
  if (!query.data) {
    return (
      <section>
        <PageTitle title={title}>{title}</PageTitle>
        {query.isPending ? <Loading /> : null}
        <ErrorMessage error={query.error} />
      </section>
    );
  }
  return <>{children(signalId, query.data)}</>;
}
