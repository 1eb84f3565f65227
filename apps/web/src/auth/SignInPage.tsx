// The way in. In production a button sends the person to the organisation's OpenID Connect
// provider (./oidc); in the embedded mode the development sign-in lets them pick a role and a
// municipality or region and gets a token from the platform. The platform says which are on.
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api, ApiError, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { homePath } from '../app/HomeRedirect';
import { useReferenceQuery } from '../app/reference';
import { ErrorMessage, Loading } from '../ui/ErrorMessage';
import { Field } from '../ui/Field';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { PageTitle } from '../ui/PageTitle';
import { useSignInOptions } from './sign-in-options';
import { signIn, useSession, type Role } from './session';

type DevTokenRequest = components['schemas']['DevTokenRequest'];

const ROLES: readonly Exclude<Role, 'admin'>[] = ['coordinator', 'analyst', 'burgemeester'];

export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const reference = useReferenceQuery();
  const [role, setRole] = useState<Exclude<Role, 'admin'>>('coordinator');
  const [municipality, setMunicipality] = useState('GM0363');
  const [riecRegion, setRiecRegion] = useState('');
  const from = (location.state as { from?: string } | null)?.from;
  const options = useSignInOptions();
  const oidc = useMutation({
    mutationFn: async () => (await import('./oidc')).startOidcSignIn(options.data!.oidc!, from),
  });

  const mutation = useMutation({
    mutationFn: (body: DevTokenRequest) => unwrap(api.POST('/api/v1/dev/tokens', { body })),
    onSuccess: (data) => {
      const signedIn = {
        token: data.token,
        sub: data.sub,
        role: data.role,
        municipality: data.municipality,
        riecRegion: data.riecRegion,
        expiresAt: data.expiresAt,
      };
      signIn(signedIn);
      void navigate(from && from !== '/sign-in' ? from : homePath(signedIn), { replace: true });
    },
  });

  if (session && !mutation.isPending && !mutation.isSuccess) {
    return <Navigate to={homePath(session)} replace />;
  }

  const municipalities = [...(reference.data?.municipalities ?? [])].sort((a, b) =>
    a.name.localeCompare(b.name, 'nl'),
  );
  const regions = [...(reference.data?.riecRegions ?? [])].sort((a, b) =>
    a.name.localeCompare(b.name, 'nl'),
  );
  const selectedRegion = riecRegion || regions.find((r) => r.id === 'amsterdam')?.id;
  const off = mutation.error instanceof ApiError && mutation.error.status === 404;
  // A platform that cannot say (an older one) has only the development sign-in.
  const development = options.data?.development ?? options.isError;
  const provider = options.data?.oidc;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(
      role === 'analyst' ? { role, riecRegion: selectedRegion } : { role, municipality },
    );
  };

  return (
    <main id="content" className="sign-in">
      <LanguageSwitch />
      <PageTitle title={t('signIn.title')}>{t('signIn.title')}</PageTitle>
      {options.isPending ? <Loading /> : null}
      {provider ? (
        <section aria-labelledby="sign-in-oidc">
          <h2 id="sign-in-oidc">{t('signIn.oidcTitle')}</h2>
          <p>{t('signIn.oidcIntro')}</p>
          <ErrorMessage error={oidc.error} />
          <button
            type="button"
            className="button"
            disabled={oidc.isPending}
            onClick={() => oidc.mutate()}
          >
            {t('signIn.oidc')}
          </button>
        </section>
      ) : null}
      {options.isSuccess && !provider && !development ? (
        <div role="alert" className="alert alert--error">
          {t('signIn.off')}
        </div>
      ) : null}
      {development ? developmentSignIn() : null}
    </main>
  );

  /** The form of the development sign-in (a render helper, so its fields keep their focus). */
  function developmentSignIn() {
    return (
      <section aria-labelledby={provider ? 'sign-in-development' : undefined}>
        {provider ? <h2 id="sign-in-development">{t('signIn.developmentTitle')}</h2> : null}
        <p>{t('signIn.intro')}</p>
        {reference.isPending ? <Loading /> : null}
        <ErrorMessage error={reference.error} />
        {off ? (
          <div role="alert" className="alert alert--error">
            {t('signIn.off')}
          </div>
        ) : (
          <ErrorMessage error={mutation.error} />
        )}
        <form onSubmit={submit} noValidate>
          <fieldset>
            <legend>{t('signIn.role')}</legend>
            {ROLES.map((r) => (
              <div key={r} className="choice">
                <input
                  type="radio"
                  id={`role-${r}`}
                  name="role"
                  value={r}
                  checked={role === r}
                  aria-describedby={`role-${r}-hint`}
                  onChange={() => setRole(r)}
                />
                <label htmlFor={`role-${r}`}>{t(`roles.${r}`)}</label>
                <span id={`role-${r}-hint`} className="choice__hint">
                  {t(`signIn.roleHint.${r}`)}
                </span>
              </div>
            ))}
          </fieldset>
          {role === 'analyst' ? (
            <Field label={t('signIn.region')}>
              <select
                value={selectedRegion ?? ''}
                onChange={(event) => setRiecRegion(event.target.value)}
              >
                {regions.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </Field>
          ) : (
            <Field label={t('signIn.municipality')}>
              <select
                value={municipality}
                onChange={(event) => setMunicipality(event.target.value)}
              >
                {municipalities.map((m) => (
                  <option key={m.code} value={m.code}>
                    {m.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <button type="submit" className="button" disabled={mutation.isPending}>
            {t('signIn.submit')}
          </button>
        </form>
      </section>
    );
  }
}
