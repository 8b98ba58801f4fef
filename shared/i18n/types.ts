/**
 * Shapes of the renderer's message catalogues. A message is a string with `{name}` placeholders,
 * or a set of plural forms chosen with `Intl.PluralRules` from the `count` parameter.
 */
export interface PluralMessage {
  one: string;
  other: string;
  /** Used by locales whose rules produce it (e.g. French "many" for large round numbers). */
  many?: string;
  zero?: string;
}

export type Message = string | PluralMessage;

/** Same keys as the reference catalogue, and the same kind of message under each key. */
export type CatalogueOf<T extends Record<string, Message>> = {
  [K in keyof T]: T[K] extends string ? string : PluralMessage;
};

export type Params = Record<string, string | number>;
