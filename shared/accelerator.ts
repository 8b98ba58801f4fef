/**
 * Global-shortcut accelerators in Electron's syntax ("CommandOrControl+Shift+U"): the grammar the
 * settings schema enforces, the key combination Settings records from a keydown, and how it is
 * shown. Pure, for both sides: Electron throws on a string it cannot parse, so nothing reaches
 * `globalShortcut.register` without passing `acceleratorProblem` first.
 */

/** Electron's modifiers and their aliases, by lower-case name → the spelling Brimline writes. */
const MODIFIERS: Readonly<Record<string, Modifier>> = {
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  alt: 'Alt',
  option: 'Option',
  shift: 'Shift',
  super: 'Super',
  meta: 'Meta',
};

export type Modifier = 'CommandOrControl' | 'Command' | 'Control' | 'Alt' | 'Option' | 'Shift' | 'Super' | 'Meta';

/** The order modifiers are written in, whatever order they came in. */
const MODIFIER_ORDER: readonly Modifier[] = ['CommandOrControl', 'Command', 'Control', 'Alt', 'Option', 'Shift', 'Super', 'Meta'];

/** Named keys Electron accepts (lower case → its spelling); letters, digits, F-keys and punctuation are checked apart. */
const NAMED_KEYS: Readonly<Record<string, string>> = Object.fromEntries(
  [
    'Plus', 'Space', 'Tab', 'Backspace', 'Delete', 'Insert', 'Return', 'Enter', 'Up', 'Down', 'Left', 'Right',
    'Home', 'End', 'PageUp', 'PageDown', 'Escape', 'Esc', 'PrintScreen',
    'VolumeUp', 'VolumeDown', 'VolumeMute', 'MediaNextTrack', 'MediaPreviousTrack', 'MediaStop', 'MediaPlayPause',
    'num0', 'num1', 'num2', 'num3', 'num4', 'num5', 'num6', 'num7', 'num8', 'num9',
    'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
  ].map((k) => [k.toLowerCase(), k]),
); // prettier-ignore

const PUNCTUATION = new Set('`~!@#$%^&*()-_=[]{}\\|;:\'",.<>/?');

/** Keys a shortcut may use alone: they type nothing, so grabbing them breaks no typing. */
const F_KEY = /^F([1-9]|1\d|2[0-4])$/;
const MEDIA_KEY = /^(Volume|Media)/;

export const MAX_ACCELERATOR_LENGTH = 100;

export type AcceleratorProblem =
  | { code: 'empty' }
  | { code: 'too_long' }
  | { code: 'no_key' }
  | { code: 'unknown_part'; part: string }
  | { code: 'two_keys' }
  | { code: 'duplicate_modifier'; part: string }
  | { code: 'needs_modifier' };

interface Parsed {
  modifiers: Modifier[];
  key: string;
}

/** Splits on '+' (a trailing "++" is the "+" key written as "Plus", which Electron asks for). */
function parse(raw: string): Parsed | AcceleratorProblem {
  const text = raw.trim();
  if (text === '') return { code: 'empty' };
  if (text.length > MAX_ACCELERATOR_LENGTH) return { code: 'too_long' };
  const modifiers: Modifier[] = [];
  let key: string | null = null;
  for (const part of text.split('+').map((p) => p.trim())) {
    if (part === '') return { code: 'unknown_part', part: '+' };
    const modifier = MODIFIERS[part.toLowerCase()];
    if (modifier !== undefined) {
      if (key !== null) return { code: 'unknown_part', part };
      if (modifiers.includes(modifier)) return { code: 'duplicate_modifier', part };
      modifiers.push(modifier);
      continue;
    }
    const k = keyName(part);
    if (k === null) return { code: 'unknown_part', part };
    if (key !== null) return { code: 'two_keys' };
    key = k;
  }
  if (key === null) return { code: 'no_key' };
  return { modifiers, key };
}

/** A key's spelling as Brimline writes it, or null when Electron would not know it. */
function keyName(part: string): string | null {
  if (/^[a-z0-9]$/i.test(part)) return part.toUpperCase();
  if (PUNCTUATION.has(part)) return part;
  const f = /^f(\d{1,2})$/i.exec(part);
  if (f && F_KEY.test(`F${f[1]}`)) return `F${f[1]}`;
  return NAMED_KEYS[part.toLowerCase()] ?? null;
}

/** Shift alone would take a capital letter from every app; F-keys and media keys may go bare. */
function needsModifier({ modifiers, key }: Parsed): boolean {
  if (F_KEY.test(key) || MEDIA_KEY.test(key)) return false;
  return modifiers.filter((m) => m !== 'Shift').length === 0;
}

/** Why `raw` is not a shortcut Brimline registers, or null when it is. */
export function acceleratorProblem(raw: string): AcceleratorProblem | null {
  const parsed = parse(raw);
  if ('code' in parsed) return parsed;
  return needsModifier(parsed) ? { code: 'needs_modifier' } : null;
}

/** The one spelling of a valid accelerator (aliases resolved, modifiers in order); null when invalid. */
export function normaliseAccelerator(raw: string): string | null {
  const parsed = parse(raw);
  if ('code' in parsed || needsModifier(parsed)) return null;
  const modifiers = MODIFIER_ORDER.filter((m) => parsed.modifiers.includes(m));
  return [...modifiers, parsed.key].join('+');
}

