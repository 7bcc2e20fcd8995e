// The browser client's language: the first of the reader's languages that
// the catalogue has (catalogue.js, exported at build time from po/), else
// English. t() fills a text's %s and %d in order, as printf would.

import { catalogues } from './catalogue.js';

function pick() {
  for (const l of navigator.languages ?? [navigator.language ?? 'en']) {
    const base = l.toLowerCase().split('-')[0];
    if (catalogues[base]) return base;
  }
  return 'en';
}

export const lang = typeof navigator === 'undefined' ? 'en' : pick();
export const catalogue = catalogues[lang];

export function printf(fmt, args) {
  let k = 0;
  return fmt.replace(/%(\d+\$)?(l*)([sd%])/g, (m, pos, l, c) => {
    if (c === '%') return '%';
    const v = pos ? args[parseInt(pos, 10) - 1] : args[k++];
    return c === 'd' ? String(Math.trunc(Number(v))) : String(v ?? '');
  });
}

export function t(id, ...args) {
  return printf(catalogue.texts[id] ?? catalogues.en.texts[id] ?? id, args);
}
