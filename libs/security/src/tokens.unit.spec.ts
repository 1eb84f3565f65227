import jwt from 'jsonwebtoken';
import { mintToken, verifyToken, InvalidTokenError } from './tokens';

const SECRET = 'a-development-secret-of-at-least-32-chars';
const scopes = {
  isKnownMunicipality: (code: string) => code === 'GM0363',
  isKnownRiecRegion: (id: string) => id === 'amsterdam',
};
const sign = (claims: object, options: jwt.SignOptions = {}, secret = SECRET) =>
  jwt.sign(claims, secret, {
    algorithm: 'HS256',
    issuer: 'weerbaar',
    audience: 'weerbaar-api',
    expiresIn: 60,
    ...options,
  });

describe('bearer tokens', () => {
  it('allows a few seconds of clock skew, and no more', () => {
    const justExpired = sign({ sub: 'u', role: 'admin' }, { expiresIn: -3 });
    expect(verifyToken(justExpired, SECRET, scopes)).toMatchObject({ role: 'admin' });
    const almostValid = sign({ sub: 'u', role: 'admin' }, { notBefore: 3 });
    expect(verifyToken(almostValid, SECRET, scopes)).toMatchObject({ role: 'admin' });
  });

  it('round-trips a minted token into its principal', () => {
    const token = mintToken(
      { role: 'coordinator', municipality: 'GM0363', sub: 'u1' },
      SECRET,
      scopes,
    );
    expect(verifyToken(token, SECRET, scopes)).toEqual({
      sub: 'u1',
      role: 'coordinator',
      municipality: 'GM0363',
    });
    const analyst = mintToken({ role: 'analyst', riecRegion: 'amsterdam' }, SECRET, scopes);
    expect(verifyToken(analyst, SECRET, scopes)).toMatchObject({
      role: 'analyst',
      riecRegion: 'amsterdam',
    });
  });

  it.each([
    [
      'another secret',
      sign({ sub: 'u', role: 'admin' }, {}, 'another-secret-another-secret-another'),
    ],
    ['another issuer', sign({ sub: 'u', role: 'admin' }, { issuer: 'evil' })],
    ['another audience', sign({ sub: 'u', role: 'admin' }, { audience: 'other' })],
    [
      'no expiry',
      jwt.sign({ sub: 'u', role: 'admin' }, SECRET, {
        issuer: 'weerbaar',
        audience: 'weerbaar-api',
      }),
    ],
    ['an expired token', sign({ sub: 'u', role: 'admin' }, { expiresIn: -3600 })],
    ['a token expired 10 s ago', sign({ sub: 'u', role: 'admin' }, { expiresIn: -10 })],
    ['a token valid only from 10 s on', sign({ sub: 'u', role: 'admin' }, { notBefore: 10 })],
    [
      'alg none',
      `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'u', role: 'admin', iss: 'weerbaar', aud: 'weerbaar-api', exp: 9e9 })).toString('base64url')}.`,
    ],
    ['an unknown role', sign({ sub: 'u', role: 'root' })],
    ['a coordinator without a municipality', sign({ sub: 'u', role: 'coordinator' })],
    [
      'a coordinator of an unknown municipality',
      sign({ sub: 'u', role: 'coordinator', municipality: 'GM9999' }),
    ],
    [
      'an analyst of an unknown region',
      sign({ sub: 'u', role: 'analyst', riecRegion: 'atlantis' }),
    ],
    ['no subject', sign({ role: 'admin' })],
    ['an empty subject', sign({ sub: '', role: 'admin' })],
    ['a subject with a NUL', sign({ sub: 'u\u0000', role: 'admin' })],
    ['a subject with a line break', sign({ sub: 'u\nforged log line', role: 'admin' })],
    ['a subject with a lone surrogate', sign({ sub: 'u\ud800', role: 'admin' })],
    ['a subject over 200 characters', sign({ sub: 'u'.repeat(201), role: 'admin' })],
  ])('rejects %s', (_name, token) => {
    expect(() => verifyToken(token, SECRET, scopes)).toThrow(InvalidTokenError);
  });

  it('takes a subject of 200 characters, counted as characters, not UTF-16 units', () => {
    const sub = '😀'.repeat(200);
    expect(verifyToken(sign({ sub, role: 'admin' }), SECRET, scopes)).toEqual({
      sub,
      role: 'admin',
    });
  });

  it('refuses to mint a token whose scope does not fit its role', () => {
    expect(() => mintToken({ role: 'analyst' }, SECRET, scopes)).toThrow(InvalidTokenError);
    expect(() =>
      mintToken({ role: 'burgemeester', municipality: 'GM0001' }, SECRET, scopes),
    ).toThrow(InvalidTokenError);
  });
});
