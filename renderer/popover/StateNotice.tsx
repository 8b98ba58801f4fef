/** What is wrong with a source and the control that fixes it: stale, rate limited, logged out… */
import type { ErrorAction, SourceSnapshot } from '../../shared/domain';
import { errorLabel } from '../../shared/labels';
import { ErrorActionView } from '../components/ErrorActionView';
import { useI18n } from '../i18n';

/** `context` names the instance when a card holds several (`~/.claude-work · Claude plan`). */
export function StateNotice({ snapshot, now, context = null }: { snapshot: SourceSnapshot; now: number; context?: string | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (snapshot.state !== 'stale' && snapshot.state !== 'error') return null;
  const { error } = snapshot;
  let staleText: string | null = null;
  if (snapshot.state === 'stale') {
    const fetched = snapshot.fetchedAt === null ? NaN : Date.parse(snapshot.fetchedAt);
    staleText = Number.isFinite(fetched)
      ? t('state.stale', { clock: i18n.clock(fetched, now), ago: i18n.duration(Math.max(0, now - fetched)) })
      : t('state.staleNever');
  }
  let action: ErrorAction | null = error?.action ?? null;
  if (action === null && snapshot.nextAttemptAt !== null) action = { kind: 'retry_at', at: snapshot.nextAttemptAt };
  if (action === null && snapshot.state === 'stale') action = { kind: 'retry' };
  // Claude Desktop signing Claude Code in is nothing to fix: said, not alarmed.
  const tone = snapshot.state === 'error' && error?.code !== 'desktop_login' ? 'notice-error' : 'notice-warn';
  return (
    <div className={`notice ${tone}`} data-testid="state-notice" data-code={error?.code ?? snapshot.state}>
      {context !== null ? (
        <p className="notice-context" data-testid="notice-context">
          {context}
        </p>
      ) : null}
      {staleText !== null ? <p className="notice-title">{staleText}</p> : null}
      {error !== null ? (
        <p className={staleText === null ? 'notice-title' : 'notice-text'}>{errorLabel(t, snapshot.sourceId, error.code)}</p>
      ) : null}
      {action !== null ? <ErrorActionView action={action} /> : null}
    </div>
  );
}
