import { createTheme, darken, type CSSVariablesResolver } from '@mantine/core';

/**
 * Hearth's look. Read twice: by the app's MantineProvider, and at build time by
 * build/mantine-css.ts, which turns it into a static stylesheet (the CSP forbids the <style>
 * element Mantine would otherwise inject).
 *
 * Shade 9 for every filled colour and the darker greys below keep text at WCAG AA contrast
 * (4.5:1) on white; axe-core checks it in the browser tests.
 */
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 9,
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif',
  headings: { fontWeight: '600' },
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    // Mantine's close "×" has no text of its own: name it for screen readers. Scroll locking
    // is off because react-remove-scroll injects a <style> element, which the CSP blocks.
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' }, lockScroll: false } },
    // Links in running text must not rely on colour alone (WCAG 1.4.1).
    Anchor: { defaultProps: { underline: 'always' } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' }, lockScroll: false } },
  },
});

const READABLE = [
  'teal',
  'red',
  'green',
  'blue',
  'gray',
  'indigo',
  'grape',
  'violet',
  'cyan',
  'dark',
];

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7]!,
    '--mantine-color-error': t.colors.red[9]!,
    '--mantine-color-anchor': t.colors.teal[9]!,
    ...Object.fromEntries(
      // Text on the light (10 % tinted) variants: shade 9 darkened, for 4.5:1 on the tint.
      READABLE.map((c) => [`--mantine-color-${c}-light-color`, darken(t.colors[c]![9]!, 0.25)]),
    ),
    // Hovered filled buttons: darker than shade 9 (Mantine's default, shade 8, is lighter and
    // drops white text below 4.5:1).
    '--mantine-primary-color-filled-hover': darken(t.colors.teal[9]!, 0.15),
    ...Object.fromEntries(
      READABLE.map((c) => [`--mantine-color-${c}-filled-hover`, darken(t.colors[c]![9]!, 0.15)]),
    ),
  },
  dark: {},
});
