import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { RemoteView } from '../shared/RemoteView.js';
import { useDocumentTitle } from '../shared/useDocumentTitle.js';
import { ITEM_NATURES, ITEM_STATUSES, memberName, rosterOf, type Check, type Item, type ItemInput, type Member, type Session } from './api.js';
import { sendJson, useResource } from '../shared/api.js';
import { Findings } from './Findings.js';
import { ItemAttendance } from './ItemAttendance.js';
import { extractPdfUrl, sessionPath } from './paths.js';
import { ItemLinks } from './ItemLinks.js';
import { ProblemAlert } from '../shared/ProblemAlert.js';
import { useCanManage } from './useCanManage.js';
import { VoteEditor } from './VoteEditor.js';

export function ItemPage() {
  const { t } = useTranslation();
  const { itemId } = useParams();
  const path = `/api/deliberations/items/${encodeURIComponent(itemId ?? '')}`;
  const [item, reloadItem] = useResource<Item>(path);
  const [check, reloadCheck] = useResource<Check>(`${path}/check`);
  const [members] = useResource<Member[]>('/api/deliberations/members');
  const reload = () => {
    reloadItem();
    reloadCheck();
  };
  return (
    <RemoteView remote={item} renderError={(e) => (e.status === 404 || e.status === 400 ? t('deliberations.item.notFound') : undefined)}>
      {(data) => (
        <RemoteView remote={members}>
          {(people) => <ItemDetails item={data} members={people} check={check.state === 'ready' ? check.data : null} onSaved={reload} />}
        </RemoteView>
      )}
    </RemoteView>
  );
}

const paragraphs = (text: string) => text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

function ItemDetails({ item, members, check, onSaved }: { item: Item; members: Member[]; check: Check | null; onSaved: () => void }) {
  const { t } = useTranslation();
  const [session] = useResource<Session>(`/api/deliberations/sessions/${item.sessionId}`);
  const title = t('deliberations.item.title', { rank: item.rank, subject: item.subject });
  useDocumentTitle(title);
  return (
    <>
      <p><Link to={sessionPath(item.sessionId)}>← {t('deliberations.item.back')}</Link></p>
      <h1>{title}</h1>
      <p><a className="button" href={extractPdfUrl(item.id)} target="_blank" rel="noreferrer">{t('deliberations.item.extract')}</a></p>
      <section aria-labelledby="check-title" className="card">
        <h2 id="check-title">{t('deliberations.item.checkTitle')}</h2>
        {check ? <Findings check={check} /> : <p role="status">{t('common.loading')}</p>}
      </section>
      <section aria-labelledby="links-title">
        <h2 id="links-title">{t('deliberations.item.linksTitle')}</h2>
        <ItemLinks item={item} onSaved={onSaved} />
      </section>
      <section aria-labelledby="form-title">
        <h2 id="form-title">{t('deliberations.item.formTitle')}</h2>
        <RemoteView remote={session}>
          {(s) => <ItemForm key={JSON.stringify(item)} item={item} session={s} roster={rosterOf(members, s.instanceId, s.date)} onSaved={onSaved} />}
        </RemoteView>
      </section>
    </>
  );
}

