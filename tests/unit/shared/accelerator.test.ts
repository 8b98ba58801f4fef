import { describe, expect, it } from 'vitest';
import { acceleratorProblem, formatAccelerator, normaliseAccelerator, recordKey, type KeyPress } from '../../../shared/accelerator';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { migrate } from '../../../electron/core/settings/settings-store';
import { applySettingsPatch, settingsPatchSchema, settingsSchema } from '../../../shared/settings-schema';

const press = (key: string, code: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
});

describe('accelerator grammar', () => {
  it("accepts Electron's modifiers and aliases with one key, and writes them one way", () => {
    expect(normaliseAccelerator('CommandOrControl+Shift+U')).toBe('CommandOrControl+Shift+U');
    expect(normaliseAccelerator('shift+cmdorctrl+u')).toBe('CommandOrControl+Shift+U');
    expect(normaliseAccelerator('Ctrl+Alt+F5')).toBe('Control+Alt+F5');
    expect(normaliseAccelerator('Super+Space')).toBe('Super+Space');
    expect(normaliseAccelerator('Option+Cmd+k')).toBe('Command+Option+K');
    expect(normaliseAccelerator('Meta+esc')).toBe('Meta+Esc');
    expect(normaliseAccelerator('Control+num7')).toBe('Control+num7');
    expect(normaliseAccelerator('Alt+/')).toBe('Alt+/');
  });

  it('lets F-keys and media keys go without a modifier, nothing else (Shift alone does not count)', () => {
    expect(acceleratorProblem('F9')).toBeNull();
    expect(acceleratorProblem('F24')).toBeNull();
    expect(acceleratorProblem('MediaPlayPause')).toBeNull();
    expect(acceleratorProblem('U')).toEqual({ code: 'needs_modifier' });
    expect(acceleratorProblem('Shift+U')).toEqual({ code: 'needs_modifier' });
    expect(acceleratorProblem('Space')).toEqual({ code: 'needs_modifier' });
  });

  it('says what is wrong with garbage', () => {
    expect(acceleratorProblem('')).toEqual({ code: 'empty' });
    expect(acceleratorProblem('Ctrl+Shift')).toEqual({ code: 'no_key' });
    expect(acceleratorProblem('Ctrl+Hyper+U')).toEqual({ code: 'unknown_part', part: 'Hyper' });
    expect(acceleratorProblem('Ctrl+F25')).toEqual({ code: 'unknown_part', part: 'F25' });
    expect(acceleratorProblem('Ctrl+U+I')).toEqual({ code: 'two_keys' });
    expect(acceleratorProblem('Ctrl+Control+U')).toEqual({ code: 'duplicate_modifier', part: 'Control' });
    expect(acceleratorProblem('Ctrl++')).toEqual({ code: 'unknown_part', part: '+' });
    expect(acceleratorProblem('U+Ctrl')).toEqual({ code: 'unknown_part', part: 'Ctrl' });
    expect(acceleratorProblem(`Ctrl+${'A'.repeat(200)}`)).toEqual({ code: 'too_long' });
  });

  it('shows Ctrl on Windows and Linux and Cmd on macOS', () => {
    expect(formatAccelerator('CommandOrControl+Shift+U', 'linux')).toBe('Ctrl+Shift+U');
    expect(formatAccelerator('CommandOrControl+Shift+U', 'win32')).toBe('Ctrl+Shift+U');
    expect(formatAccelerator('CommandOrControl+Alt+U', 'darwin')).toBe('Cmd+Option+U');
    expect(formatAccelerator('Super+U', 'linux')).toBe('Super+U');
  });
});

