import { ACTION_LABELS, type ActionKind } from '../domain/actions.js';
import { STATUS_LABELS, type Status } from '../domain/workflow.js';

/** What happened to a recorded incident, as its recorder is told. */
export type IncidentNews = { kind: 'status'; status: Status } | { kind: 'action'; action: ActionKind };

export interface IncidentEmailFacts {
  incidentId: number;
  categoryLabelFr: string;
  categoryLabelEn: string;
  link: string;
}

export interface EmailContent {
  subject: string;
  text: string;
}

/**
 * The email to the recorder, French first then English. It names only the incident's number,
 * category, status or action and a link: no place, description, victim or anything personal —
 * those stay in Vigie, behind sign-in.
 */
export function incidentEmail(facts: IncidentEmailFacts, news: IncidentNews): EmailContent {
  const { incidentId: id, categoryLabelFr: fr, categoryLabelEn: en, link } = facts;
  const [newsFr, newsEn, subjectFr, subjectEn] =
    news.kind === 'status'
      ? [`est maintenant : ${STATUS_LABELS[news.status].fr}`, `is now: ${STATUS_LABELS[news.status].en}`, STATUS_LABELS[news.status].fr, STATUS_LABELS[news.status].en]
      : [`a une nouvelle action : ${ACTION_LABELS[news.action].fr}`, `has a new action: ${ACTION_LABELS[news.action].en}`, ACTION_LABELS[news.action].fr, ACTION_LABELS[news.action].en];
  return {
    subject: `[Vigie] Signalement n° ${id} : ${subjectFr} / Report #${id}: ${subjectEn}`,
    text: [
      'Bonjour,',
      '',
      `Le signalement n° ${id} (${fr}) que vous avez enregistré ${newsFr}.`,
      `Le suivre dans Vigie : ${link}`,
      '',
      'Vous recevez ce message parce que vous avez enregistré ce signalement.',
      '',
      '—',
      '',
      'Hello,',
      '',
      `Report #${id} (${en}) that you recorded ${newsEn}.`,
      `Follow it in Vigie: ${link}`,
      '',
      'You receive this message because you recorded this report.',
      '',
    ].join('\n'),
  };
}
