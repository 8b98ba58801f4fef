/** A shell command shown as code with a Copy button, for fixes the user must run themselves. */
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function CopyCommand({ command }: { command: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const id = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(id);
  }, [copied]);
  return (
    <div className="command">
      <code className="command-text">{command}</code>
      <button
        type="button"
        className="btn btn-small"
        aria-label={t('action.copyCommand', { command })}
        onClick={() => void copyText(command).then(setCopied)}
      >
        {copied ? t('action.copied') : t('action.copy')}
      </button>
      <span className="visually-hidden" role="status">
        {copied ? t('action.copied') : ''}
      </span>
    </div>
  );
}
