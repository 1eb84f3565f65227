// Whom to tell (SPEC §6): the contacts of each RIEC region (e-mail, optionally a signed webhook)
// and the burgemeester of each municipality. Set as a whole by an admin; every change is an event
// (streams `riec-contacts-<region>` and `municipality-contacts-<code>`). Webhook secrets are kept
// but never shown again: a contact given without a secret keeps the one it had for the same URL.
import { ValidationError } from '../errors';
import type { CommandMetadata } from '../shared/command-metadata';
import { InputReader, type JsonObject } from '../shared/input-reader';

export interface RiecContact {
  name: string;
  email: string;
  phone?: string;
  webhookUrl?: string;
  /** Standard Webhooks secret (`whsec_<base64>` or base64): signs the webhooks to this contact. */
  webhookSecret?: string;
}

export interface MayorContact {
  name: string;
  email: string;
}

export interface RiecContactsSet {
  type: 'RiecContactsSet';
  data: { riecRegion: string; contacts: RiecContact[]; setBy: string; setAt: string };
}

export interface MunicipalityContactsSet {
  type: 'MunicipalityContactsSet';
  data: { municipality: string; burgemeester: MayorContact | null; setBy: string; setAt: string };
}

export type ContactsEvent = RiecContactsSet | MunicipalityContactsSet;

export const riecContactsStreamId = (riecRegion: string): string => `riec-contacts-${riecRegion}`;
export const municipalityContactsStreamId = (code: string): string =>
  `municipality-contacts-${code}`;

export const CONTACT_LIMITS = {
  maxContacts: 20,
  nameMaxLength: 200,
  emailMaxLength: 254,
  phoneMaxLength: 30,
  urlMaxLength: 2_000,
} as const;

// Practical syntax of an address: one @, no spaces, a dot in the domain (RFC 5321 in spirit,
// without the quoted forms nobody sends to an RIEC).
const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;
const PHONE = /^\+?[0-9 ()-]{6,30}$/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A webhook secret's key: `whsec_` and base64 of 24 to 64 bytes (the Standard Webhooks sizes). */
export function webhookSecretProblem(secret: string): string | undefined {
  const base64 = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return 'must be whsec_ followed by base64';
  const bytes = Buffer.from(base64, 'base64').length;
  if (bytes < 24 || bytes > 64) return 'must hold 24 to 64 bytes of key (base64)';
  return undefined;
}

/** https anywhere; plain http only to this machine (a local receiver, a test). */
export function webhookUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.username || url.password) return 'must not hold credentials';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  return 'must be an https URL (plain http only to localhost)';
}

/** The body of `PUT /admin/riec-contacts/{region}`. */
export function parseRiecContactsRequest(input: unknown): RiecContact[] {
  const reader = new InputReader();
  const body = reader.root(input, ['contacts']);
  const contacts: RiecContact[] = [];
  reader.array(body, 'contacts', CONTACT_LIMITS.maxContacts)?.forEach((item, index) => {
    const path = `contacts[${index}]`;
    const source = reader.nested(item, path, [
      'name',
      'email',
      'phone',
      'webhookUrl',
      'webhookSecret',
    ]);
    if (source === undefined) return;
    const contact = readPerson(reader, source, path);
    const phone = reader.text(
      source,
      'phone',
      { required: false, maxLength: CONTACT_LIMITS.phoneMaxLength, trim: true },
      `${path}.phone`,
    );
    if (phone !== undefined && !PHONE.test(phone)) {
      reader.error(`${path}.phone`, 'must be a telephone number such as +31 20 123 4567');
    }
    const webhookUrl = reader.text(
      source,
      'webhookUrl',
      { required: false, maxLength: CONTACT_LIMITS.urlMaxLength, trim: true },
      `${path}.webhookUrl`,
    );
    const urlProblem = webhookUrl === undefined ? undefined : webhookUrlProblem(webhookUrl);
    if (urlProblem) reader.error(`${path}.webhookUrl`, urlProblem);
    const webhookSecret = reader.text(
      source,
      'webhookSecret',
      { required: false, maxLength: 200, trim: true },
      `${path}.webhookSecret`,
    );
    const secretProblem =
      webhookSecret === undefined ? undefined : webhookSecretProblem(webhookSecret);
    if (secretProblem) reader.error(`${path}.webhookSecret`, secretProblem);
    if (webhookSecret !== undefined && webhookUrl === undefined) {
      reader.error(`${path}.webhookSecret`, 'is only allowed with a webhookUrl');
    }
    if (contact === undefined) return;
    const parsed: RiecContact = { ...contact };
    if (phone !== undefined) parsed.phone = phone;
    if (webhookUrl !== undefined) parsed.webhookUrl = webhookUrl;
    if (webhookSecret !== undefined) parsed.webhookSecret = webhookSecret;
    contacts.push(parsed);
  });
  reader.throwIfAny();
  return contacts;
}

