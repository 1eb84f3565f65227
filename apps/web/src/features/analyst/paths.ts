// Where the analyst's screens, and the screens that link to them, live.
export const REGION_PATH = '/region';

export function municipalityPath(code: string): string {
  return `/municipalities/${encodeURIComponent(code)}`;
}

export function subjectPath(fingerprint: string): string {
  return `/subjects/${encodeURIComponent(fingerprint)}`;
}

/** The escalation list filtered to one municipality (the escalations area's screen). */
export function escalationsOfMunicipalityPath(code: string): string {
  return `/escalations?${new URLSearchParams({ municipality: code }).toString()}`;
}
