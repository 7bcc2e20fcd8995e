// The IRC protocol, as the browser client needs it: parse a line into tags,
// source, command and parameters; build a line from parameters; fold nicks
// and channel names under the server's casemapping. No DOM here.

const TAG_UNESCAPE = { ':': ';', 's': ' ', '\\': '\\', 'r': '\r', 'n': '\n' };

function unescapeTag(v) {
  return v.replace(/\\(.?)/g, (_, c) => TAG_UNESCAPE[c] ?? c);
}

// A line from the server: { tags, source: {nick, user, host} | null,
// command, params } with the trailing parameter in params like any other.
export function parse(line) {
  const m = { tags: {}, source: null, command: '', params: [] };
  let i = 0;
  const word = () => {
    const j = line.indexOf(' ', i);
    const w = j === -1 ? line.slice(i) : line.slice(i, j);
    i = j === -1 ? line.length : j + 1;
    while (line[i] === ' ') i++;
    return w;
  };
  if (line[0] === '@') {
    for (const t of word().slice(1).split(';')) {
      const eq = t.indexOf('=');
      if (eq === -1) m.tags[t] = '';
      else m.tags[t.slice(0, eq)] = unescapeTag(t.slice(eq + 1));
    }
  }
  if (line[i] === ':') {
    const s = word().slice(1);
    const bang = s.indexOf('!'), at = s.indexOf('@');
    m.source = {
      nick: s.slice(0, bang !== -1 ? bang : at !== -1 ? at : s.length),
      user: bang !== -1 ? s.slice(bang + 1, at !== -1 ? at : s.length) : '',
      host: at !== -1 ? s.slice(at + 1) : '',
    };
  }
  m.command = word().toUpperCase();
  while (i < line.length) {
    if (line[i] === ':') {
      m.params.push(line.slice(i + 1));
      break;
    }
    m.params.push(word());
  }
  return m;
}

// A line to send: every parameter but the last must be one word; the last
// goes as trailing when it needs to. CR, LF and NUL never go out.
export function format(command, ...params) {
  const clean = params.map((p) => String(p).replace(/[\r\n\0]/g, ' '));
  const last = clean.length - 1;
  return [command, ...clean.map((p, k) =>
    k === last && (p === '' || p.includes(' ') || p[0] === ':') ? ':' + p : p)
  ].join(' ');
}

// Fold a name as the server compares them (CASEMAPPING).
export function fold(name, casemapping = 'rfc1459') {
  let s = name.toLowerCase();
  if (casemapping === 'ascii') return name.replace(/[A-Z]/g, (c) => c.toLowerCase());
  s = s.replace(/[[\]\\]/g, (c) => ({ '[': '{', ']': '}', '\\': '|' })[c]);
  if (casemapping !== 'strict-rfc1459') s = s.replace(/~/g, '^');
  return s;
}

// mIRC formatting (bold, colours, reset ...) taken out of a text.
export function stripFormatting(text) {
  return text.replace(/\x03(\d{1,2}(,\d{1,2})?)?|\x04[0-9a-fA-F]{6}(,[0-9a-fA-F]{6})?|[\x02\x0f\x11\x16\x1d\x1e\x1f]/g, '');
}

// A CTCP message's command and argument, or null.
export function ctcp(text) {
  if (text.length < 2 || text[0] !== '\x01') return null;
  const body = text.slice(1, text.endsWith('\x01') ? -1 : undefined);
  const sp = body.indexOf(' ');
  return sp === -1 ? { command: body.toUpperCase(), arg: '' }
    : { command: body.slice(0, sp).toUpperCase(), arg: body.slice(sp + 1) };
}

// Split text into pieces whose UTF-8 encoding fits in max bytes, at spaces
// where there is one, never inside a character.
// keep: each piece but the last keeps the space it was cut at (a
// draft/multiline-concat piece, joined again on arrival).
export function splitText(text, max, keep = false) {
  const enc = new TextEncoder();
  const out = [];
  let rest = text;
  while (enc.encode(rest).length > max) {
    let bytes = 0, cut = 0, space = -1;
    for (const ch of rest) {
      const n = enc.encode(ch).length;
      if (bytes + n > max) break;
      bytes += n;
      cut += ch.length;
      if (ch === ' ') space = cut;
    }
    const at = space > 0 ? space : cut;
    out.push(keep ? rest.slice(0, at) : rest.slice(0, at).replace(/ $/, ''));
    rest = rest.slice(at);
  }
  out.push(rest);
  return out;
}
