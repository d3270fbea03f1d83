import { useTranslation } from 'react-i18next';
import { memberName, type BallotChoice, type ItemInput, type Member } from './api.js';

type Vote = ItemInput['vote'];
const EMPTY_COUNTS: Vote = { kind: 'counts', for: 0, against: 0, abstentions: 0, notVoting: 0, presidentChoice: null };

/** Unanimity, counts, or one ballot per voting member. */
export function VoteEditor({ vote, voters, onChange }: { vote: Vote; voters: Member[]; onChange: (vote: Vote) => void }) {
  const { t } = useTranslation();
  const kinds = [['unanimity', t('deliberations.item.unanimity')], ['counts', t('deliberations.item.counts')], ['per_member', t('deliberations.item.perMember')]] as const;
  const choose = (kind: Vote['kind']) => onChange(kind === 'unanimity' ? { kind } : kind === 'counts' ? EMPTY_COUNTS : { kind, ballots: [] });
  return (
    <>
      <fieldset className="radio-row">
        <legend>{t('deliberations.item.voteKind')}</legend>
        {kinds.map(([kind, label]) => (
          <label key={kind}><input type="radio" name="vote-kind" checked={vote.kind === kind} onChange={() => choose(kind)} />{label}</label>
        ))}
      </fieldset>
      {vote.kind === 'counts' && (
        <div className="form-grid">
          {(['for', 'against', 'abstentions', 'notVoting'] as const).map((field) => (
            <label key={field}>{t(`deliberations.item.${field}`)}
              <input type="number" min={0} value={vote[field]} onChange={(e) => onChange({ ...vote, [field]: Math.max(0, Number(e.target.value)) })} />
            </label>
          ))}
          <label>{t('deliberations.item.presidentChoice')}
            <select value={vote.presidentChoice ?? ''} onChange={(e) => onChange({ ...vote, presidentChoice: (e.target.value || null) as 'for' | 'against' | null })}>
              <option value="" /><option value="for">{t('deliberations.item.for')}</option><option value="against">{t('deliberations.item.against')}</option>
            </select>
          </label>
        </div>
      )}
      {vote.kind === 'per_member' && (
        <div className="form-grid">
          {voters.map((m) => {
            const ballot = vote.ballots.find((b) => b.memberId === m.id);
            const set = (choice: string) =>
              onChange({ ...vote, ballots: [...vote.ballots.filter((b) => b.memberId !== m.id), ...(choice ? [{ memberId: m.id, choice: choice as BallotChoice }] : [])] });
            return (
              <label key={m.id}>{t('deliberations.item.ballotOf', { name: memberName(m) })}
                <select value={ballot?.choice ?? ''} onChange={(e) => set(e.target.value)}>
                  <option value="">{t('deliberations.item.noBallot')}</option>
                  <option value="for">{t('deliberations.item.for')}</option>
                  <option value="against">{t('deliberations.item.against')}</option>
                  <option value="abstention">{t('deliberations.item.abstentions')}</option>
                  <option value="not_voting">{t('deliberations.item.notVoting')}</option>
                </select>
              </label>
            );
          })}
        </div>
      )}
    </>
  );
}
