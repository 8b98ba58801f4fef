/**
 * Strings the main process shows outside the renderer: tray menu, tooltip and notifications.
 * French is typed against English's keys, so a missing translation fails to compile.
 */

export type MainLocale = 'en' | 'fr';

export interface MainStrings {
  menuOpen: string;
  menuRefresh: string;
  /** Refresh is refused until `clock` (rate-limit gate). */
  menuRefreshAt: (clock: string) => string;
  menuSettings: string;
  menuUsagePage: string;
  menuLaunchAtLogin: string;
  menuQuit: string;
  /** Labels for window kinds; other windows keep the source's label. */
  windowSession: string;
  windowWeekly: string;
  tooltipResetsIn: (label: string, percent: string, duration: string) => string;
  tooltipReset: (label: string, percent: string) => string;
  tooltipNotStarted: (label: string, percent: string) => string;
  tooltipStale: (source: string) => string;
  tooltipError: (source: string, message: string) => string;
  tooltipNoData: string;
  notifyThresholdTitle: (label: string, percent: string) => string;
  notifyThresholdBody: (clock: string) => string;
  notifyThresholdBodyNoReset: string;
  notifyResetTitle: (label: string) => string;
  notifyResetBody: string;
}

const en: MainStrings = {
  menuOpen: 'Open Headroom',
  menuRefresh: 'Refresh now',
  menuRefreshAt: (clock) => `Refresh now (available at ${clock})`,
  menuSettings: 'Settings…',
  menuUsagePage: 'Open usage page on claude.ai',
  menuLaunchAtLogin: 'Launch at login',
  menuQuit: 'Quit Headroom',
  windowSession: 'Session',
  windowWeekly: 'Weekly',
  tooltipResetsIn: (label, percent, duration) => `${label} ${percent} · resets in ${duration}`,
  tooltipReset: (label, percent) => `${label} ${percent} · has reset`,
  tooltipNotStarted: (label, percent) => `${label} ${percent} · not started`,
  tooltipStale: (source) => `${source}: last update failed, showing older data`,
  tooltipError: (source, message) => `${source}: ${message}`,
  tooltipNoData: 'Headroom: no usage data yet',
  notifyThresholdTitle: (label, percent) => `Claude ${label.toLowerCase()} at ${percent}`,
  notifyThresholdBody: (clock) => `Resets at ${clock}.`,
  notifyThresholdBodyNoReset: 'No reset time reported.',
  notifyResetTitle: (label) => `Claude ${label.toLowerCase()} has reset`,
  notifyResetBody: 'Your usage for this window is back to 0%.',
};

const fr: MainStrings = {
  menuOpen: 'Ouvrir Headroom',
  menuRefresh: 'Actualiser',
  menuRefreshAt: (clock) => `Actualiser (possible à ${clock})`,
  menuSettings: 'Réglages…',
  menuUsagePage: 'Ouvrir la page d’utilisation sur claude.ai',
  menuLaunchAtLogin: 'Lancer à l’ouverture de session',
  menuQuit: 'Quitter Headroom',
  windowSession: 'Session',
  windowWeekly: 'Semaine',
  tooltipResetsIn: (label, percent, duration) => `${label} ${percent} · réinitialisation dans ${duration}`,
  tooltipReset: (label, percent) => `${label} ${percent} · réinitialisé`,
  tooltipNotStarted: (label, percent) => `${label} ${percent} · pas commencé`,
  tooltipStale: (source) => `${source} : échec de la dernière mise à jour, données plus anciennes`,
  tooltipError: (source, message) => `${source} : ${message}`,
  tooltipNoData: 'Headroom : pas encore de données',
  notifyThresholdTitle: (label, percent) => `Claude : ${label.toLowerCase()} à ${percent}`,
  notifyThresholdBody: (clock) => `Réinitialisation à ${clock}.`,
  notifyThresholdBodyNoReset: 'Aucune heure de réinitialisation indiquée.',
  notifyResetTitle: (label) => `Claude : ${label.toLowerCase()} réinitialisé`,
  notifyResetBody: 'Votre utilisation pour cette période est revenue à 0 %.',
};

export const MAIN_STRINGS: Record<MainLocale, MainStrings> = { en, fr };

/** `language` from settings ('system' | 'en' | 'fr') plus the OS locale → the catalogue to use. */
export function resolveMainLocale(language: string, systemLocale: string): MainLocale {
  const pick = language === 'system' ? systemLocale : language;
  return pick.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function mainStrings(locale: MainLocale): MainStrings {
  return MAIN_STRINGS[locale];
}
