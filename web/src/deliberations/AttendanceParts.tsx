import { useTranslation } from 'react-i18next';
import { memberName, type Attendance, type Member } from './api.js';

/** "Présents : 19 · pouvoirs : 5 · excusés : 2 · absents : 1" — remote participants count as present. */
export function AttendanceSummary({ testId, rows }: { testId: string; rows: (Attendance | undefined)[] }) {
  const { t } = useTranslation();
  const count = (status: Attendance['status']) => rows.filter((a) => a?.status === status).length;
  return (
    <p data-testid={testId}>{t('deliberations.session.summary', {
      present: count('present') + count('remote'), proxies: count('excused_with_proxy'), excused: count('excused'), absent: count('absent'),
    })}</p>
  );
}

/** The member of the roster who holds an excused member's proxy. */
export function ProxyHolderSelect({ label, roster, giverId, holderId, onChange }: {
  label: string;
  roster: Member[];
  giverId: number;
  holderId: number | null;
  onChange: (holderId: number | null) => void;
}) {
  return (
    <select aria-label={label} value={holderId ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}>
      <option value="" />
      {roster.filter((m) => m.id !== giverId).map((m) => <option key={m.id} value={m.id}>{memberName(m)}</option>)}
    </select>
  );
}
