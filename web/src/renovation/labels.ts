import {
  FUNDING_SOURCE_LABELS, FUNDING_STATUS_LABELS, OPERATION_KIND_LABELS, PHASE_LABELS, PLAN_LABELS,
} from '../../../src/renovation/programme/domain/vocabulary.js';

export { FUNDING_SOURCES, FUNDING_STATUSES, OPERATION_KINDS, PLANS } from '../../../src/renovation/programme/domain/vocabulary.js';

/** The programme's vocabulary in the reader's language: one source of labels, shared with the API and reports. */
export const labelIn = (language: string) => {
  const pick = (labels: { fr: string; en: string }) => (language === 'en' ? labels.en : labels.fr);
  return {
    kind: (kind: keyof typeof OPERATION_KIND_LABELS) => pick(OPERATION_KIND_LABELS[kind]),
    plan: (plan: keyof typeof PLAN_LABELS) => pick(PLAN_LABELS[plan]),
    phase: (phase: keyof typeof PHASE_LABELS) => pick(PHASE_LABELS[phase]),
    source: (source: keyof typeof FUNDING_SOURCE_LABELS) => pick(FUNDING_SOURCE_LABELS[source]),
    status: (status: keyof typeof FUNDING_STATUS_LABELS) => pick(FUNDING_STATUS_LABELS[status]),
  };
};
