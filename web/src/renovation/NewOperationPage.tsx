import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { getJson, ProblemError, sendJson, type ResidenceDetail, type ResidenceSummary } from '../shared/api.js';
import { ProblemAlert } from '../shared/ProblemAlert.js';
import { useDocumentTitle } from '../shared/useDocumentTitle.js';
import type { OperationDetail, OperationInput } from './api.js';
import { labelIn, OPERATION_KINDS, PLANS } from './labels.js';
import { parseEurosToCents } from './money.js';
import { operationPath } from './paths.js';
import './renovation.css';

const LABELS = ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const;

/** Creates an operation over the dwellings of one residence. */
export function NewOperationPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('renovation.create.title'));
  const labels = labelIn(i18n.language);
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<ResidenceSummary[] | null>(null);
  const [chosenId, setChosenId] = useState<number | null>(null);
  const [residence, setResidence] = useState<ResidenceDetail | null>(null);
  const [fields, setFields] = useState({
    name: '', kind: 'energy_renovation', plan: 'pmt_2025_2030', programmeYear: String(new Date().getFullYear() + 1), endDate: '',
    planned: '', labelBefore: '', targetLabel: 'C', energyBefore: '',
  });
  const [problem, setProblem] = useState<ProblemError | null>(null);
  const set = (key: keyof typeof fields) => (event: { target: { value: string } }) => setFields({ ...fields, [key]: event.target.value });

  const search = async () => {
    setChosenId(null);
    setResidence(null);
    setFound(query.trim() ? await getJson<ResidenceSummary[]>(`/api/patrimony/search?${new URLSearchParams({ q: query.trim(), limit: '10' })}`) : []);
  };
  const choose = async (id: number) => {
    setChosenId(id);
    setResidence(null);
    setResidence(await getJson<ResidenceDetail>(`/api/patrimony/residences/${id}`));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const plannedCents = parseEurosToCents(fields.planned);
    const errors = [
      ...(residence ? [] : [{ field: 'dwellingIds', message: t('renovation.create.needResidence') }]),
      ...(plannedCents === null ? [{ field: 'plannedCents', message: t('renovation.financing.badAmount') }] : []),
    ];
    if (errors.length > 0) {
      setProblem(new ProblemError(400, errors.map((error) => error.message).join(' '), errors));
      return;
    }
    try {
      const created = await sendJson<OperationDetail>('POST', '/api/renovation/operations', {
        name: fields.name, kind: fields.kind as OperationInput['kind'], plan: fields.plan as OperationInput['plan'], programmeYear: Number(fields.programmeYear),
        dwellingIds: residence!.dwellings.map((dwelling) => dwelling.id), endDate: fields.endDate, plannedCents: plannedCents!,
        labelBefore: (fields.labelBefore || null) as OperationInput['labelBefore'], targetLabel: (fields.targetLabel || null) as OperationInput['targetLabel'],
        energyBefore: fields.energyBefore ? Number(fields.energyBefore) : null,
      } satisfies OperationInput);
      navigate(operationPath(created.id));
    } catch (error) {
      setProblem(error instanceof ProblemError ? error : new ProblemError(0, String(error), []));
    }
  };

  return (
    <>
      <h1>{t('renovation.create.title')}</h1>
      <form className="renovation-form" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('renovation.create.residence')}</legend>
          <label htmlFor="residence-query">{t('renovation.create.residenceQuery')}</label>
          <div className="renovation-form__row">
            <input id="residence-query" value={query} onChange={(event) => setQuery(event.target.value)}
              onKeyDown={(event) => { if (event.key === 'Enter') { event.preventDefault(); void search(); } }} />
            <button type="button" className="button" onClick={() => void search()}>{t('renovation.create.find')}</button>
          </div>
          {found && (found.length === 0 ? <p role="status">{t('renovation.create.noResidence')}</p> : (
            <ul className="result-list" aria-label={t('renovation.create.residences')}>
              {found.map((candidate) => (
                <li key={candidate.id}>
                  <label>
                    <input type="radio" name="residence" checked={chosenId === candidate.id} onChange={() => void choose(candidate.id)} style={{ width: 'auto' }} />{' '}
                    {candidate.name} — {candidate.communeName} ({t('renovation.create.dwellingCount', { count: candidate.dwellings })})
                  </label>
                </li>
              ))}
            </ul>
          ))}
          {residence && <p role="status" data-testid="chosen-residence">{t('renovation.create.chosen', { name: residence.name, count: residence.dwellings.length })}</p>}
        </fieldset>
        <div>
          <label htmlFor="op-name">{t('renovation.operation.name')}</label>
          <input id="op-name" value={fields.name} onChange={set('name')} required />
        </div>
        <div className="renovation-form__row">
          <div>
            <label htmlFor="op-kind">{t('renovation.operation.kind')}</label>
            <select id="op-kind" value={fields.kind} onChange={set('kind')}>
              {OPERATION_KINDS.map((value) => <option key={value} value={value}>{labels.kind(value)}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="op-plan">{t('renovation.operation.plan')}</label>
            <select id="op-plan" value={fields.plan} onChange={set('plan')}>
              {PLANS.map((value) => <option key={value} value={value}>{labels.plan(value)}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="op-year">{t('renovation.operation.year')}</label>
            <input id="op-year" inputMode="numeric" value={fields.programmeYear} onChange={set('programmeYear')} />
          </div>
        </div>
        <div className="renovation-form__row">
          <div>
            <label htmlFor="op-end">{t('renovation.operation.handover')}</label>
            <input id="op-end" type="date" value={fields.endDate} onChange={set('endDate')} />
          </div>
          <div>
            <label htmlFor="op-planned">{t('renovation.operation.plannedCost')} <span className="hint">{t('renovation.financing.amountHint')}</span></label>
            <input id="op-planned" inputMode="decimal" value={fields.planned} onChange={set('planned')} />
          </div>
        </div>
        <div className="renovation-form__row">
          <div>
            <label htmlFor="op-before">{t('renovation.operation.labelBefore')}</label>
            <select id="op-before" value={fields.labelBefore} onChange={set('labelBefore')}>
              <option value="">{t('common.none')}</option>
              {LABELS.map((value) => <option key={value} value={value}>{value}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="op-target">{t('renovation.operation.targetLabel')}</label>
            <select id="op-target" value={fields.targetLabel} onChange={set('targetLabel')}>
              <option value="">{t('common.none')}</option>
              {LABELS.map((value) => <option key={value} value={value}>{value}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="op-energy">{t('renovation.operation.energyBefore')}</label>
            <input id="op-energy" inputMode="decimal" value={fields.energyBefore} onChange={set('energyBefore')} />
          </div>
        </div>
        <div className="renovation-actions">
          <button type="submit" className="button">{t('renovation.create.submit')}</button>
        </div>
        <ProblemAlert error={problem} />
      </form>
    </>
  );
}
