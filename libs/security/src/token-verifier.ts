// Who signed a bearer token decides how it is checked: HS256 with the platform's secret
// (development, the embedded mode, service accounts), or an OIDC provider's asymmetric key found
// by the token's `kid` in the provider's published key set (production). jwks-rsa caches the keys
// and fetches the set again when a token names a key it has not seen — which is how a rotated key
// is picked up — at most a few times a minute, so made-up key ids cannot flood the provider.
import jwt from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import type { Principal } from './principal';
import {
  CLOCK_SKEW_SECONDS,
  InvalidTokenError,
  principalFromClaims,
  type ScopeDirectory,
  verifyToken,
} from './tokens';

export interface TokenVerifierOptions {
  /** The HS256 secret, where such tokens are taken. */
  hs256Secret?: string;
  /** The OIDC provider whose tokens are taken. */
  jwks?: { url: string; issuer: string; audience: string };
  scopes: ScopeDirectory;
}

/** What an OIDC provider signs with; never HS256 (a shared secret) and never `none`. */
const ASYMMETRIC_ALGORITHMS: jwt.Algorithm[] = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
];

/** Keys are kept this long; an unknown `kid` fetches the set again at once. */
const KEY_CACHE_MS = 10 * 60_000;
const KEY_SET_FETCHES_PER_MINUTE = 10;
const KEY_SET_TIMEOUT_MS = 5_000;

export class TokenVerifier {
  private readonly keys: JwksClient | undefined;

  constructor(private readonly options: TokenVerifierOptions) {
    this.keys =
      options.jwks &&
      new JwksClient({
        jwksUri: options.jwks.url,
        cache: true,
        cacheMaxAge: KEY_CACHE_MS,
        rateLimit: true,
        jwksRequestsPerMinute: KEY_SET_FETCHES_PER_MINUTE,
        timeout: KEY_SET_TIMEOUT_MS,
      });
  }

  async verify(token: string): Promise<Principal> {
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string') throw new InvalidTokenError('not a JWT');
    const { alg, kid } = decoded.header;
    const { hs256Secret, jwks, scopes } = this.options;
    if (alg === 'HS256' && hs256Secret !== undefined)
      return verifyToken(token, hs256Secret, scopes);
    if (!this.keys || !jwks || !ASYMMETRIC_ALGORITHMS.includes(alg as jwt.Algorithm)) {
      throw new InvalidTokenError(`tokens signed with ${alg} are not taken`);
    }
    if (!kid) throw new InvalidTokenError('the token names no key (kid)');
    let key: string;
    try {
      key = (await this.keys.getSigningKey(kid)).getPublicKey();
    } catch (error) {
      throw new InvalidTokenError(`no key for the token: ${(error as Error).name}`);
    }
    let claims: unknown;
    try {
      claims = jwt.verify(token, key, {
        algorithms: ASYMMETRIC_ALGORITHMS,
        issuer: jwks.issuer,
        audience: jwks.audience,
        clockTolerance: CLOCK_SKEW_SECONDS,
      });
    } catch (error) {
      throw new InvalidTokenError(error instanceof Error ? error.message : 'token rejected');
    }
    return principalFromClaims(claims, scopes);
  }
}
