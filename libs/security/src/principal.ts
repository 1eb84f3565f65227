// Who is calling: the verified claims of a bearer token (API.md § Authentication).

export const ROLES = ['coordinator', 'analyst', 'burgemeester', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Principal =
  | { sub: string; role: 'coordinator'; municipality: string }
  | { sub: string; role: 'burgemeester'; municipality: string }
  | { sub: string; role: 'analyst'; riecRegion: string }
  | { sub: string; role: 'admin' };

export const JWT_ISSUER = 'weerbaar';
export const JWT_AUDIENCE = 'weerbaar-api';
