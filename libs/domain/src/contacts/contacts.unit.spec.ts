// Contacts are validated (e-mail syntax, https or loopback http webhooks, real secrets), set as a
// whole, and a webhook secret survives an edit that does not repeat it.
import { DeciderSpecification } from '../../../testing/src/specification/decider-specification';
import { MalformedInputError, ValidationError } from '../errors';
import {
  municipalityContactsDecider,
  parseMunicipalityContactsRequest,
  parseRiecContactsRequest,
  riecContactsDecider,
  type RiecContactsSet,
  withoutSecret,
} from './contacts';

const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const now = new Date('2026-11-24T10:00:00Z');
const metadata = { now, actor: 'admin-1' };
const fieldsOf = (parse: () => unknown): string[] => {
  try {
    parse();
  } catch (error) {
    if (error instanceof ValidationError || error instanceof MalformedInputError) {
      return error.errors.map((e) => e.field);
    }
    throw error;
  }
  return [];
};

describe('RIEC contacts', () => {
  it('parses contacts with optional phone and signed webhook', () => {
    expect(
      parseRiecContactsRequest({
        contacts: [
          { name: ' Anna Analist ', email: 'anna@riec-amsterdam.nl', phone: '+31 20 123 4567' },
          {
            name: 'Systeem',
            email: 'ops@riec.nl',
            webhookUrl: 'https://riec.example/hook',
            webhookSecret: SECRET,
          },
        ],
      }),
    ).toEqual([
      { name: 'Anna Analist', email: 'anna@riec-amsterdam.nl', phone: '+31 20 123 4567' },
      {
        name: 'Systeem',
        email: 'ops@riec.nl',
        webhookUrl: 'https://riec.example/hook',
        webhookSecret: SECRET,
      },
    ]);
  });

  it('refuses bad addresses, plain http to other hosts, short secrets and a secret without URL', () => {
    expect(
      fieldsOf(() =>
        parseRiecContactsRequest({
          contacts: [
            { name: 'A', email: 'not-an-address' },
            {
              name: 'B',
              email: 'b@x.nl',
              webhookUrl: 'http://riec.example/hook',
              webhookSecret: SECRET,
            },
            {
              name: 'C',
              email: 'c@x.nl',
              webhookUrl: 'http://127.0.0.1:9999/hook',
              webhookSecret: 'whsec_c2hvcnQ=',
            },
            { name: 'D', email: 'd@x.nl', webhookSecret: SECRET },
            { name: 'E', email: 'e@x.nl', phone: 'bel me' },
          ],
        }),
      ),
    ).toEqual([
      'contacts[0].email',
      'contacts[1].webhookUrl',
      'contacts[2].webhookSecret',
      'contacts[3].webhookSecret',
      'contacts[4].phone',
    ]);
    expect(() =>
      parseRiecContactsRequest({ contacts: [{ name: 'A', email: 'a@x.nl', fax: '1' }] }),
    ).toThrow(MalformedInputError);
  });

  const given = DeciderSpecification.for(riecContactsDecider);
  const set = (contacts: RiecContactsSet['data']['contacts']) => ({
    type: 'SetRiecContacts' as const,
    data: { riecRegion: 'amsterdam', contacts },
    metadata,
  });
  const withHook: RiecContactsSet = {
    type: 'RiecContactsSet',
    data: {
      riecRegion: 'amsterdam',
      contacts: [
        {
          name: 'Systeem',
          email: 'ops@riec.nl',
          webhookUrl: 'https://riec.example/hook',
          webhookSecret: SECRET,
        },
      ],
      setBy: 'admin-0',
      setAt: now.toISOString(),
    },
  };

  it('keeps the secret of a webhook URL that is given again without it; nothing changes, no event', () => {
    given([withHook])
      .when(
        set([{ name: 'Systeem', email: 'ops@riec.nl', webhookUrl: 'https://riec.example/hook' }]),
      )
      .thenNothingHappened();
    given([withHook])
      .when(
        set([{ name: 'Systeem 2', email: 'ops@riec.nl', webhookUrl: 'https://riec.example/hook' }]),
      )
      .thenState((state) => expect(state.contacts[0].webhookSecret).toBe(SECRET));
  });

  it('needs a secret for a new webhook URL', () => {
    given([withHook])
      .when(
        set([{ name: 'Systeem', email: 'ops@riec.nl', webhookUrl: 'https://other.example/hook' }]),
      )
      .thenThrows(ValidationError, (e) => e.errors[0].field === 'contacts[0].webhookSecret');
  });

  it('never shows a secret back', () => {
    expect(withoutSecret(withHook.data.contacts[0])).toEqual({
      name: 'Systeem',
      email: 'ops@riec.nl',
      webhookUrl: 'https://riec.example/hook',
      hasWebhookSecret: true,
    });
  });
});

describe('municipality contacts', () => {
  it('sets and clears the burgemeester, validated', () => {
    expect(
      parseMunicipalityContactsRequest({
        burgemeester: { name: 'F. Halsema', email: 'burgemeester@amsterdam.nl' },
      }),
    ).toEqual({
      name: 'F. Halsema',
      email: 'burgemeester@amsterdam.nl',
    });
    expect(parseMunicipalityContactsRequest({ burgemeester: null })).toBeNull();
    expect(
      fieldsOf(() => parseMunicipalityContactsRequest({ burgemeester: { name: '', email: 'x' } })),
    ).toEqual(['burgemeester.name', 'burgemeester.email']);
    expect(fieldsOf(() => parseMunicipalityContactsRequest({}))).toEqual(['burgemeester']);
    DeciderSpecification.for(municipalityContactsDecider)([])
      .when({
        type: 'SetMunicipalityContacts',
        data: { municipality: 'GM0363', burgemeester: null },
        metadata,
      })
      .thenNothingHappened();
  });
});
