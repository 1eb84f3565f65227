// The Dutch words of the messages: rule names with a neutral fallback, percentages that never
// overstate, the aangifte rate at its edges and moments in Dutch time.
import {
  aangifteRateNl,
  formatMomentNl,
  percentageNl,
  riskLevelNl,
  ruleLabelNl,
  TREND_LABELS_NL,
} from './labels';

describe('labels', () => {
  it('names every rule of SPEC §5 in plain Dutch', () => {
    expect(ruleLabelNl('threat-cluster')).toEqual({
      name: 'Reeks bedreigingen',
      description: 'drie of meer meldingen van bedreiging binnen 30 dagen',
    });
    expect(ruleLabelNl('bribery-and-infiltration').description).toContain(
      'omkoping én een van infiltratie binnen 90 dagen',
    );
    expect(ruleLabelNl('cross-municipality-subject').name).toBe(
      'Dezelfde betrokkene in meerdere gemeenten',
    );
    expect(ruleLabelNl('critical-signal').name).toBe('Melding van de hoogste ernst');
    expect(ruleLabelNl('election-infiltration').name).toBe(
      'Infiltratie rond de gemeenteraadsverkiezingen',
    );
    expect(ruleLabelNl('rising-risk').name).toBe('Stijgend risiconiveau');
  });

  it('gives a rule it does not know a neutral label that still names it', () => {
    expect(ruleLabelNl('night-visits')).toEqual({
      name: 'Regel night-visits',
      description: 'een patroon in de meldingen waarvoor het RIEC aandacht vraagt',
    });
    // Not Object.prototype's members for ids that happen to be their names.
    expect(ruleLabelNl('constructor').name).toBe('Regel constructor');
    expect(ruleLabelNl('__proto__').name).toBe('Regel __proto__');
  });

  it('says risk levels and trends as a burgemeester reads them', () => {
    expect([riskLevelNl('LOW'), riskLevelNl('ELEVATED'), riskLevelNl('HIGH')]).toEqual([
      'laag',
      'verhoogd',
      'hoog',
    ]);
    expect(riskLevelNl('CRITICAL')).toBe('kritiek');
    expect(TREND_LABELS_NL).toEqual({
      RISING: 'stijgend',
      STABLE: 'gelijkblijvend',
      FALLING: 'dalend',
    });
  });

  it('rounds percentages to whole numbers without claiming none or all when that is not so', () => {
    expect(percentageNl(2, 3)).toBe('67%');
    expect(percentageNl(1, 3)).toBe('33%');
    expect(percentageNl(0, 5)).toBe('0%');
    expect(percentageNl(5, 5)).toBe('100%');
    expect(percentageNl(199, 200)).toBe('99%');
    expect(percentageNl(1, 400)).toBe('1%');
  });

  it('writes the aangifte rate for many, one and no signals', () => {
    expect(aangifteRateNl({ filed: 2, eligible: 3 })).toBe(
      '2 van de 3 meldingen van bedreiging en omkoping (67%)',
    );
    expect(aangifteRateNl({ filed: 0, eligible: 1 })).toBe(
      '0 van 1 melding van bedreiging of omkoping (0%)',
    );
    expect(aangifteRateNl({ filed: 0, eligible: 0 })).toBe(
      'geen meldingen van bedreiging of omkoping',
    );
  });

  it('shows a moment in Dutch time, in winter and in summer', () => {
    expect(formatMomentNl(new Date('2026-11-24T10:00:00Z'))).toBe('24 november 2026 om 11:00 uur');
    expect(formatMomentNl(new Date('2026-06-15T22:30:00Z'))).toBe('16 juni 2026 om 00:30 uur');
  });
});
