// Parsing the bodies of the signal endpoints: every rule of SPEC §3, all errors at once.
import { MalformedInputError, ValidationError, type FieldError } from '../errors';
import {
  parseAmendSignalRequest,
  parseRecordSignalRequest,
  parseRetractSignalRequest,
  type SignalValidationContext,
} from './signal.validation';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const context: SignalValidationContext = {
  now: NOW,
  municipalities: { isKnownMunicipality: (code) => ['GM0363', 'GM0599'].includes(code) },
};

const validBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  municipality: 'GM0363',
  category: 'THREAT',
  subcategory: 'AT_HOME',
  targetRole: 'WETHOUDER',
  severity: 4,
  occurredAt: '2025-05-30T21:15:00+02:00',
  description: '  Man stond ’s avonds voor de deur en dreigde.  ',
  subjects: [{ kind: 'PERSON', identifier: ' Jan de Vries ', displayName: 'J. de V.' }],
  policeReportFiled: true,
  policeReportReference: 'PL1300-2025123456',
  source: 'DIRECT',
  ...overrides,
});

function fieldErrorsOf(parse: () => unknown): FieldError[] {
  try {
    parse();
  } catch (error) {
    if (error instanceof ValidationError || error instanceof MalformedInputError) {
      return [...error.errors];
    }
    throw error;
  }
  throw new Error('expected the input to be refused');
}

const fieldsOf = (parse: () => unknown): string[] => fieldErrorsOf(parse).map((e) => e.field);

