import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ITT_CLASSES, PERPETRATOR_STATUSES, VICTIM_ROLES, type Family, type IttClass, type Perpetrator, type Victim, type VictimRole } from './api.js';

/** The facts the issue lists as optional: victims by role, perpetrator status, damage. */
export interface OptionalFactsValue {
  victims: Victim[];
  perpetrator: Perpetrator;
  estimatedCost: string;
  workOrderRef: string;
  insuranceClaimRef: string;
}

export const NO_OPTIONAL_FACTS: OptionalFactsValue = { victims: [], perpetrator: 'not_identified', estimatedCost: '', workOrderRef: '', insuranceClaimRef: '' };

/** Families whose victims carry an ITT class (assaults). */
const ASSAULT_FAMILIES: readonly Family[] = ['E', 'F'];

/** The optional facts as the API takes them: empty inputs left out, ITT only for assaults. */
export function optionalFactsInput(value: OptionalFactsValue, family: Family | undefined) {
  const assault = family !== undefined && ASSAULT_FAMILIES.includes(family);
  return {
    victims: value.victims.map((victim) => ({ role: victim.role, ittClass: assault ? victim.ittClass : null })),
    perpetrator: value.perpetrator,
    estimatedCost: value.estimatedCost === '' ? undefined : Number(value.estimatedCost.replace(',', '.')),
    workOrderRef: value.workOrderRef.trim() || undefined,
    insuranceClaimRef: value.insuranceClaimRef.trim() || undefined,
  };
}

interface Props {
  value: OptionalFactsValue;
  family: Family | undefined;
  onChange: (value: OptionalFactsValue) => void;
}

/** Folded under the required inputs, so that recording stays under a minute. */
export function OptionalFacts({ value, family, onChange }: Props) {
  const { t } = useTranslation();
  const ids = { perpetrator: useId(), cost: useId(), workOrder: useId(), claim: useId(), itt: useId() };
  const assault = family !== undefined && ASSAULT_FAMILIES.includes(family);
  const set = (patch: Partial<OptionalFactsValue>) => onChange({ ...value, ...patch });
  const victimOf = (role: VictimRole) => value.victims.find((victim) => victim.role === role);
  const toggleVictim = (role: VictimRole, checked: boolean) =>
    set({ victims: checked ? [...value.victims, { role, ittClass: assault ? 'unknown' : null }] : value.victims.filter((victim) => victim.role !== role) });
  const setItt = (role: VictimRole, ittClass: IttClass) =>
    set({ victims: value.victims.map((victim) => (victim.role === role ? { ...victim, ittClass } : victim)) });
  return (
    <details className="incident-section" data-testid="optional-facts">
      <summary>{t('incidents.record.optional')}</summary>
      <fieldset className="incident-radios">
        <legend>{t('incidents.record.victims')}</legend>
        {VICTIM_ROLES.map((role) => (
          <div key={role}>
            <label className="incident-check">
              <input type="checkbox" checked={victimOf(role) !== undefined} onChange={(event) => toggleVictim(role, event.target.checked)} />
              {t(`incidents.victimRole.${role}`)}
            </label>
            {assault && victimOf(role) && (
              <div className="incident-field incident-field--nested">
                <label htmlFor={`${ids.itt}-${role}`}>{t('incidents.record.itt', { role: t(`incidents.victimRole.${role}`) })}</label>
                <select id={`${ids.itt}-${role}`} value={victimOf(role)!.ittClass ?? 'unknown'} onChange={(event) => setItt(role, event.target.value as IttClass)}>
                  {ITT_CLASSES.map((itt) => <option key={itt} value={itt}>{t(`incidents.itt.${itt}`)}</option>)}
                </select>
              </div>
            )}
          </div>
        ))}
      </fieldset>
      <div className="incident-field">
        <label htmlFor={ids.perpetrator}>{t('incidents.record.perpetrator')}</label>
        <select id={ids.perpetrator} value={value.perpetrator} onChange={(event) => set({ perpetrator: event.target.value as Perpetrator })}>
          {PERPETRATOR_STATUSES.map((status) => <option key={status} value={status}>{t(`incidents.perpetrator.${status}`)}</option>)}
        </select>
        <p className="incident-hint">{t('incidents.record.perpetratorHint')}</p>
      </div>
      <div className="incident-field">
        <label htmlFor={ids.cost}>{t('incidents.record.estimatedCost')}</label>
        <input id={ids.cost} type="text" inputMode="decimal" pattern="[0-9]+([.,][0-9]{1,2})?" value={value.estimatedCost} onChange={(event) => set({ estimatedCost: event.target.value })} />
      </div>
      <div className="incident-field">
        <label htmlFor={ids.workOrder}>{t('incidents.record.workOrderRef')}</label>
        <input id={ids.workOrder} type="text" maxLength={100} value={value.workOrderRef} onChange={(event) => set({ workOrderRef: event.target.value })} />
      </div>
      <div className="incident-field">
        <label htmlFor={ids.claim}>{t('incidents.record.insuranceClaimRef')}</label>
        <input id={ids.claim} type="text" maxLength={100} value={value.insuranceClaimRef} onChange={(event) => set({ insuranceClaimRef: event.target.value })} />
      </div>
    </details>
  );
}
