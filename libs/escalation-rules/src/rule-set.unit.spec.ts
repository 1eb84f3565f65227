// Rule sets are data; a rule set from outside is checked before it is used.
import { MalformedInputError, ValidationError } from '@weerbaar/domain';
import { horizonsOf, parseRuleSet, RULE_SET_V1 } from './rule-set';

describe('rule sets', () => {
  it('version 1 holds the six rules of SPEC §5 with their parameters', () => {
    expect(RULE_SET_V1).toEqual({
      version: 1,
      rules: [
        { id: 'threat-cluster', params: { minSignals: 3, windowDays: 30 } },
        { id: 'bribery-and-infiltration', params: { windowDays: 90 } },
        { id: 'cross-municipality-subject', params: { minMunicipalities: 2, windowDays: 180 } },
        { id: 'critical-signal', params: { minSeverity: 5 } },
        { id: 'election-infiltration', params: { daysBefore: 180 } },
        { id: 'rising-risk', params: { minLevel: 'HIGH' } },
      ],
    });
  });

  it('parses a rule set given as JSON, with or without a version', () => {
    expect(parseRuleSet(JSON.parse(JSON.stringify(RULE_SET_V1)))).toEqual(RULE_SET_V1);
    expect(parseRuleSet({ rules: RULE_SET_V1.rules })).toEqual({ rules: RULE_SET_V1.rules });
  });

  it('reports every problem of a broken rule set', () => {
    try {
      parseRuleSet({
        version: 0,
        rules: [
          { id: 'threat-cluster', params: { minSignals: 1, windowDays: 0 } },
          { id: 'critical-signal', params: { minSeverity: 6 } },
          { id: 'threat-cluster', params: { minSignals: 3, windowDays: 30 } },
          { id: 'full-moon', params: {} },
          { id: 'bribery-and-infiltration', params: { windowDays: 366 } },
          { id: 'rising-risk', params: { minLevel: 'LOW' } },
        ],
      });
      throw new Error('expected a ValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors.map((e) => e.field)).toEqual([
        'rules[0].params.minSignals',
        'rules[0].params.windowDays',
        'rules[1].params.minSeverity',
        'rules[2].id',
        'rules[3].id',
        'rules[4].params.windowDays',
        'rules[5].params.minLevel',
        'version',
      ]);
    }
  });

  it('refuses an empty rule set and unknown parameters', () => {
    expect(() => parseRuleSet({ rules: [] })).toThrow(ValidationError);
    expect(() =>
      parseRuleSet({
        rules: [{ id: 'critical-signal', params: { minSeverity: 5, colour: 'red' } }],
      }),
    ).toThrow(MalformedInputError);
  });

  it('knows how far back its rules look', () => {
    expect(horizonsOf([RULE_SET_V1])).toEqual({
      municipality: { THREAT: 30, BRIBERY: 90, INFILTRATION: 90 },
      subject: 180,
    });
    expect(
      horizonsOf([{ version: 2, rules: [{ id: 'critical-signal', params: { minSeverity: 5 } }] }]),
    ).toEqual({
      municipality: { THREAT: 0, BRIBERY: 0, INFILTRATION: 0 },
      subject: 0,
    });
  });
});
