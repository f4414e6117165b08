import { invalidInput, notFound, problem } from '@/common/problem';
import { callBody, keyFromLabel } from './call-form';
import { refusedForm } from './form-state';
import { proposalBody, remapPartnerErrors } from './proposal-form';
import { serverMessageDe } from './i18n/server-messages-de';
import { NumberFields } from './number-input';

describe('form ↔ API mapping of the pages', () => {
  it('drops empty partner rows and maps the API error back to the row the user sees', () => {
    const numbers = new NumberFields('de');
    const body = proposalBody(
      {
        title: 'T',
        topics: ['battery'],
        'partners.0.name': '',
        'partners.0.city': '',
        'partners.0.kind': 'sme',
        'partners.1.name': '',
        'partners.1.city': 'Bremen',
        'partners.1.kind': 'research',
        requestedFundingEur: '12.000',
        durationMonths: 'zwölf',
      },
      numbers,
    );
    expect(body.partners).toEqual([{ name: '', kind: 'research', city: 'Bremen' }]);
    expect(body.requestedFundingEur).toBe(12000);
    // A number the page cannot read is refused at its field with the reason (issue 13).
    expect(body).not.toHaveProperty('durationMonths');
    expect(numbers.errors).toEqual([
      { field: 'durationMonths', messages: ['ist keine Zahl (Beispiel: 180.000 oder 1,5)'] },
    ]);
    const refused = refusedForm(
      invalidInput('bad', [{ field: 'partners.0.name', messages: ['name should not be empty'] }]),
      {},
      'de',
    );
    expect(remapPartnerErrors(refused, body).errors).toEqual({ 'partners.1.name': ['darf nicht leer sein'] });
  });

  it('turns refusals into field errors or a form message, and rethrows what has no form', () => {
    expect(
      refusedForm(problem('call-not-open', {}, 'The call is not open for submissions.'), {}, 'de').formError,
    ).toBe('Die Ausschreibung nimmt keine Anträge an.');
    expect(() => refusedForm(notFound('Proposal'), {}, 'de')).toThrow();
    expect(() => refusedForm(new Error('boom'), {}, 'de')).toThrow('boom');
  });

  it('builds a call with its rubric from rows, leaving empty rows out', () => {
    const body = callBody(
      {
        title: 'Call',
        topics: 'Batterie\n\n Leichtbau ',
        opensAt: '2026-05-01T08:00',
        submissionDeadline: '2026-06-01T12:00',
        'rubric.criteria.0.key': 'quality',
        'rubric.criteria.0.label.de': 'Qualität',
        'rubric.criteria.0.label.en': 'Quality',
        'rubric.criteria.0.weight': '1',
        'rubric.criteria.0.min': '0',
        'rubric.criteria.0.max': '5',
        'rubric.criteria.0.step': '0,5',
        'rubric.criteria.0.threshold': '3',
        'rubric.criteria.1.key': '',
        'rubric.criteria.2.label.de': 'Wirkung für Kleinunternehmen',
        'rubric.criteria.2.label.en': 'Effect on small firms',
        'rubric.criteria.2.weight': '0,5',
        'rubric.criteria.2.min': '0',
        'rubric.criteria.2.max': '5',
        'rubric.criteria.2.step': '1',
        'rubric.criteria.2.threshold': '3',
        'rubric.overallThreshold': '3.5',
        'rubric.disagreementDelta': '2',
      },
      true,
      new NumberFields('de'),
    );
    expect(body.topics).toEqual(['Batterie', 'Leichtbau']);
    expect((body.opensAt as Date).toISOString()).toBe('2026-05-01T06:00:00.000Z');
    expect(body.rubric).toEqual({
      criteria: [
        {
          key: 'quality',
          label: { de: 'Qualität', en: 'Quality' },
          weight: 1,
          min: 0,
          max: 5,
          step: 0.5,
          threshold: 3,
        },
        {
          // A new row without a key takes it from its English label (keys are never shown).
          key: 'effect_on_small_firms',
          label: { de: 'Wirkung für Kleinunternehmen', en: 'Effect on small firms' },
          weight: 0.5,
          min: 0,
          max: 5,
          step: 1,
          threshold: 3,
        },
      ],
      overallThreshold: 3.5,
      disagreementDelta: 2,
    });
    expect(callBody({ title: 'Call', topics: 'x' }, false, new NumberFields('de'))).not.toHaveProperty(
      'rubric',
    );
  });

  it('makes criterion keys from labels', () => {
    expect(keyFromLabel('Klimawirkung')).toBe('klimawirkung');
    expect(keyFromLabel('Übertragbarkeit & Größe')).toBe('uebertragbarkeit_groesse');
    expect(keyFromLabel('3D-Druck: Qualität')).toBe('d_druck_qualitaet');
    expect(keyFromLabel('Résumé')).toBe('resume');
    expect(keyFromLabel('x'.repeat(80))).toHaveLength(50);
  });

  it('words the common service messages in German and keeps unknown ones', () => {
    expect(
      serverMessageDe('The proposal needs a title, at least one PDF attachment before it can be submitted.'),
    ).toBe('Vor dem Einreichen fehlt noch: ein Titel, mindestens eine PDF-Anlage.');
    expect(serverMessageDe('must be a number from 0 to 5 in steps of 0.5')).toBe(
      'muss eine Zahl von 0 bis 5 in Schritten von 0,5 sein',
    );
    expect(serverMessageDe('Something new.')).toBe('Something new.');
  });
});