describe('parseRecordSignalRequest', () => {
  it('parses a valid body into normalised, typed values with the defaults of SPEC §3', () => {
    expect(parseRecordSignalRequest(validBody(), context)).toEqual({
      facts: {
        municipality: 'GM0363',
        category: 'THREAT',
        subcategory: 'AT_HOME',
        targetRole: 'WETHOUDER',
        severity: 4,
        occurredAt: '2025-05-30T19:15:00.000Z',
        policeReportFiled: true,
        source: 'DIRECT',
        classification: 'TLP:AMBER',
        sourceReliability: 'F',
        informationCredibility: '6',
        withholdFromMayor: false,
      },
      personal: {
        description: 'Man stond ’s avonds voor de deur en dreigde.',
        subjects: [{ kind: 'PERSON', identifier: 'Jan de Vries', displayName: 'J. de V.' }],
        policeReportReference: 'PL1300-2025123456',
      },
    });
  });

  it('keeps a client-chosen signal id, in lower case', () => {
    const parsed = parseRecordSignalRequest(
      validBody({ signalId: 'A0B1C2D3-E4F5-4A6B-8C7D-9E0F1A2B3C4D' }),
      context,
    );
    expect(parsed.signalId).toBe('a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d');
  });

  it('takes explicit classification and Admiralty grading', () => {
    const parsed = parseRecordSignalRequest(
      validBody({ classification: 'TLP:RED', sourceReliability: 'B', informationCredibility: '2' }),
      context,
    );
    expect(parsed.facts).toMatchObject({
      classification: 'TLP:RED',
      sourceReliability: 'B',
      informationCredibility: '2',
    });
  });

  it('reports every broken field at once', () => {
    const errors = fieldErrorsOf(() =>
      parseRecordSignalRequest(
        {
          signalId: 'not-a-uuid',
          municipality: 'GM363',
          category: 'threat',
          subcategory: 'NOPE',
          targetRole: 'MAYOR',
          severity: 6,
          occurredAt: '2025-05-30',
          description: '   ',
          subjects: [{ kind: 'CAR', identifier: '' }],
          policeReportFiled: 'yes',
          source: 'TWITTER',
          classification: 'RED',
          sourceReliability: 'G',
          informationCredibility: 6,
        },
        context,
      ),
    );
    expect(errors.map((e) => e.field).sort()).toEqual(
      [
        'signalId',
        'municipality',
        'category',
        'subcategory',
        'targetRole',
        'severity',
        'occurredAt',
        'description',
        'subjects[0].kind',
        'subjects[0].identifier',
        'policeReportFiled',
        'source',
        'classification',
        'sourceReliability',
        'informationCredibility',
      ].sort(),
    );
  });

  it('reports missing required fields', () => {
    expect(fieldsOf(() => parseRecordSignalRequest({}, context)).sort()).toEqual(
      [
        'municipality',
        'category',
        'subcategory',
        'targetRole',
        'severity',
        'occurredAt',
        'description',
        'policeReportFiled',
        'source',
      ].sort(),
    );
  });

  it('refuses a body that is not an object, and unknown fields, as malformed (400)', () => {
    expect(() => parseRecordSignalRequest([], context)).toThrow(MalformedInputError);
    expect(() => parseRecordSignalRequest('x', context)).toThrow(MalformedInputError);
    const errors = fieldErrorsOf(() =>
      parseRecordSignalRequest(
        validBody({ colour: 'red', subjects: [{ kind: 'PERSON', identifier: 'x', age: 40 }] }),
        context,
      ),
    );
    expect(errors.map((e) => e.field)).toEqual(['colour', 'subjects[0].age']);
  });

  describe('municipality', () => {
    it('must look like a CBS code', () => {
      expect(
        fieldErrorsOf(() =>
          parseRecordSignalRequest(validBody({ municipality: 'gm0363' }), context),
        ),
      ).toEqual([
        { field: 'municipality', message: 'must be a CBS municipality code such as GM0363' },
      ]);
    });

    it('must exist in the reference data', () => {
      expect(
        fieldErrorsOf(() =>
          parseRecordSignalRequest(validBody({ municipality: 'GM9999' }), context),
        ),
      ).toEqual([{ field: 'municipality', message: 'GM9999 is not a known municipality' }]);
    });
  });

  it('requires the subcategory to belong to the category', () => {
    const [error] = fieldErrorsOf(() =>
      parseRecordSignalRequest(validBody({ category: 'BRIBERY', subcategory: 'AT_HOME' }), context),
    );
    expect(error).toEqual({
      field: 'subcategory',
      message:
        'AT_HOME is not a subcategory of BRIBERY; use one of MONEY_OFFER, GIFT_OR_FAVOUR, CONFLICT_OF_INTEREST',
    });
  });

  it.each([0, 6, 2.5, '3', null])('refuses severity %p', (severity) => {
    expect(fieldsOf(() => parseRecordSignalRequest(validBody({ severity }), context))).toEqual([
      'severity',
    ]);
  });

  it.each([1, 5])('accepts severity %p', (severity) => {
    expect(parseRecordSignalRequest(validBody({ severity }), context).facts.severity).toBe(
      severity,
    );
  });

  describe('occurredAt', () => {
    it.each([
      ['a date only', '2025-05-30'],
      ['no time zone', '2025-05-30T12:00:00'],
      ['a day that does not exist', '2025-02-29T12:00:00Z'],
      ['an hour that does not exist', '2025-05-30T24:00:00Z'],
      ['not a date at all', 'yesterday'],
      ['a number', 1748600000000],
      ['a space for the T', '2025-05-30 12:00:00Z'],
    ])('refuses %s', (_, occurredAt) => {
      expect(fieldsOf(() => parseRecordSignalRequest(validBody({ occurredAt }), context))).toEqual([
        'occurredAt',
      ]);
    });

    it.each([
      ['UTC', '2025-05-30T12:00:00Z', '2025-05-30T12:00:00.000Z'],
      ['an offset', '2025-05-30T14:00+02:00', '2025-05-30T12:00:00.000Z'],
      ['a negative offset', '2025-05-30T07:00:00-05:00', '2025-05-30T12:00:00.000Z'],
      ['fractions', '2025-05-30T12:00:00.123456Z', '2025-05-30T12:00:00.123Z'],
      ['a leap day', '2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
    ])('accepts %s and normalises to UTC', (_, occurredAt, normalised) => {
      expect(parseRecordSignalRequest(validBody({ occurredAt }), context).facts.occurredAt).toBe(
        normalised,
      );
    });

    it('allows five minutes of clock skew into the future, not more', () => {
      const parse = (occurredAt: string) => () =>
        parseRecordSignalRequest(validBody({ occurredAt }), context);
      expect(parse('2025-06-01T12:05:00Z')).not.toThrow();
      expect(fieldErrorsOf(parse('2025-06-01T12:05:01Z'))).toEqual([
        { field: 'occurredAt', message: 'must not be in the future' },
      ]);
    });

    it('goes back ten years, not more', () => {
      const parse = (occurredAt: string) => () =>
        parseRecordSignalRequest(validBody({ occurredAt }), context);
      expect(parse('2015-06-01T12:00:00Z')).not.toThrow();
      expect(fieldErrorsOf(parse('2015-06-01T11:59:59Z'))).toEqual([
        { field: 'occurredAt', message: 'must not be more than 10 years ago' },
      ]);
    });
  });

  describe('description', () => {
    it('counts characters, not UTF-16 units: 10 000 emoji fit', () => {
      const description = '🚨'.repeat(10_000);
      expect(
        parseRecordSignalRequest(validBody({ description }), context).personal.description,
      ).toBe(description);
    });

    it('refuses more than 10 000 characters and blank text', () => {
      expect(
        fieldsOf(() =>
          parseRecordSignalRequest(validBody({ description: 'x'.repeat(10_001) }), context),
        ),
      ).toEqual(['description']);
      expect(
        fieldsOf(() => parseRecordSignalRequest(validBody({ description: ' \n\t ' }), context)),
      ).toEqual(['description']);
    });
  });

  describe('subjects', () => {
    const subject = (n: number) => ({ kind: 'VEHICLE', identifier: `XX-${n}-YY` });

    it('may be absent or empty: a signal need not name anyone', () => {
      expect(
        parseRecordSignalRequest(validBody({ subjects: undefined }), context).personal.subjects,
      ).toEqual([]);
      expect(
        parseRecordSignalRequest(validBody({ subjects: [] }), context).personal.subjects,
      ).toEqual([]);
    });

    it('allows twenty, not twenty-one', () => {
      const twenty = Array.from({ length: 20 }, (_, i) => subject(i));
      expect(
        parseRecordSignalRequest(validBody({ subjects: twenty }), context).personal.subjects,
      ).toHaveLength(20);
      expect(
        fieldsOf(() =>
          parseRecordSignalRequest(validBody({ subjects: [...twenty, subject(20)] }), context),
        ),
      ).toEqual(['subjects']);
    });

    it('checks each subject and names it by its index', () => {
      const errors = fieldsOf(() =>
        parseRecordSignalRequest(
          validBody({
            subjects: [
              subject(0),
              'Jan',
              { kind: 'PERSON', identifier: 'x'.repeat(201) },
              { kind: 'PERSON', identifier: 'Piet', displayName: 'y'.repeat(201) },
            ],
          }),
          context,
        ),
      );
      expect(errors).toEqual(['subjects[1]', 'subjects[2].identifier', 'subjects[3].displayName']);
    });

    it('drops a blank display name and refuses the same subject twice', () => {
      expect(
        parseRecordSignalRequest(
          validBody({ subjects: [{ kind: 'ADDRESS', identifier: 'Dam 1', displayName: '  ' }] }),
          context,
        ).personal.subjects,
      ).toEqual([{ kind: 'ADDRESS', identifier: 'Dam 1' }]);
      expect(
        fieldErrorsOf(() =>
          parseRecordSignalRequest(
            validBody({ subjects: [subject(1), { kind: 'VEHICLE', identifier: ' XX-1-YY ' }] }),
            context,
          ),
        ),
      ).toEqual([{ field: 'subjects[1]', message: 'is the same subject as subjects[0]' }]);
    });
  });

  describe('police report', () => {
    it('allows a reference only when a report was filed', () => {
      expect(
        fieldErrorsOf(() =>
          parseRecordSignalRequest(validBody({ policeReportFiled: false }), context),
        ),
      ).toEqual([
        {
          field: 'policeReportReference',
          message: 'is only allowed when policeReportFiled is true',
        },
      ]);
    });

    it('treats a blank or null reference as none', () => {
      for (const policeReportReference of ['', '  ', null]) {
        const parsed = parseRecordSignalRequest(
          validBody({ policeReportFiled: false, policeReportReference }),
          context,
        );
        expect(parsed.personal).not.toHaveProperty('policeReportReference');
      }
    });

    it('limits the reference to 100 characters', () => {
      expect(
        fieldsOf(() =>
          parseRecordSignalRequest(validBody({ policeReportReference: 'R'.repeat(101) }), context),
        ),
      ).toEqual(['policeReportReference']);
    });
  });
});

describe('text limits', () => {
  it('count the text as sent: surrounding spaces do not make a long text fit', () => {
    expect(
      fieldsOf(() =>
        parseRecordSignalRequest(validBody({ description: ` ${'x'.repeat(10_000)}` }), context),
      ),
    ).toEqual(['description']);
    expect(
      parseRecordSignalRequest(validBody({ description: ` ${'x'.repeat(9_999)}` }), context)
        .personal.description,
    ).toHaveLength(9_999);
  });
});

describe('withholding a signal from the burgemeester', () => {
  it('records a withheld signal with its reason, and defaults to not withheld', () => {
    const parsed = parseRecordSignalRequest(
      validBody({ withholdFromMayor: true, withholdReason: ' De burgemeester is betrokken ' }),
      context,
    );
    expect(parsed.facts.withholdFromMayor).toBe(true);
    expect(parsed.personal.withholdReason).toBe('De burgemeester is betrokken');
    expect(parseRecordSignalRequest(validBody(), context).facts.withholdFromMayor).toBe(false);
  });

  it('needs a reason to withhold, and a reason only when withheld', () => {
    expect(
      fieldsOf(() => parseRecordSignalRequest(validBody({ withholdFromMayor: true }), context)),
    ).toEqual(['withholdReason']);
    expect(
      fieldsOf(() =>
        parseRecordSignalRequest(validBody({ withholdReason: 'waarom niet' }), context),
      ),
    ).toEqual(['withholdReason']);
    expect(
      fieldsOf(() => parseRecordSignalRequest(validBody({ withholdFromMayor: 'ja' }), context)),
    ).toEqual(['withholdFromMayor']);
  });

  it('amends the withholding, and removes a reason with null', () => {
    expect(
      parseAmendSignalRequest(
        { withholdFromMayor: false, withholdReason: null, reason: 'Burgemeester niet betrokken' },
        context,
      ),
    ).toEqual({
      changes: { withholdFromMayor: false },
      personalChanges: { withholdReason: null },
      reason: 'Burgemeester niet betrokken',
    });
  });
});

describe('parseAmendSignalRequest', () => {
  it('parses the given fields only, and the reason', () => {
    expect(
      parseAmendSignalRequest(
        { severity: 5, description: ' Nu ook met een wapen. ', reason: ' Nieuwe informatie ' },
        context,
      ),
    ).toEqual({
      changes: { severity: 5 },
      personalChanges: { description: 'Nu ook met een wapen.' },
      reason: 'Nieuwe informatie',
    });
  });

  it('removes the police report reference with null or a blank', () => {
    for (const policeReportReference of [null, '']) {
      expect(
        parseAmendSignalRequest(
          { policeReportFiled: false, policeReportReference, reason: 'r' },
          context,
        ),
      ).toEqual({
        changes: { policeReportFiled: false },
        personalChanges: { policeReportReference: null },
        reason: 'r',
      });
    }
  });

  it('refuses to move a signal to another municipality', () => {
    expect(
      fieldErrorsOf(() =>
        parseAmendSignalRequest({ municipality: 'GM0599', reason: 'r' }, context),
      ),
    ).toEqual([
      {
        field: 'municipality',
        message: 'cannot be amended: retract the signal and record it anew',
      },
      { field: '', message: 'names no field to amend' },
    ]);
  });

  it('requires a reason of at most 2000 characters', () => {
    expect(fieldsOf(() => parseAmendSignalRequest({ severity: 2 }, context))).toEqual(['reason']);
    expect(fieldsOf(() => parseAmendSignalRequest({ severity: 2, reason: ' ' }, context))).toEqual([
      'reason',
    ]);
    expect(
      fieldsOf(() => parseAmendSignalRequest({ severity: 2, reason: 'r'.repeat(2001) }, context)),
    ).toEqual(['reason']);
  });

  it('applies the rules of recording to the given fields', () => {
    expect(
      fieldsOf(() =>
        parseAmendSignalRequest(
          {
            category: 'BRIBERY',
            subcategory: 'VERBAL',
            severity: 0,
            occurredAt: '2030-01-01T00:00:00Z',
            subjects: [{ kind: 'PERSON' }],
            policeReportFiled: false,
            policeReportReference: 'PL-1',
            reason: 'r',
          },
          context,
        ),
      ),
    ).toEqual([
      'subcategory',
      'severity',
      'occurredAt',
      'subjects[0].identifier',
      'policeReportReference',
    ]);
  });

  it('refuses null for a field that always has a value', () => {
    expect(
      fieldErrorsOf(() => parseAmendSignalRequest({ severity: null, reason: 'r' }, context)),
    ).toEqual([
      { field: 'severity', message: 'cannot be null: leave the field out to keep its value' },
    ]);
  });

  it('refuses unknown fields, such as the signal id, as malformed', () => {
    expect(() =>
      parseAmendSignalRequest({ signalId: 'x', severity: 2, reason: 'r' }, context),
    ).toThrow(MalformedInputError);
  });
});

describe('parseRetractSignalRequest', () => {
  it('takes a reason', () => {
    expect(parseRetractSignalRequest({ reason: ' Dubbel gemeld ' })).toEqual({
      reason: 'Dubbel gemeld',
    });
  });

  it('requires the reason and nothing else', () => {
    expect(fieldsOf(() => parseRetractSignalRequest({}))).toEqual(['reason']);
    expect(() => parseRetractSignalRequest({ reason: 'x', force: true })).toThrow(
      MalformedInputError,
    );
  });
});
