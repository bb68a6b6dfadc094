// Light or dark: the user's last choice, else the system's preference.
export type Theme = 'light' | 'dark';

const KEY = 'cairn.theme';

export function initialTheme(): Theme {
  try {
    const t = localStorage.getItem(KEY);
    if (t === 'light' || t === 'dark') return t;
  } catch {
    // storage unavailable (some WebViews): fall through
  }
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function saveTheme(t: Theme): void {
  try {
    localStorage.setItem(KEY, t);
  } catch {
    // not kept across reloads then
  }
}

/** The page's theme: App sets it (and the document's data-theme); charts redraw on a change. */
export const page = $state<{ theme: Theme }>({ theme: initialTheme() });