function ItemForm({ item, session, roster, onSaved }: { item: Item; session: Session; roster: Member[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const { id: _, sessionId: __, links: ___, ...initial } = item;
  const [input, setInput] = useState<ItemInput>(initial);
  const [report, setReport] = useState(item.report.join('\n\n'));
  const [decisions, setDecisions] = useState(item.decisions.join('\n'));
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const bureau = session.instanceKind === 'bureau';
  const canManage = useCanManage();
  const update = (patch: Partial<ItemInput>) => {
    setSaved(false);
    setInput((current) => ({ ...current, ...patch }));
  };
  const standAside = (memberId: number) => input.standAsides.find((s) => s.memberId === memberId);
  // A ballot is cast by each member there for this item, and for each proxy given (the holder casts it).
  const votesOnItem = (memberId: number) => {
    const row = input.attendanceOverrides.find((a) => a.memberId === memberId) ?? session.attendance.find((a) => a.memberId === memberId);
    // Remote participants do not vote on the approval of the accounts (decree 2019-462).
    const statuses = input.nature === 'accounts_approval' ? ['present', 'excused_with_proxy'] : ['present', 'remote', 'excused_with_proxy'];
    return row !== undefined && statuses.includes(row.status);
  };
  const setStandAside = (memberId: number, reason: string | null) =>
    update({ standAsides: [...input.standAsides.filter((s) => s.memberId !== memberId), ...(reason === null ? [] : [{ memberId, reason }])] });
  const save = async () => {
    try {
      await sendJson('PUT', `/api/deliberations/items/${item.id}`, { ...input, report: paragraphs(report), decisions: lines(decisions) });
      setError(null);
      setSaved(true);
      onSaved();
    } catch (failure) {
      setError(failure);
    }
  };
  const transmission = (field: keyof ItemInput['transmission']) => ({
    value: input.transmission[field] ?? '',
    onChange: (e: { target: { value: string } }) => update({ transmission: { ...input.transmission, [field]: e.target.value || null } }),
  });
  return (
    <form className="item-form" onSubmit={(event) => { event.preventDefault(); void save(); }}>
      <fieldset className="plain-fieldset" disabled={!canManage}>
        <div className="form-grid">
          <label>{t('deliberations.item.rank')}<input type="number" min={1} value={input.rank} onChange={(e) => update({ rank: Number(e.target.value) })} /></label>
          <label>{t('deliberations.item.actNumber')}<input value={input.actNumber} onChange={(e) => update({ actNumber: e.target.value })} /></label>
          <label className="form-grid__wide">{t('deliberations.item.subject')}<input value={input.subject} onChange={(e) => update({ subject: e.target.value })} /></label>
          <label>{t('deliberations.item.directorate')}<input value={input.directorate} onChange={(e) => update({ directorate: e.target.value })} /></label>
          <label className="form-grid__wide">{t('deliberations.item.nature')}
            <select value={input.nature} onChange={(e) => update({ nature: e.target.value as ItemInput['nature'] })}>
              {ITEM_NATURES.map((nature) => <option key={nature} value={nature}>{t(`deliberations.item.natures.${nature}`)}</option>)}
            </select>
          </label>
        </div>
        {bureau && <DelegationFields delegation={input.delegation} onChange={(delegation) => update({ delegation })} />}
        <label className="block-label">{t('deliberations.item.report')}<textarea rows={6} value={report} onChange={(e) => { setSaved(false); setReport(e.target.value); }} /></label>
        <label className="block-label">{t('deliberations.item.decisions')}<textarea rows={4} value={decisions} onChange={(e) => { setSaved(false); setDecisions(e.target.value); }} /></label>

        <fieldset>
          <legend>{t('deliberations.item.standAsidesTitle')}</legend>
          <ul className="stand-asides">
            {roster.map((m) => {
              const entry = standAside(m.id);
              const name = memberName(m);
              return (
                <li key={m.id}>
                  <label><input type="checkbox" checked={entry !== undefined} onChange={(e) => setStandAside(m.id, e.target.checked ? '' : null)} />{t('deliberations.item.standsAside', { name })}</label>
                  {entry !== undefined && <input aria-label={t('deliberations.item.reason', { name })} required value={entry.reason} onChange={(e) => setStandAside(m.id, e.target.value)} />}
                </li>
              );
            })}
          </ul>
        </fieldset>

        <fieldset>
          <legend>{t('deliberations.item.attendanceTitle')}</legend>
          <ItemAttendance roster={roster} sessionAttendance={session.attendance} overrides={input.attendanceOverrides}
            onChange={(attendanceOverrides) => update({ attendanceOverrides })} />
        </fieldset>

        <fieldset>
          <legend>{t('deliberations.item.voteTitle')}</legend>
          <VoteEditor vote={input.vote} voters={roster.filter((m) => m.voting && !standAside(m.id) && votesOnItem(m.id))} onChange={(vote) => update({ vote })} />
        </fieldset>

        <fieldset>
          <legend>{t('deliberations.item.transmissionTitle')}</legend>
          <div className="form-grid">
            <label>{t('deliberations.item.prefectureId')}<input {...transmission('prefectureId')} /></label>
            <label>{t('deliberations.item.transmittedOn')}<input type="date" {...transmission('transmittedOn')} /></label>
            <label>{t('deliberations.item.acknowledgedOn')}<input type="date" {...transmission('acknowledgedOn')} /></label>
            <label>{t('deliberations.item.publishedOn')}<input type="date" {...transmission('publishedOn')} /></label>
          </div>
        </fieldset>

        <div className="form-grid">
          <label>{t('deliberations.item.status')}
            <select value={input.status} onChange={(e) => update({ status: e.target.value as ItemInput['status'] })}>
              {ITEM_STATUSES.map((s) => <option key={s} value={s}>{t(`deliberations.itemStatus.${s}`)}</option>)}
            </select>
          </label>
        </div>
      </fieldset>
      {canManage && <p><button type="submit" className="button">{t('deliberations.item.save')}</button></p>}
      {saved && <p role="status">{t('deliberations.item.saved')}</p>}
      <ProblemAlert error={error} />
    </form>
  );
}

/** The board decision a Bureau item relies on: both its date and its number are cited by the extract. */
function DelegationFields({ delegation, onChange }: { delegation: ItemInput['delegation']; onChange: (delegation: ItemInput['delegation']) => void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(delegation?.date ?? '');
  const [reference, setReference] = useState(delegation?.reference ?? '');
  const change = (nextDate: string, nextReference: string) => {
    setDate(nextDate);
    setReference(nextReference);
    onChange(nextDate && nextReference.trim() ? { date: nextDate, reference: nextReference.trim() } : null);
  };
  return (
    <fieldset className="form-grid">
      <legend>{t('deliberations.item.delegation')}</legend>
      <label>{t('deliberations.item.delegationDate')}<input type="date" value={date} onChange={(e) => change(e.target.value, reference)} /></label>
      <label>{t('deliberations.item.delegationReference')}<input value={reference} onChange={(e) => change(date, e.target.value)} /></label>
    </fieldset>
  );
}
