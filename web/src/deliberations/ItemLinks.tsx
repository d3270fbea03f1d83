import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LINK_KINDS, type Item } from './api.js';
import { sendJson } from '../shared/api.js';
import { ProblemAlert } from '../shared/ProblemAlert.js';
import { useCanManage } from './useCanManage.js';

type LinkKind = (typeof LINK_KINDS)[number];

/** The objects the decision decided (convention, operation…), and a form to add one. */
export function ItemLinks({ item, onSaved }: { item: Item; onSaved: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<LinkKind>('funding_convention');
  const [reference, setReference] = useState('');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<unknown>(null);
  const canManage = useCanManage();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await sendJson('POST', `/api/deliberations/items/${item.id}/links`, { kind, reference, label: label.trim() || null });
      setError(null);
      onSaved();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <>
      {item.links.length === 0 ? <p>{t('deliberations.item.noLinks')}</p> : (
        <ul>{item.links.map((l) => <li key={l.id}>{t(`deliberations.linkKinds.${l.kind}`)} — <code>{l.reference}</code>{l.label ? ` — ${l.label}` : ''}</li>)}</ul>
      )}
      {canManage && <form className="form-grid" onSubmit={(event) => void submit(event)}>
        <label>{t('deliberations.item.linkKind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as LinkKind)}>
            {LINK_KINDS.map((k) => <option key={k} value={k}>{t(`deliberations.linkKinds.${k}`)}</option>)}
          </select>
        </label>
        <label>{t('deliberations.item.linkReference')}<input required maxLength={100} value={reference} onChange={(e) => setReference(e.target.value)} /></label>
        <label>{t('deliberations.item.linkLabel')}<input maxLength={300} value={label} onChange={(e) => setLabel(e.target.value)} /></label>
        <div><button type="submit" className="button">{t('deliberations.item.addLink')}</button></div>
      </form>}
      <ProblemAlert error={error} />
    </>
  );
}
