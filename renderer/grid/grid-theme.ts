/**
 * The grid's look, through ag-grid's Theming API (it injects <style> elements, allowed by the CSP's
 * style-src 'unsafe-inline'). Compact rows, system font, the app's neutral greys and single accent colour.
 */
import { themeQuartz } from 'ag-grid-community';

export const gridTheme = themeQuartz.withParams({
  fontFamily: ['system-ui', '-apple-system', 'Segoe UI', 'Roboto', 'Helvetica Neue', 'Arial', 'sans-serif'],
  fontSize: 13,
  headerFontSize: 12,
  headerFontWeight: 600,
  spacing: 5,
  rowHeight: 28,
  headerHeight: 32,
  accentColor: '#1f6f8b',
  foregroundColor: '#1d2327',
  backgroundColor: '#ffffff',
  headerBackgroundColor: '#f3f5f6',
  oddRowBackgroundColor: '#fafbfb',
  borderColor: '#dde1e4',
  wrapperBorder: false,
  wrapperBorderRadius: 0,
  browserColorScheme: 'light',
});
