// Where the OpenID Connect provider sends the person back with a one-time code: the sign-in is
// completed (./oidc) and the person goes on to where they were going, or to their home screen.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { homePath } from '../app/HomeRedirect';
import { ErrorMessage, Loading } from '../ui/ErrorMessage';
import { PageTitle } from '../ui/PageTitle';
import { useSignInOptions } from './sign-in-options';
import { signIn } from './session';

export function OidcCallbackPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const started = useRef(false);
  const options = useSignInOptions();
  const provider = options.data?.oidc;

  useEffect(() => {
    if (!provider || started.current) return;
    started.current = true; // the code is for one exchange only
    import('./oidc')
      .then(({ completeOidcSignIn }) => completeOidcSignIn(provider, new URL(window.location.href)))
      .then(({ session, from }) => {
        signIn(session);
        void navigate(from && from !== '/sign-in' ? from : homePath(session), { replace: true });
      }, setError);
  }, [provider, navigate]);

  const failed = error ?? options.error ?? (options.isSuccess && !provider ? true : null);
  return (
    <main id="content" className="sign-in">
      <PageTitle title={t('signIn.title')}>{t('signIn.title')}</PageTitle>
      {failed ? (
        <>
          <div role="alert" className="alert alert--error">
            {t('signIn.failed')}
          </div>
          {failed instanceof Error ? <ErrorMessage error={failed} /> : null}
          <p>
            <Link to="/sign-in">{t('signIn.again')}</Link>
          </p>
        </>
      ) : (
        <Loading />
      )}
    </main>
  );
}
