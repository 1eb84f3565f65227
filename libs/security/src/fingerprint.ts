// The keyed fingerprint of a subject: links the same subject across signals and municipalities
// without revealing it. HMAC-SHA256 over the kind and the normalised identifier.
import { createHmac } from 'node:crypto';

export function normaliseIdentifier(kind: string, identifier: string): string {
  const folded = identifier.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
  // Licence plates and postcodes are written with and without dashes and spaces.
  return kind === 'VEHICLE' || kind === 'ADDRESS' ? folded.replace(/[\s-]/g, '') : folded;
}

export function subjectFingerprint(key: string, kind: string, identifier: string): string {
  return createHmac('sha256', key)
    .update(`${kind}\u0000${normaliseIdentifier(kind, identifier)}`)
    .digest('hex');
}

/** The fingerprints of a signal's subjects, in their order. */
export function subjectFingerprints(
  key: string,
  subjects: readonly { kind: string; identifier: string }[],
): string[] {
  return subjects.map((subject) => subjectFingerprint(key, subject.kind, subject.identifier));
}
