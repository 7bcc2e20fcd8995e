// The input line, parsed against the slash table exported from src/lib at
// build time (catalogue.js): the same rules as src/lib/slash.c, so both
// clients take the same commands the same way. "//text" is text, one '/'
// off; a command may be shortened to a unique prefix; its last argument
// takes the rest of the line.

import { t } from './i18n.js';

export function find(commands, name) {
  const lower = name.toLowerCase();
  const exact = commands.find((c) => c.name === lower);
  if (exact) return { entry: exact };
  const some = lower === '' ? [] : commands.filter((c) => c.name.startsWith(lower));
  if (some.length === 1) return { entry: some[0] };
  if (some.length === 0) return { cause: t('UNKNOWN_COMMAND', name) };
  return { cause: t('AMBIGUOUS_COMMAND', name, some.map((c) => ' /' + c.name).join('')) };
}

// { text } for text to send, { entry, args } for a command, { cause } for
// an unknown or badly used one.
export function parseInput(commands, line) {
  if (line[0] !== '/' || line[1] === '/')
    return { text: line[0] === '/' ? line.slice(1) : line };
  const sp = line.indexOf(' ');
  const name = line.slice(1, sp === -1 ? undefined : sp);
  let rest = sp === -1 ? '' : line.slice(sp + 1);
  const found = find(commands, name);
  if (!found.entry) return found;
  const e = found.entry;
  const args = [];
  while (rest !== '' && args.length < e.max) {
    rest = rest.replace(/^ +/, '');
    if (rest === '') break;
    if (args.length === e.max - 1) {
      args.push(rest);
      rest = '';
      break;
    }
    const k = rest.indexOf(' ');
    args.push(k === -1 ? rest : rest.slice(0, k));
    rest = k === -1 ? '' : rest.slice(k + 1);
  }
  if (args.length < e.min || (e.max === 0 && rest.trim() !== ''))
    return { cause: t('USAGE', e.name, e.usage) };
  return { entry: e, args };
}
