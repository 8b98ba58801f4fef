/**
 * What Team and Enterprise members and reset holders see on their account card: open usage-limit
 * reset grants under the account (read-only: they are used in Claude Code), and the member's own
 * month-to-date spend beside the organisation's credits, or why claude.ai does not serve it.
 */
import type { MemberSpend, ResetGrant } from '../../shared/domain';
import { memberSpendText } from '../../shared/org-credits';
import { openGrants, resetGrantText } from '../../shared/resets';
import { useI18n } from '../i18n';

function Resets({ grants, now }: { grants: readonly ResetGrant[]; now: number }) {
  const i18n = useI18n();
  const open = openGrants(grants, now);
  if (open.length === 0) return null;
  return (
    <ul className="account-resets" data-testid="account-resets">
      {open.map((g, i) => (
        <li key={`${g.endsAt ?? ''}-${i}`} className="account-reset" title={g.label || undefined}>
          {resetGrantText(i18n, g)}
        </li>
      ))}
    </ul>
  );
}

function MemberSpendRow({ spend }: { spend: MemberSpend | null }) {
  const i18n = useI18n();
  if (spend === null) return null;
  return (
    <div
      className={spend.state === 'ok' ? 'row-sub member-spend' : 'row-sub member-spend member-spend-unavailable'}
      data-testid="member-spend"
    >
      {memberSpendText(i18n, spend)}
    </div>
  );
}

export const TeamRows = { Resets, MemberSpend: MemberSpendRow };
