// Sign-in at the organisation's OpenID Connect provider: the authorization code flow with PKCE
// for a public client (oauth4webapi). The code verifier and state wait in session storage while
// the person is at the provider; the access token becomes the session (./session), as the
// development sign-in's token does. The token never appears in a URL: the provider's redirect
// carries only the one-time code. Loaded only when someone signs in this way (its own chunk).
import * as oauth from 'oauth4webapi';
import { CALLBACK_PATH } from './callback-path';
import type { Role, Session } from './session';

export interface OidcSignIn {
  issuer: string;
  clientId: string;
  scope: string;
  resource?: string;
}

const PENDING_KEY = 'weerbaar.oidc.pending';

interface Pending {
  verifier: string;
  state: string;
  /** Where the person was going before they signed in. */
  from?: string;
}

const redirectUri = () => `${window.location.origin}${CALLBACK_PATH}`;

/** Plain HTTP only for a provider on this machine (development and the tests). */
const insecureAllowed = (issuer: URL) =>
  issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);

async function discover(options: OidcSignIn): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(options.issuer);
  const response = await oauth.discoveryRequest(issuer, {
    algorithm: 'oidc',
    [oauth.allowInsecureRequests]: insecureAllowed(issuer),
  });
  return oauth.processDiscoveryResponse(issuer, response);
}

/** Sends the browser to the provider; it comes back to CALLBACK_PATH. */
export async function startOidcSignIn(options: OidcSignIn, from?: string): Promise<void> {
  const as = await discover(options);
  if (!as.authorization_endpoint) throw new Error('The provider names no authorization endpoint');
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const pending: Pending = { verifier, state, from };
  window.sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', options.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', options.scope);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  if (options.resource) url.searchParams.set('resource', options.resource);
  window.location.assign(url.href);
}

/**
 * Completes the sign-in on the provider's redirect: checks the state, exchanges the code with
 * the verifier, and returns the session of the access token with where to go next.
 */
export async function completeOidcSignIn(
  options: OidcSignIn,
  callback: URL,
): Promise<{ session: Session; from?: string }> {
  const raw = window.sessionStorage.getItem(PENDING_KEY);
  window.sessionStorage.removeItem(PENDING_KEY);
  if (!raw) throw new Error('No sign-in was started in this tab');
  const pending = JSON.parse(raw) as Pending;
  const as = await discover(options);
  const client: oauth.Client = { client_id: options.clientId };
  const params = oauth.validateAuthResponse(as, client, callback, pending.state);
  const issuer = new URL(options.issuer);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.None(),
    params,
    redirectUri(),
    pending.verifier,
    {
      [oauth.allowInsecureRequests]: insecureAllowed(issuer),
      ...(options.resource ? { additionalParameters: { resource: options.resource } } : {}),
    },
  );
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
  return { session: sessionOf(tokens.access_token), from: pending.from };
}

/**
 * The session an access token stands for, by its claims. The platform checks the token on every
 * request; these claims only choose the screens.
 */
export function sessionOf(token: string): Session {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('The access token is not a JWT');
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  const claims = JSON.parse(
    new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))),
  ) as Record<string, unknown>;
  const { sub, role, municipality, riecRegion, exp } = claims;
  if (typeof sub !== 'string' || typeof role !== 'string' || typeof exp !== 'number') {
    throw new Error('The access token has no sub, role or exp');
  }
  return {
    token,
    sub,
    role: role as Role,
    ...(typeof municipality === 'string' ? { municipality } : {}),
    ...(typeof riecRegion === 'string' ? { riecRegion } : {}),
    expiresAt: new Date(exp * 1000).toISOString(),
  };
}
