/** The last card: source instances that have not reached an account yet (a folder whose login is missing…), each with its fix. */
import { snapshotKey, type SourceSnapshot } from '../../shared/domain';
import { instanceName } from '../accounts';
import { useI18n } from '../i18n';
import { StateNotice } from './StateNotice';

export function AttentionCard({ snapshots, home, now }: { snapshots: readonly SourceSnapshot[]; home: string | null; now: number }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="account-attention-title" data-testid="account-attention">
      <header className="card-head">
        <h2 id="account-attention-title">{t('popover.account.attention')}</h2>
      </header>
      <p className="row-sub">{t('popover.account.attentionHelp')}</p>
      {snapshots.map((s) =>
        s.state === 'error' || s.state === 'stale' ? (
          <StateNotice key={snapshotKey(s)} snapshot={s} now={now} context={instanceName(t, s, home)} />
        ) : (
          <p key={snapshotKey(s)} className="row-sub" data-testid="notice-context">
            {t('popover.account.waiting', { name: instanceName(t, s, home) })}
          </p>
        ),
      )}
    </section>
  );
}
