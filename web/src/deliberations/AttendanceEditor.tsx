import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTENDANCE_STATUSES, memberName, rosterOf, type Attendance, type Member, type Session } from './api.js';
import { sendJson } from '../shared/api.js';
import { ProblemAlert } from '../shared/ProblemAlert.js';
import { AttendanceSummary, ProxyHolderSelect } from './AttendanceParts.js';

/** The attendance of a session: one status per member in office, the proxy holder of the excused. */
export function AttendanceEditor({ session, members, readOnly, onSaved }: { session: Session; members: Member[]; readOnly: boolean; onSaved: () => void }) {
  const { t } = useTranslation();
  const roster = rosterOf(members, session.instanceId, session.date);
  const initial = new Map(session.attendance.map((a) => [a.memberId, a]));
  const [rows, setRows] = useState<Attendance[]>(roster.map((m) => initial.get(m.id) ?? { memberId: m.id, status: 'present', proxyHolderId: null }));
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const change = (memberId: number, patch: Partial<Attendance>) => {
    setSaved(false);
    setRows((current) => current.map((row) => (row.memberId === memberId ? { ...row, ...patch } : row)));
  };
  const save = async () => {
    try {
      const { id: _, instanceName: __, instanceKind: ___, items: ____, ...input } = session;
      await sendJson('PUT', `/api/deliberations/sessions/${session.id}`, { ...input, attendance: rows });
      setError(null);
      setSaved(true);
      onSaved();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <>
      <AttendanceSummary testId="attendance-summary" rows={rows} />
      <fieldset className="plain-fieldset" disabled={readOnly}>
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{t('deliberations.session.attendanceCaption')}</caption>
            <thead><tr>
              <th scope="col">{t('deliberations.session.member')}</th>
              <th scope="col">{t('deliberations.session.category')}</th>
              <th scope="col">{t('deliberations.session.status')}</th>
              <th scope="col">{t('deliberations.session.proxyHolder')}</th>
            </tr></thead>
            <tbody>
              {roster.map((member) => {
                const row = rows.find((r) => r.memberId === member.id)!;
                const name = memberName(member);
                return (
                  <tr key={member.id}>
                    <th scope="row">{name}</th>
                    <td>{t(`deliberations.categories.${member.category}`)}</td>
                    <td>
                      <select aria-label={t('deliberations.session.statusOf', { name })} value={row.status}
                        onChange={(e) => change(member.id, { status: e.target.value as Attendance['status'], proxyHolderId: null })}>
                        {ATTENDANCE_STATUSES.map((s) => <option key={s} value={s}>{t(`deliberations.statuses.${s}`)}</option>)}
                      </select>
                    </td>
                    <td>
                      {row.status === 'excused_with_proxy' && (
                        <ProxyHolderSelect label={t('deliberations.session.proxyHolderOf', { name })} roster={roster} giverId={member.id}
                          holderId={row.proxyHolderId} onChange={(proxyHolderId) => change(member.id, { proxyHolderId })} />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </fieldset>
      {!readOnly && <p><button type="button" className="button" onClick={() => void save()}>{t('deliberations.session.save')}</button></p>}
      {saved && <p role="status">{t('deliberations.session.saved')}</p>}
      <ProblemAlert error={error} />
    </>
  );
}
