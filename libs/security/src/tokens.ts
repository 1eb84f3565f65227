// Verifies and mints the HS256 bearer tokens of API.md. Verification pins the algorithm, the
// issuer and the audience, and checks that the scope claim fits the role and the reference data.
import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { JWT_AUDIENCE, JWT_ISSUER, type Principal, ROLES, type Role } from './principal';

export interface ScopeDirectory {
  isKnownMunicipality(code: string): boolean;
  isKnownRiecRegion(id: string): boolean;
}

export class InvalidTokenError extends Error {
  readonly code = 'INVALID_TOKEN';
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

/**
 * The secret as a KeyObject, made once per secret: given a string, jsonwebtoken first tries it
 * as a PEM public key and only takes it as an HMAC secret after that throws — on every request,
 * the largest single cost of an intake request in a CPU profile.
 */
let secretKey: { secret: string; key: KeyObject } | undefined;
function hmacKeyOf(secret: string): KeyObject {
  if (secretKey?.secret !== secret) {
    secretKey = { secret, key: createSecretKey(Buffer.from(secret, 'utf8')) };
  }
  return secretKey.key;
}

/**
 * How far the issuer's clock and ours may disagree, in seconds: a token is taken this long after
 * its expiry and before its not-before time, and no longer.
 */
export const CLOCK_SKEW_SECONDS = 5;

export function verifyToken(token: string, secret: string, scopes: ScopeDirectory): Principal {
  let claims: unknown;
  try {
    claims = jwt.verify(token, hmacKeyOf(secret), {
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      clockTolerance: CLOCK_SKEW_SECONDS,
    });
  } catch (error) {
    throw new InvalidTokenError(error instanceof Error ? error.message : 'token rejected');
  }
  return principalFromClaims(claims, scopes);
}

/** The longest `sub` taken, in characters: it is stored as the actor of every event. */
export const MAX_SUBJECT_LENGTH = 200;

// Control characters (NUL among them, which PostgreSQL refuses) and lone surrogates (no UTF-8
// form): a `sub` is an identifier that goes into event metadata and logs, never such text. In a
// `u` regex the surrogate range matches only surrogates that are not part of a pair.
const UNSAFE_SUBJECT = /[\p{Cc}\uD800-\uDFFF]/u;

function isSubject(sub: unknown): sub is string {
  return (
    typeof sub === 'string' &&
    sub.length > 0 &&
    Array.from(sub).length <= MAX_SUBJECT_LENGTH &&
    !UNSAFE_SUBJECT.test(sub)
  );
}

export function principalFromClaims(claims: unknown, scopes: ScopeDirectory): Principal {
  if (typeof claims !== 'object' || claims === null) throw new InvalidTokenError('no claims');
  const c = claims as Record<string, unknown>;
  if (typeof c.exp !== 'number') throw new InvalidTokenError('exp claim is required');
  if (!isSubject(c.sub)) {
    throw new InvalidTokenError(
      `sub claim is required: 1–${MAX_SUBJECT_LENGTH} characters, no control characters`,
    );
  }
  const role = c.role;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw new InvalidTokenError('role claim is missing or unknown');
  }
  switch (role as Role) {
    case 'coordinator':
    case 'burgemeester': {
      const municipality = c.municipality;
      if (typeof municipality !== 'string' || !scopes.isKnownMunicipality(municipality)) {
        throw new InvalidTokenError(`${role} token needs a known municipality claim`);
      }
      return { sub: c.sub, role: role as 'coordinator' | 'burgemeester', municipality };
    }
    case 'analyst': {
      const riecRegion = c.riecRegion;
      if (typeof riecRegion !== 'string' || !scopes.isKnownRiecRegion(riecRegion)) {
        throw new InvalidTokenError('analyst token needs a known riecRegion claim');
      }
      return { sub: c.sub, role: 'analyst', riecRegion };
    }
    case 'admin':
      return { sub: c.sub, role: 'admin' };
  }
}

export interface MintTokenOptions {
  role: Role;
  sub?: string;
  municipality?: string;
  riecRegion?: string;
  /** Lifetime in seconds (default 8 hours). */
  expiresInSeconds?: number;
}

/** Mints a development token; the claims are checked like a verified token's would be. */
export function mintToken(
  options: MintTokenOptions,
  secret: string,
  scopes: ScopeDirectory,
): string {
  const ttl = options.expiresInSeconds ?? 8 * 3600;
  const payload: Record<string, unknown> = {
    sub: options.sub ?? `dev-${options.role}`,
    role: options.role,
    exp: Math.floor(Date.now() / 1000) + ttl,
  };
  if (options.municipality !== undefined) payload.municipality = options.municipality;
  if (options.riecRegion !== undefined) payload.riecRegion = options.riecRegion;
  principalFromClaims(payload, scopes);
  return jwt.sign(payload, secret, {
    algorithm: 'HS256',
    issuer: JWT_ISSUER,
    audience: JWT_AUDIENCE,
  });
}
