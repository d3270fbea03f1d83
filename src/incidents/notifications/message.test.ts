import { describe, expect, it } from 'vitest';
import { incidentEmail } from './message.js';

const facts = { incidentId: 812, categoryLabelFr: 'Tags, graffitis', categoryLabelEn: 'Tags, graffiti', link: 'https://vigie.example.fr/incidents/812' };

describe('incident email', () => {
  it('tells a status change, French first, with the link', () => {
    const email = incidentEmail(facts, { kind: 'status', status: 'in_progress' });
    expect(email.subject).toBe('[Vigie] Signalement n° 812 : en cours de traitement / Report #812: in progress');
    expect(email.text.indexOf('Le signalement n° 812 (Tags, graffitis) que vous avez enregistré est maintenant : en cours de traitement.')).toBeGreaterThanOrEqual(0);
    expect(email.text.indexOf('Report #812 (Tags, graffiti) that you recorded is now: in progress.')).toBeGreaterThan(email.text.indexOf('Bonjour'));
    expect(email.text).toContain('Le suivre dans Vigie : https://vigie.example.fr/incidents/812');
  });

  it('tells an added action by its label', () => {
    const email = incidentEmail(facts, { kind: 'action', action: 'complaint_filed' });
    expect(email.subject).toBe('[Vigie] Signalement n° 812 : Dépôt de plainte / Report #812: Complaint filed');
    expect(email.text).toContain('a une nouvelle action : Dépôt de plainte.');
  });
});
