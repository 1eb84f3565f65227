// Deterministic escalation ids: the same rule, municipality and triggering event always name
// the same escalation, so a redelivery or a replay can never raise it twice.
import { createHash } from 'node:crypto';

/**
 * A UUID derived with SHA-256 from the parts, formatted like a name-based v5 UUID (version and
 * variant bits set). Each part is length-prefixed, so ("ab", "c") and ("a", "bc") differ.
 */
export function deterministicUuid(namespace: string, ...parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of [namespace, ...parts]) hash.update(`${part.length}:${part};`);
  const bytes = hash.digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const ESCALATION_ID_NAMESPACE = 'weerbaar/escalation';

export function escalationIdFor(
  ruleId: string,
  municipality: string,
  triggeringEventId: string,
): string {
  return deterministicUuid(ESCALATION_ID_NAMESPACE, ruleId, municipality, triggeringEventId);
}
