// The RIEC's e-mail about an escalation: subject per kind, every summary field in Dutch, the
// link to the case, the reminder that details stay in Weerbaar, and escaped HTML.
import { escalationNotice } from '../../../testing/src/builders/message.builders';
import { DETAILS_ONLY_IN_WEERBAAR_LINE, riecEscalationEmail } from './riec-escalation.email';

describe('riecEscalationEmail', () => {
  it('names the rule and the municipality in the subject, and says when it was updated', () => {
    expect(riecEscalationEmail(escalationNotice()).subject).toBe(
      'Weerbaar: escalatie Reeks bedreigingen in Utrecht',
    );
    expect(riecEscalationEmail(escalationNotice({ kind: 'UPDATED', revision: 3 })).subject).toBe(
      'Weerbaar: escalatie bijgewerkt — Reeks bedreigingen in Utrecht',
    );
  });

  it('gives every summary field of the escalation in Dutch, and no more', () => {
    expect(riecEscalationEmail(escalationNotice()).text).toBe(
      [
        'Weerbaar heeft een nieuwe escalatie vastgesteld voor de gemeente Utrecht (GM0344).',
        '',
        'Regel: Reeks bedreigingen (threat-cluster, versie 2)',
        'Gemeente: Utrecht (GM0344)',
        'Ernst: hoog',
        'Toelichting: 3 meldingen van bedreiging binnen 30 dagen in Utrecht.',
        'Bijdragende meldingen: 3 meldingen',
        'Ontstaan op: 23 november 2026 om 10:00 uur',
        'Casus in Weerbaar: https://weerbaar.example/escalaties/0f9a3c1e-7d2b-4c55-9a40-1d2e3f405162',
        '',
        'De details van de meldingen staan alleen in Weerbaar en worden nooit per e-mail verstuurd. Open de casus in Weerbaar om ze te bekijken.',
        '',
      ].join('\n'),
    );
  });

  it('says an update as an update, one signal as one melding and each severity in Dutch', () => {
    const email = riecEscalationEmail(
      escalationNotice({ kind: 'UPDATED', severity: 'CRITICAL', contributingSignalCount: 1 }),
    );
    expect(email.text).toMatch(
      /^Een escalatie voor de gemeente Utrecht \(GM0344\) is bijgewerkt\./,
    );
    expect(email.text).toContain('Ernst: kritiek');
    expect(email.text).toContain('Bijdragende meldingen: 1 melding\n');
    expect(riecEscalationEmail(escalationNotice({ severity: 'MEDIUM' })).text).toContain(
      'Ernst: gemiddeld',
    );
  });

  it('names a rule it does not know by its id', () => {
    const email = riecEscalationEmail(escalationNotice({ ruleId: 'night-visits', ruleVersion: 1 }));
    expect(email.subject).toBe('Weerbaar: escalatie Regel night-visits in Utrecht');
    expect(email.text).toContain('Regel: Regel night-visits (night-visits, versie 1)');
  });

  it('writes HTML in Dutch with the fields as a definition list and the case as a link', () => {
    const { html } = riecEscalationEmail(escalationNotice());
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="nl">/);
    expect(html).toContain('<h1>escalatie Reeks bedreigingen in Utrecht</h1>');
    expect(html).toContain('<dt>Ernst</dt>\n<dd>hoog</dd>');
    expect(html).toContain(
      '<dd><a href="https://weerbaar.example/escalaties/0f9a3c1e-7d2b-4c55-9a40-1d2e3f405162">https://weerbaar.example/escalaties/0f9a3c1e-7d2b-4c55-9a40-1d2e3f405162</a></dd>',
    );
    expect(html).toContain(`<p>${DETAILS_ONLY_IN_WEERBAAR_LINE}</p>`);
  });

  it('escapes every value in the HTML', () => {
    const { html } = riecEscalationEmail(
      escalationNotice({
        municipality: { code: 'GM0000', name: '<script>x</script> & "Zoo"' },
        explanation: '3 > 2 & <b>vet</b>',
        caseUrl: 'https://weerbaar.example/c?a=1&b="2"',
      }),
    );
    expect(html).not.toMatch(/<script|<b>/);
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt; &amp; &quot;Zoo&quot; (GM0000)');
    expect(html).toContain('<dd>3 &gt; 2 &amp; &lt;b&gt;vet&lt;/b&gt;</dd>');
    expect(html).toContain('href="https://weerbaar.example/c?a=1&amp;b=&quot;2&quot;"');
  });

  it('does not make a link of a case URL that is not a web address', () => {
    const { html } = riecEscalationEmail(escalationNotice({ caseUrl: 'javascript:alert(1)' }));
    expect(html).not.toContain('<a ');
    expect(html).toContain('<dd>javascript:alert(1)</dd>');
  });
});
