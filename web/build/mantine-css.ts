import {
  convertCssVariables,
  defaultCssVariablesResolver,
  DEFAULT_THEME,
  mergeMantineTheme,
  type CSSVariablesResolver,
  type MantineThemeOverride,
} from '@mantine/core';
import type { Plugin } from 'vite';

const ID = 'virtual:mantine-theme.css';
const RESOLVED = `\0${ID}`;

/**
 * What MantineProvider would inject at run time as <style> elements — the theme's CSS
 * variables and the `hiddenFrom`/`visibleFrom` classes — computed once at build time and
 * bundled as an ordinary stylesheet, so the strict CSP (style-src 'self', no inline styles)
 * holds. The provider then runs with withCssVariables={false} and withGlobalClasses={false}.
 */
export function mantineThemeCss(
  override: MantineThemeOverride,
  resolver: CSSVariablesResolver,
): Plugin {
  return {
    name: 'hearth:mantine-theme-css',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const theme = mergeMantineTheme(DEFAULT_THEME, override);
      const base = defaultCssVariablesResolver(theme);
      const extra = resolver(theme);
      const merged = {
        variables: { ...base.variables, ...extra.variables },
        light: { ...base.light, ...extra.light },
        dark: { ...base.dark, ...extra.dark },
      };
      const scheme = convertCssVariables(
        {
          variables: {},
          light: { '--mantine-color-scheme': 'light' },
          dark: { '--mantine-color-scheme': 'dark' },
        },
        ':root',
      );
      return `${convertCssVariables(merged, ':root')}${scheme}${breakpointClasses(theme.breakpoints)}`;
    },
  };
}

function breakpointClasses(breakpoints: Record<string, string>): string {
  return Object.entries(breakpoints)
    .map(([name, value]) => {
      const em = parseFloat(value);
      return `@media (max-width: ${em - 0.01}em) {.mantine-visible-from-${name} {display: none !important;}}@media (min-width: ${em}em) {.mantine-hidden-from-${name} {display: none !important;}}`;
    })
    .join('');
}
