// Which parts of which events are personal data, and whose key seals each: the one map the
// sealing store follows. Everything else of an event — the facts rules and projections read, the
// ids, the subject fingerprints and kinds — stays in clear. Owners of data keys (key-owners.ts):
//   signal                   description, police report reference, reasons;
//   signal + subject         a subject's identifier and name (either key destroyed erases them);
//   escalation               analysts' notes, closing notes, delivery recipients;
//   contact list             contact names, addresses, phone numbers, webhook URLs and secrets;
//   snooze                   why an analyst snoozed a rule.
import type {
  EscalationClosed,
  EscalationNoted,
  MayorContact,
  MunicipalityContactsSet,
  RiecContact,
  RiecContactsSet,
  SignalAmended,
  SignalPersonalChanges,
  SignalPersonalData,
  SignalRecorded,
  SignalRetracted,
  Subject,
} from '@weerbaar/domain';
import { keyOwner } from './key-owners';

/**
 * What to do with one personal text: seal it, open it, or note the keys it needs. `field` is its
 * path in the event's data. Undefined means it cannot be opened: a key was destroyed.
 */
export type PersonalText = (
  value: string,
  field: string,
  owners: readonly string[],
) => string | undefined;

type Data = Record<string, unknown>;

/** The event's data with each personal text passed through `text`; other events unchanged. */
export function mapPersonalData(type: string, data: unknown, text: PersonalText): unknown {
  if (typeof data !== 'object' || data === null) return data;
  const map = PERSONAL_FIELDS[type];
  return map === undefined ? data : map(data as Data, text);
}

const PERSONAL_FIELDS: Record<string, (data: Data, text: PersonalText) => Data> = {
  SignalRecorded: (data, text) => {
    const { signalId, facts, personal } = data as SignalRecorded['data'];
    const signal = new Texts(text, [keyOwner.signal(signalId)]);
    const next: SignalPersonalData = {
      ...personal,
      description: signal.required(personal.description, 'personal.description'),
      subjects: subjects(personal.subjects, facts.subjectFingerprints, signalId, 'personal', text),
    };
    signal.optional(next, 'policeReportReference', 'personal.policeReportReference');
    signal.optional(next, 'withholdReason', 'personal.withholdReason');
    if (signal.erased) next.erased = true;
    return { ...data, personal: next };
  },
  SignalAmended: (data, text) => {
    const { signalId, changes, personalChanges, reason } = data as SignalAmended['data'];
    const signal = new Texts(text, [keyOwner.signal(signalId)]);
    const next: SignalPersonalChanges = { ...personalChanges };
    signal.optional(next, 'description', 'personalChanges.description');
    signal.optional(next, 'policeReportReference', 'personalChanges.policeReportReference');
    signal.optional(next, 'withholdReason', 'personalChanges.withholdReason');
    if (Array.isArray(personalChanges.subjects)) {
      next.subjects = subjects(
        personalChanges.subjects,
        changes.subjectFingerprints ?? [],
        signalId,
        'personalChanges',
        text,
      );
    }
    const openedReason = signal.required(reason, 'reason');
    if (signal.erased) next.erased = true;
    return { ...data, personalChanges: next, reason: openedReason };
  },
  SignalRetracted: (data, text) => {
    const { signalId, reason } = data as SignalRetracted['data'];
    return {
      ...data,
      reason: new Texts(text, [keyOwner.signal(signalId)]).required(reason, 'reason'),
    };
  },
  EscalationNoted: (data, text) => {
    const { escalationId, text: note } = data as EscalationNoted['data'];
    return { ...data, text: escalationTexts(escalationId, text).required(note, 'text') };
  },
  EscalationClosed: (data, text) => {
    const { escalationId, note } = data as EscalationClosed['data'];
    return { ...data, note: escalationTexts(escalationId, text).required(note, 'note') };
  },
  RuleSnoozed: (data, text) => {
    const { snoozeId, reason } = data as { snoozeId: string; reason: string };
    return {
      ...data,
      reason: new Texts(text, [keyOwner.snooze(snoozeId)]).required(reason, 'reason'),
    };
  },
  EscalationNotified: recipientOf,
  EscalationDeliveryFailed: recipientOf,
  RiecContactsSet: (data, text) => {
    const { riecRegion, contacts } = data as RiecContactsSet['data'];
    const owner = new Texts(text, [keyOwner.riecContacts(riecRegion)]);
    const fields = ['name', 'email', 'phone', 'webhookUrl', 'webhookSecret'] as const;
    return {
      ...data,
      contacts: contacts.map((contact, i) => {
        const next: RiecContact = { ...contact };
        for (const field of fields) owner.optional(next, field, `contacts.${i}.${field}`);
        return next;
      }),
    };
  },
  MunicipalityContactsSet: (data, text) => {
    const { municipality, burgemeester } = data as MunicipalityContactsSet['data'];
    if (burgemeester === null || typeof burgemeester !== 'object') return data;
    const owner = new Texts(text, [keyOwner.municipalityContacts(municipality)]);
    const next: MayorContact = {
      name: owner.required(burgemeester.name, 'burgemeester.name'),
      email: owner.required(burgemeester.email, 'burgemeester.email'),
    };
    return { ...data, burgemeester: next };
  },
};

/** The event types that carry personal texts. */
export const PERSONAL_EVENT_TYPES: readonly string[] = Object.keys(PERSONAL_FIELDS);

function recipientOf(data: Data, text: PersonalText): Data {
  const { escalationId, recipient } = data as { escalationId: string; recipient: string };
  return {
    ...data,
    recipient: escalationTexts(escalationId, text).required(recipient, 'recipient'),
  };
}

const escalationTexts = (escalationId: string, text: PersonalText) =>
  new Texts(text, [keyOwner.escalation(escalationId)]);

/** A subject's identifier and name, under the signal's key and the subject's together. */
function subjects(
  list: readonly Subject[],
  fingerprints: readonly string[],
  signalId: string,
  at: string,
  text: PersonalText,
): Subject[] {
  return list.map((subject, i) => {
    const fingerprint = fingerprints[i];
    // Without its fingerprint a subject has no key of its own: the signal's key alone.
    const owners =
      fingerprint === undefined
        ? [keyOwner.signal(signalId)]
        : [keyOwner.signal(signalId), keyOwner.subject(fingerprint)];
    const texts = new Texts(text, owners);
    const next: Subject = {
      ...subject,
      identifier: texts.required(subject.identifier, `${at}.subjects.${i}.identifier`),
    };
    texts.optional(next, 'displayName', `${at}.subjects.${i}.displayName`);
    return texts.erased ? { kind: subject.kind, identifier: '', erased: true } : next;
  });
}

/** The texts of one set of owners, remembering whether any could not be opened. */
class Texts {
  erased = false;

  constructor(
    private readonly text: PersonalText,
    private readonly owners: readonly string[],
  ) {}

  /** A text that is always there; '' when it cannot be opened. */
  required(value: string, field: string): string {
    if (typeof value !== 'string') return value;
    const result = this.text(value, field, this.owners);
    if (result === undefined) this.erased = true;
    return result ?? '';
  }

  /** A text that may be absent (or null: removed in an amendment); '' when it cannot be opened. */
  optional<T extends object, K extends keyof T & string>(target: T, key: K, field: string): void {
    const value = target[key];
    if (typeof value !== 'string') return;
    target[key] = this.required(value, field) as T[K];
  }
}
