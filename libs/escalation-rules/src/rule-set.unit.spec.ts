// Rule sets are data; a rule set from outside is checked before it is used.
import { MalformedInputError, ValidationError } from '@weerbaar/domain';
import { parseRuleSet, RULE_SET_V1 } from './rule-set';

describe('rule sets', () => {
  it('version 1 holds threat-cluster (3 in 30 days) and critical-signal (severity 5)', () => {
    expect(RULE_SET_V1).toEqual({
      version: 1,
      rules: [
        { id: 'threat-cluster', params: { minSignals: 3, windowDays: 30 } },
        { id: 'critical-signal', params: { minSeverity: 5 } },
      ],
    });
  });

  it('parses a rule set given as JSON', () => {
    expect(parseRuleSet(JSON.parse(JSON.stringify(RULE_SET_V1)))).toEqual(RULE_SET_V1);
  });

  it('reports every problem of a broken rule set', () => {
    try {
      parseRuleSet({
        version: 0,
        rules: [
          { id: 'threat-cluster', params: { minSignals: 1, windowDays: 30 } },
          { id: 'critical-signal', params: { minSeverity: 6 } },
          { id: 'threat-cluster', params: { minSignals: 3, windowDays: 30 } },
          { id: 'full-moon', params: {} },
        ],
      });
      throw new Error('expected a ValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors.map((e) => e.field)).toEqual([
        'version',
        'rules[0].params.minSignals',
        'rules[1].params.minSeverity',
        'rules[2].id',
        'rules[3].id',
      ]);
    }
  });

  it('refuses unknown parameters as malformed', () => {
    expect(() =>
      parseRuleSet({
        version: 2,
        rules: [{ id: 'critical-signal', params: { minSeverity: 5, colour: 'red' } }],
      }),
    ).toThrow(MalformedInputError);
  });
});
