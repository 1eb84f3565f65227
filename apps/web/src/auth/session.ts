// Where the signed-in person's token comes from and lives: the one module a later OIDC sign-in
// replaces. The token is kept in session storage (gone with the tab), never in a URL.
import { useSyncExternalStore } from 'react';

export type Role = 'coordinator' | 'analyst' | 'burgemeester' | 'admin';

export interface Session {
  token: string;
  sub: string;
  role: Role;
  municipality?: string;
  riecRegion?: string;
  expiresAt: string;
}

const KEY = 'weerbaar.session';
const listeners = new Set<() => void>();
let cached: { raw: string | null; session: Session | null } = { raw: null, session: null };

function read(): Session | null {
  const raw = window.sessionStorage.getItem(KEY);
  if (raw !== cached.raw) {
    let session: Session | null = null;
    try {
      session = raw ? (JSON.parse(raw) as Session) : null;
    } catch {
      session = null;
    }
    cached = { raw, session };
  }
  const session = cached.session;
  if (session && Date.parse(session.expiresAt) <= Date.now()) return null;
  return session;
}

function notify(): void {
  for (const listener of listeners) listener();
}

export function currentSession(): Session | null {
  return read();
}

export function currentToken(): string | undefined {
  return read()?.token;
}

export function signIn(session: Session): void {
  window.sessionStorage.setItem(KEY, JSON.stringify(session));
  notify();
}

export function signOut(): void {
  if (window.sessionStorage.getItem(KEY) === null) return;
  window.sessionStorage.removeItem(KEY);
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The signed-in person, re-rendering when they sign in or out. */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, read, () => null);
}
