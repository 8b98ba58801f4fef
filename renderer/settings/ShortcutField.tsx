/**
 * Settings › General: the global shortcut that opens and closes Brimline. The field records a key
 * combination (keydown → accelerator, shared/accelerator.ts), shows the one in use and, when the
 * OS refused it, says so. On Wayland, where apps cannot grab keys, it shows the command to bind
 * in the desktop's own settings instead.
 */
import { useId, useState, type KeyboardEvent } from 'react';
import { formatAccelerator, formatModifiers, recordKey, type AcceleratorProblem, type Modifier } from '../../shared/accelerator';
import type { AppState, ShortcutState } from '../../shared/ipc';
import { CopyCommand } from '../components/CopyCommand';
import { useI18n, type I18n } from '../i18n';
import { useBrimline } from '../store-context';
import { FieldError } from './fields';

function problemText(t: I18n['t'], problem: AcceleratorProblem): string {
  return problem.code === 'needs_modifier' ? t('settings.shortcut.needsModifier') : t('settings.shortcut.unknownKey');
}

export function ShortcutField({ app }: { app: AppState }) {
  const { t } = useI18n();
  const update = useBrimline((s) => s.updateSettings);
  const id = useId();
  const [recording, setRecording] = useState(false);
  const [held, setHeld] = useState<Modifier[]>([]);
  const [problem, setProblem] = useState<AcceleratorProblem | null>(null);
  const current = app.settings.shortcut;
  const keys = current === null ? t('settings.shortcut.none') : formatAccelerator(current, app.platform);

  const stop = (): void => {
    setRecording(false);
    setHeld([]);
  };
  const onKey = (e: KeyboardEvent<HTMLButtonElement>, down: boolean): void => {
    if (!recording) return;
    // Tab alone still moves on: the field must never trap the keyboard.
    if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey) return stop();
    e.preventDefault();
    const step = recordKey(e, app.platform);
    if (step.kind === 'modifiers') return setHeld(step.modifiers);
    if (!down) return;
    if (step.kind === 'cancel') return stop();
    if (step.kind === 'invalid') return setProblem(step.problem);
    setProblem(null);
    stop();
    if (step.accelerator !== current) void update({ shortcut: step.accelerator });
  };

  const shown = recording
    ? held.length > 0
      ? `${formatModifiers(held, app.platform).join('+')}+…`
      : t('settings.shortcut.recording')
    : keys;
  return (
    <fieldset className="field" data-testid="shortcut">
      <legend>{t('settings.shortcut')}</legend>
      <div className="shortcut-row">
        <button
          type="button"
          className={`btn shortcut-keys${recording ? ' recording' : ''}`}
          aria-label={t('settings.shortcut.record', { keys })}
          aria-describedby={`${id}-help ${id}-error ${id}-status`}
          aria-pressed={recording}
          onClick={() => {
            setProblem(null);
            setRecording(true);
          }}
          onKeyDown={(e) => onKey(e, true)}
          onKeyUp={(e) => onKey(e, false)}
          onBlur={stop}
        >
          <kbd>{shown}</kbd>
        </button>
        {current !== null ? (
          <button
            type="button"
            className="btn btn-small"
            aria-label={t('settings.shortcut.clearLabel')}
            onClick={() => {
              stop();
              setProblem(null);
              void update({ shortcut: null });
            }}
          >
            {t('settings.shortcut.clear')}
          </button>
        ) : null}
      </div>
      <p id={`${id}-help`} className="help">
        {t('settings.shortcut.help')}
      </p>
      <FieldError id={`${id}-error`} message={problem ? problemText(t, problem) : null} />
      <ShortcutStatus id={`${id}-status`} state={app.shortcut} current={current} platform={app.platform} />
      {app.shortcut.wayland ? <WaylandNote command={app.shortcut.toggleCommand} /> : null}
    </fieldset>
  );
}

/** What the OS did with the shortcut; the state may lag the setting by a push, so it speaks only of the one set. */
function ShortcutStatus({
  id,
  state,
  current,
  platform,
}: {
  id: string;
  state: ShortcutState;
  current: string | null;
  platform: AppState['platform'];
}) {
  const { t } = useI18n();
  const about = state.accelerator !== null && state.accelerator === current;
  const keys = current === null ? '' : formatAccelerator(current, platform);
  if (about && state.status === 'refused') {
    return (
      <p id={id} className="field-error" role="alert" data-testid="shortcut-refused">
        {t('settings.shortcut.refused', { keys })}
      </p>
    );
  }
  return (
    <p id={id} className="help" role="status">
      {about && state.status === 'active' && !state.wayland ? t('settings.shortcut.active', { keys }) : ''}
    </p>
  );
}

/** Wayland: the desktop's own shortcut runs `brimline --toggle`; how, for the common desktops. */
function WaylandNote({ command }: { command: string }) {
  const { t } = useI18n();
  return (
    <div className="notice" data-testid="shortcut-wayland">
      <p className="notice-title">{t('settings.shortcut.wayland.title')}</p>
      <p>{t('settings.shortcut.wayland.body')}</p>
      <CopyCommand command={command} />
      <p>{t('settings.shortcut.wayland.gnome')}</p>
      <p>{t('settings.shortcut.wayland.kde')}</p>
      <p>{t('settings.shortcut.wayland.sway')}</p>
      <CopyCommand command={`bindsym $mod+u exec ${command}`} />
      <p>{t('settings.shortcut.wayland.hyprland')}</p>
      <CopyCommand command={`bind = SUPER, U, exec, ${command}`} />
      <p className="help">{t('settings.shortcut.wayland.portal')}</p>
    </div>
  );
}