/** The body of `PUT /admin/municipality-contacts/{code}`: `{burgemeester: {name, email} | null}`. */
export function parseMunicipalityContactsRequest(input: unknown): MayorContact | null {
  const reader = new InputReader();
  const body = reader.root(input, ['burgemeester']);
  if (body.burgemeester === null) {
    reader.throwIfAny();
    return null;
  }
  if (body.burgemeester === undefined) {
    reader.error('burgemeester', 'is required: {name, email}, or null to remove');
    reader.throwIfAny();
  }
  const source = reader.nested(body.burgemeester, 'burgemeester', ['name', 'email']);
  const contact = source === undefined ? undefined : readPerson(reader, source, 'burgemeester');
  reader.throwIfAny();
  return contact ?? null;
}

function readPerson(
  reader: InputReader,
  source: JsonObject,
  path: string,
): { name: string; email: string } | undefined {
  const name = reader.text(
    source,
    'name',
    { required: true, maxLength: CONTACT_LIMITS.nameMaxLength, trim: true },
    `${path}.name`,
  );
  const email = reader.text(
    source,
    'email',
    { required: true, maxLength: CONTACT_LIMITS.emailMaxLength, trim: true },
    `${path}.email`,
  );
  if (email !== undefined && !EMAIL.test(email)) {
    reader.error(`${path}.email`, 'must be an e-mail address such as naam@riec.nl');
    return undefined;
  }
  return name === undefined || email === undefined ? undefined : { name, email };
}

export interface SetRiecContacts {
  type: 'SetRiecContacts';
  data: { riecRegion: string; contacts: RiecContact[] };
  metadata: CommandMetadata;
}

export interface RiecContactsState {
  contacts: RiecContact[];
}

/** The RIEC contacts of one region as a decider: set as a whole, secrets carried over by URL. */
export const riecContactsDecider = {
  initialState: (): RiecContactsState => ({ contacts: [] }),
  evolve: (_state: RiecContactsState, event: RiecContactsSet): RiecContactsState => ({
    contacts: event.data.contacts,
  }),
  decide: (command: SetRiecContacts, state: RiecContactsState): RiecContactsSet[] => {
    const previous = new Map(
      state.contacts
        .filter((c) => c.webhookUrl !== undefined && c.webhookSecret !== undefined)
        .map((c) => [c.webhookUrl, c.webhookSecret]),
    );
    const problems: { field: string; message: string }[] = [];
    const contacts = command.data.contacts.map((contact, index) => {
      if (contact.webhookUrl === undefined || contact.webhookSecret !== undefined) return contact;
      const kept = previous.get(contact.webhookUrl);
      if (kept === undefined) {
        problems.push({
          field: `contacts[${index}].webhookSecret`,
          message: 'is required for a new webhookUrl',
        });
        return contact;
      }
      return { ...contact, webhookSecret: kept };
    });
    if (problems.length > 0) throw new ValidationError(problems);
    if (JSON.stringify(contacts) === JSON.stringify(state.contacts)) return [];
    return [
      {
        type: 'RiecContactsSet',
        data: {
          riecRegion: command.data.riecRegion,
          contacts,
          setBy: command.metadata.actor,
          setAt: command.metadata.now.toISOString(),
        },
      },
    ];
  },
};

export interface SetMunicipalityContacts {
  type: 'SetMunicipalityContacts';
  data: { municipality: string; burgemeester: MayorContact | null };
  metadata: CommandMetadata;
}

export interface MunicipalityContactsState {
  burgemeester: MayorContact | null;
}

export const municipalityContactsDecider = {
  initialState: (): MunicipalityContactsState => ({ burgemeester: null }),
  evolve: (
    _state: MunicipalityContactsState,
    event: MunicipalityContactsSet,
  ): MunicipalityContactsState => ({ burgemeester: event.data.burgemeester }),
  decide: (
    command: SetMunicipalityContacts,
    state: MunicipalityContactsState,
  ): MunicipalityContactsSet[] => {
    if (JSON.stringify(command.data.burgemeester) === JSON.stringify(state.burgemeester)) return [];
    return [
      {
        type: 'MunicipalityContactsSet',
        data: {
          municipality: command.data.municipality,
          burgemeester: command.data.burgemeester,
          setBy: command.metadata.actor,
          setAt: command.metadata.now.toISOString(),
        },
      },
    ];
  },
};

/** A contact as an admin may read it back: whether there is a secret, never the secret. */
export function withoutSecret(contact: RiecContact): Omit<RiecContact, 'webhookSecret'> & {
  hasWebhookSecret: boolean;
} {
  const { webhookSecret, ...rest } = contact;
  return { ...rest, hasWebhookSecret: webhookSecret !== undefined };
}
