import { useTranslation } from 'react-i18next';
import { ATTENDANCE_STATUSES, memberName, type Attendance, type Member } from './api.js';
import { AttendanceSummary, ProxyHolderSelect } from './AttendanceParts.js';

interface ItemAttendanceProps {
  roster: Member[];
  /** The session's sheet: what each member's status is unless this item overrides it. */
  sessionAttendance: Attendance[];
  overrides: Attendance[];
  onChange: (overrides: Attendance[]) => void;
}

const SAME_AS_SESSION = '';

/**
 * Who was there for this item only (a late arrival, a departure, a proxy given before leaving):
 * one override per member, "as at the session" removing it. The rules count the item's
 * attendance, so the findings change once the item is saved.
 */
export function ItemAttendance({ roster, sessionAttendance, overrides, onChange }: ItemAttendanceProps) {
  const { t } = useTranslation();
  const sessionStatus = new Map(sessionAttendance.map((a) => [a.memberId, a]));
  const override = (memberId: number) => overrides.find((o) => o.memberId === memberId);
  const effective = roster.map((m) => override(m.id) ?? sessionStatus.get(m.id));
  const set = (memberId: number, row: Attendance | null) =>
    onChange([...overrides.filter((o) => o.memberId !== memberId), ...(row ? [row] : [])].sort((a, b) => a.memberId - b.memberId));
  return (
    <>
      <AttendanceSummary testId="item-attendance-summary" rows={effective} />
      <div className="table-scroll">
        <table className="table">
          <caption className="visually-hidden">{t('deliberations.item.attendanceCaption')}</caption>
          <thead><tr>
            <th scope="col">{t('deliberations.session.member')}</th>
            <th scope="col">{t('deliberations.item.atSession')}</th>
            <th scope="col">{t('deliberations.item.forThisItem')}</th>
            <th scope="col">{t('deliberations.session.proxyHolder')}</th>
          </tr></thead>
          <tbody>
            {roster.map((member) => {
              const name = memberName(member);
              const own = override(member.id);
              const atSession = sessionStatus.get(member.id);
              return (
                <tr key={member.id} className={own ? 'attendance--overridden' : undefined}>
                  <th scope="row">{name}</th>
                  <td>{atSession ? t(`deliberations.statuses.${atSession.status}`) : '—'}</td>
                  <td>
                    <select aria-label={t('deliberations.item.itemStatusOf', { name })} value={own?.status ?? SAME_AS_SESSION}
                      onChange={(e) => set(member.id, e.target.value === SAME_AS_SESSION ? null : { memberId: member.id, status: e.target.value as Attendance['status'], proxyHolderId: null })}>
                      <option value={SAME_AS_SESSION}>{t('deliberations.item.sameAsSession')}</option>
                      {ATTENDANCE_STATUSES.map((s) => <option key={s} value={s}>{t(`deliberations.statuses.${s}`)}</option>)}
                    </select>
                  </td>
                  <td>
                    {own?.status === 'excused_with_proxy' && (
                      <ProxyHolderSelect label={t('deliberations.item.itemProxyHolderOf', { name })} roster={roster} giverId={member.id}
                        holderId={own.proxyHolderId} onChange={(proxyHolderId) => set(member.id, { ...own, proxyHolderId })} />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