describe('recording a key combination', () => {
  it('keeps listening while only modifiers are down', () => {
    expect(recordKey(press('Control', 'ControlLeft', { ctrlKey: true }), 'linux')).toEqual({
      kind: 'modifiers',
      modifiers: ['CommandOrControl'],
    });
    expect(recordKey(press('Shift', 'ShiftLeft', { ctrlKey: true, shiftKey: true }), 'linux')).toEqual({
      kind: 'modifiers',
      modifiers: ['CommandOrControl', 'Shift'],
    });
  });

  it('writes the primary modifier as CommandOrControl: Ctrl on Linux and Windows, Cmd on macOS', () => {
    expect(recordKey(press('U', 'KeyU', { ctrlKey: true, shiftKey: true }), 'linux')).toEqual({
      kind: 'accelerator',
      accelerator: 'CommandOrControl+Shift+U',
    });
    expect(recordKey(press('u', 'KeyU', { metaKey: true }), 'darwin')).toEqual({ kind: 'accelerator', accelerator: 'CommandOrControl+U' });
    expect(recordKey(press('u', 'KeyU', { ctrlKey: true }), 'darwin')).toEqual({ kind: 'accelerator', accelerator: 'Control+U' });
    expect(recordKey(press('u', 'KeyU', { metaKey: true }), 'linux')).toEqual({ kind: 'accelerator', accelerator: 'Super+U' });
  });

  it('takes letters from the layout and the rest from the physical key', () => {
    // AZERTY: the key in QWERTY's Q place types A, and the OS grabs it as A.
    expect(recordKey(press('a', 'KeyQ', { ctrlKey: true }), 'linux')).toEqual({ kind: 'accelerator', accelerator: 'CommandOrControl+A' });
    // macOS Option changes the character; the physical key still names it.
    expect(recordKey(press('¨', 'KeyU', { altKey: true, metaKey: true }), 'darwin')).toEqual({
      kind: 'accelerator',
      accelerator: 'CommandOrControl+Alt+U',
    });
    expect(recordKey(press('!', 'Digit1', { ctrlKey: true, shiftKey: true }), 'linux')).toEqual({
      kind: 'accelerator',
      accelerator: 'CommandOrControl+Shift+1',
    });
    expect(recordKey(press('ArrowUp', 'ArrowUp', { altKey: true }), 'win32')).toEqual({ kind: 'accelerator', accelerator: 'Alt+Up' });
    expect(recordKey(press('F8', 'F8'), 'linux')).toEqual({ kind: 'accelerator', accelerator: 'F8' });
  });

  it('cancels on a bare Escape, and refuses a key that needs a modifier or that Electron cannot name', () => {
    expect(recordKey(press('Escape', 'Escape'), 'linux')).toEqual({ kind: 'cancel' });
    expect(recordKey(press('Escape', 'Escape', { ctrlKey: true }), 'linux')).toEqual({
      kind: 'accelerator',
      accelerator: 'CommandOrControl+Escape',
    });
    expect(recordKey(press('u', 'KeyU'), 'linux')).toEqual({ kind: 'invalid', problem: { code: 'needs_modifier' } });
    expect(recordKey(press('U', 'KeyU', { shiftKey: true }), 'linux')).toEqual({ kind: 'invalid', problem: { code: 'needs_modifier' } });
    expect(recordKey(press('Dead', 'IntlBackslash', { ctrlKey: true }), 'linux')).toEqual({
      kind: 'invalid',
      problem: { code: 'unknown_part', part: 'Dead' },
    });
  });
});

describe('the shortcut setting', () => {
  it('is off by default, and a settings file from before it loads with none', () => {
    expect(DEFAULT_SETTINGS.shortcut).toBeNull();
    const { shortcut: _gone, ...older } = { ...DEFAULT_SETTINGS, pollIntervalMinutes: 7 };
    const loaded = settingsSchema.parse(migrate(JSON.parse(JSON.stringify(older))));
    expect(loaded.shortcut).toBeNull();
    expect(loaded.pollIntervalMinutes).toBe(7);
  });

  it('saves a valid shortcut in its one spelling, and clears it with null', () => {
    const set = applySettingsPatch(DEFAULT_SETTINGS, settingsPatchSchema.parse({ shortcut: 'ctrl+shift+u' }));
    expect(set.shortcut).toBe('Control+Shift+U');
    expect(applySettingsPatch(set, settingsPatchSchema.parse({ shortcut: null })).shortcut).toBeNull();
  });

  it('refuses garbage from the renderer with the reason', () => {
    const res = settingsPatchSchema.safeParse({ shortcut: 'Ctrl+Banana' });
    expect(res.success).toBe(false);
    expect(res.error?.issues[0]?.message).toBe(
      'Not a shortcut: "Banana" is neither a modifier (CommandOrControl, Control, Command, Alt, Option, Shift, Super, Meta) nor a key.',
    );
    expect(settingsPatchSchema.safeParse({ shortcut: 42 }).success).toBe(false);
  });

  it('a hand-edited file with a shortcut Electron cannot read keeps every other setting', () => {
    const parsed = settingsSchema.parse({ ...DEFAULT_SETTINGS, pollIntervalMinutes: 9, shortcut: 'Hyper+U' });
    expect(parsed.shortcut).toBeNull();
    expect(parsed.pollIntervalMinutes).toBe(9);
  });
});
