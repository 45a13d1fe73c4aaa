//! What the editor keeps in the browser's local storage across sessions: the theme and the last
//! journey open. Storage may be missing (unit tests) or refused (privacy settings); then nothing
//! is remembered.

export const THEME_KEY = 'waymark.theme';
export const LAST_JOURNEY_KEY = 'waymark.lastJourney';

export function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