/** The problem in English, for the settings schema's error (the log, an IPC caller). */
export function acceleratorProblemText(p: AcceleratorProblem): string {
  switch (p.code) {
    case 'empty':
      return 'a shortcut needs a key';
    case 'too_long':
      return `a shortcut is at most ${MAX_ACCELERATOR_LENGTH} characters`;
    case 'no_key':
      return 'a shortcut needs a key besides its modifiers';
    case 'unknown_part':
      return `"${p.part}" is neither a modifier (CommandOrControl, Control, Command, Alt, Option, Shift, Super, Meta) nor a key`;
    case 'two_keys':
      return 'a shortcut has one key (plus modifiers)';
    case 'duplicate_modifier':
      return `"${p.part}" is given twice`;
    case 'needs_modifier':
      return 'a shortcut needs Ctrl, Alt, Cmd or Super unless its key is an F-key';
  }
}

export type DisplayPlatform = 'darwin' | 'win32' | 'linux' | 'other';

/** How a user reads modifiers: Ctrl and Super on Windows and Linux, Cmd and Option on macOS. */
export function formatModifiers(modifiers: readonly Modifier[], platform: DisplayPlatform): string[] {
  const mac = platform === 'darwin';
  const names: Record<Modifier, string> = {
    CommandOrControl: mac ? 'Cmd' : 'Ctrl',
    Command: 'Cmd',
    Control: 'Ctrl',
    Alt: mac ? 'Option' : 'Alt',
    Option: 'Option',
    Shift: 'Shift',
    Super: mac ? 'Cmd' : 'Super',
    Meta: mac ? 'Cmd' : 'Super',
  };
  return [...new Set(MODIFIER_ORDER.filter((m) => modifiers.includes(m)).map((m) => names[m]))];
}

/** How a user reads it: "Ctrl+Shift+U" on Windows and Linux, "Cmd+Shift+U" on macOS. */
export function formatAccelerator(accelerator: string, platform: DisplayPlatform): string {
  const parsed = parse(accelerator);
  if ('code' in parsed) return accelerator;
  return [...formatModifiers(parsed.modifiers, platform), parsed.key].join('+');
}

/** What Settings reads of a keydown (a KeyboardEvent fits). */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

export type RecordStep =
  /** Only modifiers are down so far: keep listening, show them. */
  | { kind: 'modifiers'; modifiers: Modifier[] }
  /** Escape with no modifier: stop recording, keep the shortcut as it was. */
  | { kind: 'cancel' }
  | { kind: 'accelerator'; accelerator: string }
  | { kind: 'invalid'; problem: AcceleratorProblem };

/** Physical keys whose character depends on Shift and the layout, named by their unshifted US character. */
const CODE_KEYS: Readonly<Record<string, string>> = {
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
  Backquote: '`',
  Space: 'Space',
  Tab: 'Tab',
  Enter: 'Return',
  NumpadEnter: 'Return',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Escape: 'Escape',
  PrintScreen: 'PrintScreen',
  NumpadDecimal: 'numdec',
  NumpadAdd: 'numadd',
  NumpadSubtract: 'numsub',
  NumpadMultiply: 'nummult',
  NumpadDivide: 'numdiv',
  AudioVolumeUp: 'VolumeUp',
  AudioVolumeDown: 'VolumeDown',
  AudioVolumeMute: 'VolumeMute',
  MediaTrackNext: 'MediaNextTrack',
  MediaTrackPrevious: 'MediaPreviousTrack',
  MediaStop: 'MediaStop',
  MediaPlayPause: 'MediaPlayPause',
};

const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'Meta', 'AltGraph', 'OS', 'Super', 'Hyper']);

/**
 * The key of a keydown in Electron's names. A letter is taken from `key`, so it follows the
 * keyboard layout as the OS's key grab does (on AZERTY the key marked A is "A"); the rest from
 * `code`, which Shift and Option do not change (Shift+1 is "1", not "!").
 */
function pressedKey(e: KeyPress): string | null {
  if (/^[a-z]$/i.test(e.key)) return e.key.toUpperCase();
  const letter = /^Key([A-Z])$/.exec(e.code);
  if (letter) return letter[1]!;
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(e.code);
  if (digit) return e.code.startsWith('Numpad') ? `num${digit[1]}` : digit[1]!;
  if (F_KEY.test(e.code)) return e.code;
  return CODE_KEYS[e.code] ?? null;
}

/**
 * One keydown while Settings records: modifiers held so far, a cancel, the accelerator, or why it
 * cannot be one. The primary modifier (Ctrl on Windows and Linux, Cmd on macOS) is written
 * CommandOrControl, so settings moved to another OS keep meaning the same keys.
 */
export function recordKey(e: KeyPress, platform: DisplayPlatform): RecordStep {
  const mac = platform === 'darwin';
  const modifiers: Modifier[] = [];
  if (mac ? e.metaKey : e.ctrlKey) modifiers.push('CommandOrControl');
  if (mac && e.ctrlKey) modifiers.push('Control');
  if (e.altKey) modifiers.push('Alt');
  if (e.shiftKey) modifiers.push('Shift');
  if (!mac && e.metaKey) modifiers.push('Super');
  if (MODIFIER_KEYS.has(e.key)) return { kind: 'modifiers', modifiers };
  if (e.key === 'Escape' && modifiers.length === 0) return { kind: 'cancel' };
  const key = pressedKey(e);
  if (key === null) return { kind: 'invalid', problem: { code: 'unknown_part', part: e.key } };
  const accelerator = [...modifiers, key].join('+');
  const problem = acceleratorProblem(accelerator);
  return problem ? { kind: 'invalid', problem } : { kind: 'accelerator', accelerator };
}
