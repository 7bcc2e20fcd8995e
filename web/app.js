// The browser client chatd serves at /: a nick (and a password for an
// account), then the chat over a WebSocket (text.ircv3.net) to the same
// host. Windows for the server, channels and private conversations, a topic
// bar, the message pane ([HH:MM] <nick> text), the nick list and an input
// line with chatui's slash commands (the table exported from src/lib).
// Everything from the network goes into the page as text, never as HTML.

import { parse, format, fold, stripFormatting, ctcp, splitText } from './irc.js';
import { parseInput, find } from './slash.js';
import { t, lang, catalogue } from './i18n.js';

const $ = (id) => document.getElementById(id);
const HISTORY_PAGE = 50;
const BACKOFF_MAX = 30;

const state = {
  nick: '', password: '', account: '', accountNow: '',
  ws: null, registered: false, caps: new Set(), offered: new Map(), multilineSeq: 0,
  isupport: { CASEMAPPING: 'rfc1459', CHANTYPES: '#&', PREFIX: '(ov)@+', NICKLEN: '30' },
  windows: new Map(), order: [], current: null, joining: new Set(),
  backoff: 1, retry: null, quitting: false,
  batches: new Map(), inputHistory: [], historyAt: 0, complete: null,
  away: false, nicklistShown: true,
  ignores: JSON.parse(localStorage.getItem('chat.ignore') ?? '[]'),
};

// Names and windows.

const key = (name) => fold(name, state.isupport.CASEMAPPING);
const isChannel = (name) => name !== '' && state.isupport.CHANTYPES.includes(name[0]);
const prefixChars = () => {
  const m = /^\(([^)]*)\)(.*)$/.exec(state.isupport.PREFIX);
  return m ? { modes: m[1], chars: m[2] } : { modes: 'ov', chars: '@+' };
};

// The ignore list: masks nick!user@host with * and ?, as chatui's.
function ignoreMask(what) {
  if (what.includes('!') && what.includes('@')) return what;
  if (what.includes('!')) return what + '@*';
  if (what.includes('@')) return '*!' + what;
  return what + '!*@*';
}

function globRe(mask) {
  return new RegExp('^' + [...key(mask)].map((c) => c === '*' ? '.*' : c === '?' ? '.'
    : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')).join('') + '$', 's');
}

function ignored(source) {
  if (!source || !source.user) return false;
  const s = key(source.nick + '!' + source.user + '@' + source.host);
  return state.ignores.some((m) => globRe(m).test(s));
}

function saveIgnores() {
  localStorage.setItem('chat.ignore', JSON.stringify(state.ignores));
}

function windowFor(name, kind, create = true) {
  const k = kind === 'server' ? '' : key(name);
  let w = state.windows.get(k);
  if (w || !create) return w;
  w = {
    name, kind, key: k, members: new Map(), topic: '', unread: 0,
    highlight: false, joined: false, msgids: new Set(), oldest: null,
    historyDone: false, fetching: false, lastDay: null,
    pane: document.createElement('div'),
  };
  w.pane.className = 'pane';
  w.pane.hidden = true;
  w.pane.addEventListener('scroll', () => onScroll(w));
  $('messages').append(w.pane);
  state.windows.set(k, w);
  state.order.push(w);
  if (!state.current) show(w);
  drawWindows();
  return w;
}

const serverWindow = () => windowFor('server', 'server');
const current = () => state.current ?? serverWindow();

function closeWindow(w) {
  if (w.kind === 'server') return;
  state.windows.delete(w.key);
  state.order = state.order.filter((x) => x !== w);
  w.pane.remove();
  if (state.current === w) {
    state.current = null;
    show(state.order[state.order.length - 1] ?? serverWindow());
  }
  drawWindows();
}

function show(w) {
  if (state.current) state.current.pane.hidden = true;
  state.current = w;
  w.pane.hidden = false;
  w.unread = 0;
  w.highlight = false;
  w.pane.scrollTop = w.pane.scrollHeight;
  drawWindows();
  drawTopic();
  drawMembers();
  $('input').focus();
}

function drawWindows() {
  const nav = $('windows');
  nav.replaceChildren(...state.order.map((w, i) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'win' + (w === state.current ? ' current' : '') +
      (w.highlight ? ' highlight' : w.unread ? ' unread' : '');
    b.dataset.name = w.name;
    const label = document.createElement('span');
    label.textContent = (i + 1) + ' ' + w.name;
    b.append(label);
    if (w.unread && w !== state.current) {
      const n = document.createElement('span');
      n.className = 'count';
      n.textContent = String(w.unread);
      b.append(n);
    }
    b.addEventListener('click', () => show(w));
    return b;
  }));
  const unread = state.order.reduce((n, w) => n + w.unread, 0);
  document.title = (unread ? '(' + unread + ') ' : '') + t('WEB_TITLE');
}

function drawTopic() {
  const w = current();
  const bar = $('topic');
  bar.replaceChildren();
  const name = document.createElement('strong');
  name.textContent = w.kind === 'server' ? (state.isupport.NETWORK ?? w.name) : w.name;
  bar.append(name);
  if (w.kind === 'channel') {
    const count = document.createElement('span');
    count.className = 'members';
    count.textContent = ' (' + t('WEB_MEMBERS', w.members.size) + ')';
    bar.append(count);
  }
  if (w.topic) {
    bar.append(': ');
    appendText(bar, w.topic);
  }
}

function memberRank(m) {
  const { chars } = prefixChars();
  const k = m.prefix ? chars.indexOf(m.prefix[0]) : -1;
  return k === -1 ? chars.length : k;
}

function drawMembers() {
  const w = current();
  const aside = $('nicklist');
  aside.hidden = w.kind !== 'channel' || !state.nicklistShown;
  if (aside.hidden) return;
  const list = [...w.members.values()].sort((a, b) =>
    memberRank(a) - memberRank(b) || key(a.nick).localeCompare(key(b.nick)));
  $('count').textContent = t('WEB_MEMBERS', list.length);
  $('members').replaceChildren(...list.map((m) => {
    const li = document.createElement('li');
    li.className = 'member' + (m.away ? ' away' : '') +
      (key(m.nick) === key(state.nick) ? ' self' : '');
    if (m.prefix) {
      const p = document.createElement('span');
      p.className = m.prefix[0] === '@' ? 'op' : m.prefix[0] === '+' ? 'voice' : 'prefix';
      p.textContent = m.prefix[0];
      li.append(p);
    }
    const n = document.createElement('span');
    n.className = 'nick ' + nickClass(m.nick);
    n.textContent = m.nick;
    li.append(n);
    li.addEventListener('click', () => {
      const input = $('input');
      input.value += m.nick + (input.value === '' ? ': ' : ' ');
      input.focus();
    });
    return li;
  }));
}

// Lines.

function nickClass(nick) {
  let h = 0x811c9dc5;
  for (const c of key(nick)) h = Math.imul(h ^ c.codePointAt(0), 0x01000193) >>> 0;
  return 'c' + (h % 16);
}

const pad = (n) => String(n).padStart(2, '0');
const hhmm = (d) => '[' + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ']';

// Text with links made clickable and the own nick marked; all as text.
const LINK = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/gi;

function appendText(parent, text, mark = false) {
  text = stripFormatting(text);
  const plain = mark ? appendMentions : (p, x) => p.append(x);
  let at = 0;
  for (const m of text.matchAll(LINK)) {
    plain(parent, text.slice(at, m.index));
    const a = document.createElement('a');
    a.href = m[0];
    a.textContent = m[0];
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    parent.append(a);
    // An image this server keeps: a thumbnail under the link, loaded late.
    if (isOwnImage(m[0])) {
      const img = document.createElement('img');
      img.src = m[0];
      img.loading = 'lazy';
      img.className = 'thumb';
      img.alt = '';
      a.append(img);
    }
    at = m.index + m[0].length;
  }
  plain(parent, text.slice(at));
}

function isOwnImage(link) {
  try {
    const u = new URL(link);
    return u.origin === location.origin && u.pathname.startsWith('/f/') &&
      /\.(png|jpe?g|gif|webp|avif)$/i.test(u.pathname);
  } catch (e) {
    return false;
  }
}

function mentionRe() {
  if (!state.nick) return null;
  const e = state.nick.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp('(^|[^\\w\\-\\[\\]\\\\`^{}|])(' + e + ')(?![\\w\\-\\[\\]\\\\`^{}|])', 'gi');
}

function appendMentions(parent, text) {
  const re = mentionRe();
  let at = 0;
  if (re) {
    for (const m of text.matchAll(re)) {
      const start = m.index + m[1].length;
      parent.append(text.slice(at, start));
      const mark = document.createElement('mark');
      mark.textContent = m[2];
      parent.append(mark);
      at = start + m[2].length;
    }
  }
  parent.append(text.slice(at));
}

const mentions = (text) => {
  const re = mentionRe();
  return re !== null && re.test(stripFormatting(text));
};

// One line: { time, kind: msg|action|notice|event|info|error, nick, prefix,
// text, msgid, history }.
function lineElement(item) {
  const div = document.createElement('div');
  div.className = 'line ' + item.kind + (item.history ? ' history' : '') +
    (item.mention ? ' mention' : '');
  if (item.msgid) div.dataset.msgid = item.msgid;
  const time = document.createElement('time');
  time.dateTime = item.time.toISOString();
  time.textContent = hhmm(item.time);
  div.append(time, ' ');
  const nick = (text) => {
    const s = document.createElement('span');
    s.className = 'nick ' + nickClass(item.nick);
    s.textContent = text;
    return s;
  };
  if (item.kind === 'msg') {
    div.append(nick('<' + (item.prefix ?? '') + item.nick + '>'), ' ');
  } else if (item.kind === 'action') {
    div.append('* ', nick(item.nick), ' ');
  } else if (item.kind === 'notice' && item.nick) {
    div.append(nick('-' + item.nick + '-'), ' ');
  }
  const body = document.createElement('span');
  body.className = 'text';
  appendText(body, item.text, !item.self && ['msg', 'action', 'notice'].includes(item.kind));
  div.append(body);
  return div;
}

function dayLine(d) {
  const div = document.createElement('div');
  div.className = 'line day';
  div.textContent = t('DAY_CHANGED', d.toLocaleDateString(lang, {
    weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }));
  return div;
}

function atBottom(pane) {
  return pane.scrollHeight - pane.scrollTop - pane.clientHeight < 8;
}

function addLine(w, item) {
  if (item.msgid) {
    if (w.msgids.has(item.msgid)) return;
    w.msgids.add(item.msgid);
    if (!w.oldest) w.oldest = item.msgid;
  }
  const stick = atBottom(w.pane);
  const day = item.time.toDateString();
  if (w.lastDay !== null && w.lastDay !== day) w.pane.append(dayLine(item.time));
  w.lastDay = day;
  w.pane.append(lineElement(item));
  if (stick || w !== state.current) w.pane.scrollTop = w.pane.scrollHeight;
  const counts = item.kind === 'msg' || item.kind === 'action' ||
    (item.kind === 'notice' && w.kind !== 'server');
  if (w !== state.current && counts && !item.self) {
    w.unread++;
    if (item.mention || w.kind === 'query') w.highlight = true;
    drawWindows();
  }
}

// A batch of history lines, oldest first, put above what the window has.
function addHistory(w, items) {
  const fresh = items.filter((it) => !it.msgid || !w.msgids.has(it.msgid));
  if (fresh.length === 0) return;
  const pane = w.pane;
  const before = pane.scrollHeight, top = pane.scrollTop;
  const stick = atBottom(pane);
  const frag = document.createDocumentFragment();
  let day = null;
  for (const it of fresh) {
    if (it.msgid) w.msgids.add(it.msgid);
    const d = it.time.toDateString();
    if (day !== null && day !== d) frag.append(dayLine(it.time));
    day = d;
    frag.append(lineElement({ ...it, history: true }));
  }
  if (!pane.querySelector('.history-mark')) {
    const mark = document.createElement('div');
    mark.className = 'line history-mark';
    mark.textContent = t('HISTORY');
    frag.append(mark);
  }
  if (fresh[0].msgid) w.oldest = fresh[0].msgid;
  if (w.lastDay === null) w.lastDay = day;
  pane.prepend(frag);
  pane.scrollTop = stick ? pane.scrollHeight : top + (pane.scrollHeight - before);
}

function onScroll(w) {
  if (w.pane.scrollTop > 40 || w.historyDone || w.fetching || !w.oldest ||
      !state.caps.has('draft/chathistory') || !state.registered)
    return;
  w.fetching = true;
  send('CHATHISTORY', 'BEFORE', w.name, 'msgid=' + w.oldest, HISTORY_PAGE);
}

const info = (text, w = current()) =>
  addLine(w, { time: new Date(), kind: 'info', text });
const error = (text, w = current()) =>
  addLine(w, { time: new Date(), kind: 'error', text });
const event = (w, text, m) =>
  addLine(w, { time: timeOf(m), kind: 'event', text, msgid: m?.tags.msgid });

function timeOf(m) {
  const d = m?.tags.time ? new Date(m.tags.time) : new Date();
  return isNaN(d) ? new Date() : d;
}

// The connection.

function send(command, ...params) {
  if (!state.ws || state.ws.readyState !== WebSocket.OPEN) {
    error(t('NO_CONNECTION'));
    return false;
  }
  state.ws.send(format(command, ...params));
  return true;
}

function connect() {
  clearTimeout(state.retry);
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/';
  info(t('CONNECTING', location.hostname, location.port ||
    (location.protocol === 'https:' ? '443' : '80')), serverWindow());
  const ws = new WebSocket(url, ['text.ircv3.net']);
  state.ws = ws;
  state.registered = false;
  state.caps.clear();
  state.offered.clear();
  ws.onopen = () => {
    ws.send('CAP LS 302');
    ws.send(format('NICK', state.nick));
    ws.send(format('USER', state.nick.toLowerCase().replace(/[^a-z0-9]/g, '') || 'web', '0', '*', state.nick));
  };
  ws.onmessage = (e) => {
    for (const line of String(e.data).split(/\r?\n/))
      if (line !== '') receive(parse(line));
  };
  ws.onclose = (e) => {
    if (state.ws !== ws) return;
    state.ws = null;
    for (const w of state.order) if (w.kind === 'channel') w.members.clear();
    drawMembers();
    drawTopic();
    if (state.quitting) return;
    const why = e.reason || (e.code === 1006 ? 'connection lost' : 'closed ' + e.code);
    if (!state.everRegistered) {
      loginFailed(t('DISCONNECTED', why));
      return;
    }
    const delay = state.backoff;
    state.backoff = Math.min(state.backoff * 2, BACKOFF_MAX);
    for (const w of state.order) error(t('DISCONNECTED', why) + ' ' + t('RECONNECTING', delay), w);
    state.retry = setTimeout(connect, delay * 1000);
  };
}

const WANTED = ['server-time', 'message-tags', 'echo-message', 'multi-prefix', 'draft/message-redaction',
  'away-notify', 'batch', 'draft/chathistory', 'cap-notify', 'account-notify',
  'invite-notify', 'setname', 'labeled-response', 'draft/multiline', 'draft/channel-rename'];

function capLs(m) {
  const more = m.params[2] === '*';
  for (const c of m.params[more ? 3 : 2].split(' ')) {
    if (c === '') continue;
    const eq = c.indexOf('=');
    state.offered.set(eq === -1 ? c : c.slice(0, eq), eq === -1 ? '' : c.slice(eq + 1));
  }
  if (more) return;
  const want = WANTED.filter((c) => state.offered.has(c));
  if (state.offered.has('sasl')) want.push('sasl');
  if (state.offered.has('draft/account-registration')) want.push('draft/account-registration');
  if (want.length) state.ws.send(format('CAP', 'REQ', want.join(' ')));
  else state.ws.send('CAP END');
}

function capAck(m) {
  for (const c of m.params[2].split(' ')) if (c) state.caps.add(c.replace(/^-/, ''));
  if (state.caps.has('sasl') && state.password && !state.registered)
    state.ws.send('AUTHENTICATE PLAIN');
  else if (!state.registered)
    state.ws.send('CAP END');
}

function authenticate() {
  const name = state.account || state.nick;
  const bytes = new TextEncoder().encode(name + '\0' + name + '\0' + state.password);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  const b64 = btoa(bin);
  for (let i = 0; i < b64.length; i += 400) state.ws.send('AUTHENTICATE ' + b64.slice(i, i + 400));
  if (b64.length % 400 === 0) state.ws.send('AUTHENTICATE +');
}

function loginFailed(text) {
  state.quitting = true;
  state.ws?.close();
  $('chat').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = text;
  $('nick').focus();
}

function welcome(m) {
  state.registered = true;
  state.everRegistered = true;
  state.backoff = 1;
  state.nick = m.params[0];
  $('login').hidden = true;
  $('chat').hidden = false;
  // The channels that were open when the connection was lost.
  for (const w of state.order)
    if (w.kind === 'channel' && !w.joined) send('JOIN', w.name);
  drawWindows();
  $('input').focus();
}

function member(w, nick) {
  return w.members.get(key(nick));
}

function addMember(w, nick, prefix = '') {
  w.members.set(key(nick), { nick, prefix, away: false });
}

// Every window a nick is in (channels with it, and a private window).
function windowsOf(nick) {
  return state.order.filter((w) => (w.kind === 'channel' && w.members.has(key(nick))) ||
    (w.kind === 'query' && w.key === key(nick)));
}

function ownNick(nick) {
  return key(nick) === key(state.nick);
}

function finishBatch(id) {
  const b = state.batches.get(id);
  state.batches.delete(id);
  if (b && b.type === 'draft/multiline') {
    finishMultiline(b);
    return;
  }
  if (!b || b.type !== 'chathistory') return;
  const w = windowFor(b.target, isChannel(b.target) ? 'channel' : 'query');
  w.fetching = false;
  const items = [];
  for (const m of b.lines) {
    const it = messageItem(m);
    if (it) items.push(it);
  }
  // Less than a page: the start of the history is reached.
  w.historyDone = b.lines.length < HISTORY_PAGE;
  addHistory(w, items);
}

// A draft/multiline batch is one message: its lines a line feed apart (a
// concatenated one joined with none), with the tags of its BATCH line; in
// a history batch, it goes with history's.
function finishMultiline(b) {
  if (b.lines.length === 0) return;
  let text = '';
  b.lines.forEach((l, i) => {
    if (i > 0 && !('draft/multiline-concat' in l.tags)) text += '\n';
    text += l.params[1] ?? '';
  });
  const whole = { ...b.start, command: b.lines[0].command, params: [b.target, text] };
  const outer = b.start.tags.batch && state.batches.get(b.start.tags.batch);
  if (outer) outer.lines.push(whole);
  else receive({ ...whole, tags: { ...whole.tags, batch: undefined } });
}

// A PRIVMSG or NOTICE as a line (null for a CTCP other than ACTION).
function messageItem(m) {
  const nick = m.source?.nick ?? '';
  let text = m.params[1] ?? '';
  let kind = m.command === 'NOTICE' ? 'notice' : 'msg';
  const c = ctcp(text);
  if (c) {
    if (c.command !== 'ACTION' || kind === 'notice') return null;
    kind = 'action';
    text = c.arg;
  }
  const target = m.params[0];
  const w = isChannel(target) ? windowFor(target, 'channel', false) : null;
  const p = w ? member(w, nick)?.prefix : '';
  return {
    time: timeOf(m), kind, nick, prefix: p ? p[0] : '', text,
    msgid: m.tags.msgid, self: ownNick(nick), mention: !ownNick(nick) && mentions(text),
  };
}

function message(m) {
  if (ignored(m.source)) return;
  const nick = m.source?.nick ?? '';
  const target = m.params[0];
  const text = m.params[1] ?? '';
  const c = ctcp(text);
  if (c && c.command !== 'ACTION') {
    if (m.command === 'PRIVMSG' && !ownNick(nick)) ctcpReply(nick, c);
    else if (m.command === 'NOTICE') info('CTCP ' + c.command + ' ' + nick + ': ' + c.arg);
    return;
  }
  let w;
  if (isChannel(target)) w = windowFor(target, 'channel');
  else if (!m.source || !m.source.user && nick.includes('.')) w = serverWindow();
  else if (m.command === 'NOTICE' && !state.windows.has(key(ownNick(nick) ? target : nick)))
    w = current();
  else w = windowFor(ownNick(nick) ? target : nick, 'query');
  const it = messageItem(m);
  if (it) {
    addLine(w, it);
    // Our own, for /redact.
    if (it.self && it.msgid) w.own = [...(w.own ?? []), it.msgid].slice(-10);
  }
}

// REDACT target msgid: the line says it was deleted.
function redacted(m) {
  const nick = m.source?.nick ?? '';
  const w = state.windows.get(key(isChannel(m.params[0]) || ownNick(nick) ? m.params[0] : nick));
  if (!w) return;
  for (const line of w.pane.querySelectorAll('.line')) {
    if (line.dataset.msgid !== m.params[1]) continue;
    const text = line.querySelector('.text');
    if (text) text.textContent = t('MESSAGE_DELETED');
    line.classList.add('deleted');
  }
  if (w.own) w.own = w.own.filter((id) => id !== m.params[1]);
}

function ctcpReply(nick, c) {
  const answers = {
    VERSION: 'chat web client',
    PING: c.arg,
    TIME: new Date().toString(),
    CLIENTINFO: 'ACTION CLIENTINFO PING TIME VERSION',
  };
  if (c.command in answers)
    send('NOTICE', nick, '\x01' + c.command + (answers[c.command] ? ' ' + answers[c.command] : '') + '\x01');
}

function names(m) {
  const w = windowFor(m.params[2], 'channel', false);
  if (!w) return;
  if (!w.namesOpen) {
    w.members.clear();
    w.namesOpen = true;
  }
  const { chars } = prefixChars();
  for (const entry of m.params[3].split(' ')) {
    if (!entry) continue;
    let k = 0;
    while (k < entry.length && chars.includes(entry[k])) k++;
    addMember(w, entry.slice(k).split('!')[0], entry.slice(0, k));
  }
}

function modeChange(w, m) {
  const { modes, chars } = prefixChars();
  const withArg = modes + (state.isupport.CHANMODES?.split(',').slice(0, 3).join('') ?? 'beIkfl');
  let add = true, arg = 2;
  for (const c of m.params[1] ?? '') {
    if (c === '+' || c === '-') { add = c === '+'; continue; }
    const takes = withArg.includes(c) && (add || !'l'.includes(c));
    const value = takes ? m.params[arg++] : null;
    const k = modes.indexOf(c);
    if (k === -1 || value == null) continue;
    const mm = member(w, value);
    if (!mm) continue;
    const set = new Set(mm.prefix);
    if (add) set.add(chars[k]); else set.delete(chars[k]);
    mm.prefix = [...chars].filter((x) => set.has(x)).join('');
  }
}

const JOIN_ERRORS = new Set(['403', '405', '471', '473', '474', '475', '476', '477', '489']);

function receive(m) {
  const p = m.params;
  const nick = m.source?.nick ?? '';
  const batch = m.tags.batch && state.batches.get(m.tags.batch);
  if (batch && m.command !== 'BATCH') {
    batch.lines.push(m);
    return;
  }
  switch (m.command) {
  case 'PING': state.ws.send(format('PONG', ...p)); return;
  case 'CAP':
    if (p[1] === 'LS') capLs(m);
    else if (p[1] === 'ACK') capAck(m);
    else if (p[1] === 'NAK' && !state.registered) state.ws.send('CAP END');
    else if (p[1] === 'NEW' && p[2].split(' ').some((c) => WANTED.includes(c.split('=')[0])))
      state.ws.send(format('CAP', 'REQ', p[2].split(' ').map((c) => c.split('=')[0]).filter((c) => WANTED.includes(c)).join(' ')));
    else if (p[1] === 'DEL') for (const c of p[2].split(' ')) state.caps.delete(c);
    return;
  case 'AUTHENTICATE': if (p[0] === '+') authenticate(); return;
  case '900': state.accountNow = p[2]; info(t('LOGGED_IN', p[2])); return;
  case '901': state.accountNow = ''; return;
  case '903': case '907': if (!state.registered) state.ws.send('CAP END'); return;
  case '902': case '904': case '905': case '906':
    if (!state.registered) loginFailed(t('WEB_LOGIN_FAILED', p[p.length - 1]));
    else error(t('LOGIN_FAILED_AS', state.account || state.nick, p[p.length - 1]));
    return;
  case 'REGISTER': info(p[p.length - 1]); return;
  case '001': welcome(m); info(p[p.length - 1], serverWindow()); return;
  case '005':
    for (const tok of p.slice(1, -1)) {
      const eq = tok.indexOf('=');
      state.isupport[eq === -1 ? tok : tok.slice(0, eq)] = eq === -1 ? '' : tok.slice(eq + 1);
    }
    if (state.isupport.NETWORK) {
      serverWindow().name = state.isupport.NETWORK;
      drawWindows();
    }
    return;
  case '432': case '433': case '436':
    if (!state.registered) loginFailed(t('NICK_IN_USE', p[1]));
    else error(t('NICK_IN_USE', p[1]));
    return;
  case 'BATCH':
    if (p[0][0] === '+') state.batches.set(p[0].slice(1), { type: p[1], target: p[2], lines: [], start: m });
    else finishBatch(p[0].slice(1));
    return;
  case 'JOIN': {
    const w = windowFor(p[0], 'channel');
    if (ownNick(nick)) {
      w.joined = true;
      w.members.clear();
      // Who is away already (away-notify tells the changes).
      if (state.caps.has('away-notify')) {
        w.whoPending = true;
        send('WHO', w.name);
      }
      if (state.caps.has('draft/chathistory') && !w.oldest) {
        w.fetching = true;
        send('CHATHISTORY', 'LATEST', w.name, '*', HISTORY_PAGE);
      }
      // The first room, or one the user just asked to join (/join, as
      // in chatui, irssi and WeeChat), is shown.
      if (w !== current() && (state.joining.delete(w.key) ||
          state.order.filter((x) => x.kind !== 'server').length === 1)) show(w);
    }
    addMember(w, nick);
    event(w, t('JOINED', nick, nick + '!' + m.source.user + '@' + m.source.host, w.name), m);
    break;
  }
  case 'PART': case 'KICK': {
    const w = windowFor(p[0], 'channel', false);
    if (!w) return;
    const gone = m.command === 'KICK' ? p[1] : nick;
    w.members.delete(key(gone));
    if (m.command === 'KICK')
      event(w, t('KICKED', gone, w.name, nick, p[2] ?? ''), m);
    else
      event(w, t('PARTED', nick, w.name, p[1] ?? ''), m);
    if (ownNick(gone)) w.joined = false;
    break;
  }
  case 'QUIT':
    for (const w of windowsOf(nick)) {
      w.members.delete(key(nick));
      event(w, t('QUIT', nick, p[0] ?? ''), m);
    }
    break;
  case 'NICK':
    for (const w of windowsOf(nick).concat(ownNick(nick) ? [serverWindow()] : [])) {
      const mm = member(w, nick);
      if (mm) {
        w.members.delete(key(nick));
        w.members.set(key(p[0]), { ...mm, nick: p[0] });
      }
      event(w, t('NICK', nick, p[0]), m);
    }
    if (ownNick(nick)) state.nick = p[0];
    break;
  case 'PRIVMSG': case 'NOTICE':
    message(m);
    return;
  case 'REDACT':
    redacted(m);
    return;
  case 'RENAME': {
    // draft/channel-rename: the window takes the new name, lines and all.
    const w = windowFor(p[0], 'channel', false);
    if (!w) return;
    const stale = state.windows.get(key(p[1]));
    if (stale && stale !== w) closeWindow(stale);
    state.windows.delete(w.key);
    w.name = p[1];
    w.key = key(p[1]);
    state.windows.set(w.key, w);
    event(w, t('RENAMED', nick, p[0], p[1], p[2] ?? ''), m);
    drawWindows();
    if (w === state.current) drawTopic();
    break;
  }
  case 'TOPIC': {
    const w = windowFor(p[0], 'channel');
    w.topic = p[1] ?? '';
    event(w, t('TOPIC_CHANGED', nick, w.topic), m);
    break;
  }
  case '332': {
    const w = windowFor(p[1], 'channel');
    w.topic = p[2];
    event(w, t('TOPIC', p[2]), m);
    break;
  }
  case '353': names(m); break;
  case '366': {
    const w = windowFor(p[1], 'channel', false);
    if (w) w.namesOpen = false;
    break;
  }
  case 'MODE':
    if (isChannel(p[0])) {
      const w = windowFor(p[0], 'channel');
      modeChange(w, m);
      event(w, t('MODE', w.name, p.slice(1).join(' '), nick), m);
    } else {
      event(serverWindow(), t('MODE', p[0], p.slice(1).join(' '), nick), m);
    }
    break;
  case 'AWAY':
    for (const w of windowsOf(nick)) {
      const mm = member(w, nick);
      if (mm) mm.away = p.length > 0;
    }
    break;
  case '352': {
    const w = windowFor(p[1], 'channel', false);
    const mm = w && member(w, p[5]);
    if (mm) mm.away = (p[6] ?? '').includes('G');
    if (w?.whoPending) break;
    info(p.slice(1).join(' '));
    return;
  }
  case '315': {
    const w = windowFor(p[1], 'channel', false);
    if (w?.whoPending) { w.whoPending = false; break; }
    info(p.slice(1).join(' '));
    return;
  }
  case '305': state.away = false; info(t('AWAY_UNSET')); return;
  case '306': state.away = true; info(t('AWAY_SET')); return;
  case 'ERROR':
    error(p[0] ?? '', serverWindow());
    return;
  case 'FAIL': case 'WARN': case 'NOTE':
    (m.command === 'FAIL' ? error : info)(p[p.length - 1]);
    return;
  default:
    if (JOIN_ERRORS.has(m.command) && p.length >= 3) {
      error(t('CANNOT_JOIN', p[1], p[p.length - 1]));
      return;
    }
    if (/^\d{3}$/.test(m.command)) {
      const text = p.slice(1).join(' ');
      const w = /^[45]/.test(m.command) || /^(3|2)/.test(m.command) &&
        state.registered && !['372', '375', '376', '251', '252', '253', '254', '255', '265', '266'].includes(m.command)
        ? current() : serverWindow();
      if (text) (m.command[0] === '4' || m.command[0] === '5' ? error : info)(text, w);
    }
    return;
  }
  if (current().kind === 'channel' || m.command === 'NICK') {
    drawMembers();
    drawTopic();
  }
}

// Commands: one handler for each row of the shared table.

function channelOr(arg) {
  const w = current();
  if (arg && isChannel(arg)) return arg;
  if (w.kind !== 'channel') {
    error(t('NOT_A_CHANNEL'));
    return null;
  }
  return w.name;
}

// A size for people: 2.1 MB.
function sizeText(n) {
  if (n >= 1073741824) return (n / 1073741824).toFixed(1) + ' GB';
  if (n >= 1048576) return (n / 1048576).toFixed(1) + ' MB';
  if (n >= 1024) return (n / 1024).toFixed(1) + ' KB';
  return n + ' B';
}

// Where uploads go: the server's FILEHOST, when it is this page's origin
// (the page may connect nowhere else).
function filehost() {
  const url = (state.isupport['draft/FILEHOST'] ?? '').split(/\\x20| /)[0];
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.origin === location.origin ? u.pathname + u.search : null;
  } catch (e) {
    return null;
  }
}

// Upload a file (the picker's, or one dropped on the page) with the
// account's login, then post its link with its name and size.
function uploadFile(file) {
  const w = current();
  const to = w.kind === 'channel' || w.kind === 'query' ? w.name : null;
  const url = filehost();
  if (!url) return info(t('NO_FILEHOST'));
  if (!state.password || !to) return info(t('WEB_UPLOAD_LOGIN'));
  const who = state.accountNow || state.account || state.nick;
  const cred = String.fromCharCode(...new TextEncoder().encode(who + ':' + state.password));
  const xhr = new XMLHttpRequest();
  xhr.open('POST', url);
  xhr.setRequestHeader('Authorization', 'Basic ' + btoa(cred));
  xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
  xhr.setRequestHeader('Content-Disposition', "attachment; filename*=UTF-8''" + encodeURIComponent(file.name));
  info(t('UPLOADING', file.name, sizeText(file.size)), w);
  state.upload = xhr;
  xhr.onloadend = () => {
    state.upload = null;
    const link = xhr.getResponseHeader('Location');
    if (xhr.status !== 201 || !link) {
      error(t('UPLOAD_REFUSED', file.name, xhr.status, xhr.responseText.split('\n')[0]), w);
      return;
    }
    info(t('UPLOADED', file.name, sizeText(file.size), link), w);
    say(to, file.name + ' (' + sizeText(file.size) + ') ' + link);
  };
  xhr.send(file);
}

function say(target, text, command = 'PRIVMSG') {
  // What fits in one line, with room for the prefix the server adds.
  const room = Math.max(512 - 2 - format(command, target, '').length - 1 -
    (state.nick.length + 1 + 10 + 1 + 63 + 2), 64);
  const shown = (piece) => {
    if (state.caps.has('echo-message')) return;
    const w = isChannel(target) ? windowFor(target, 'channel') : windowFor(target, 'query');
    addLine(w, { time: new Date(), kind: command === 'NOTICE' ? 'notice' : 'msg', nick: state.nick, text: piece, self: true });
  };
  if (sayMultiline(target, text, command, room)) {
    shown(text);
    return;
  }
  // Without it, each line is a message (a blank one none).
  for (const line of text.split('\n')) {
    if (line === '') continue;
    for (const piece of splitText(line, room)) {
      if (!send(command, target, piece)) return;
      shown(piece);
    }
  }
}

// Several lines, or a line too long for one: one draft/multiline batch,
// where the server takes them and the text is within its max-bytes and
// max-lines; false if not (nothing was sent).
function sayMultiline(target, text, command, room) {
  const value = state.offered.get('draft/multiline');
  if (!state.caps.has('draft/multiline') || !state.caps.has('batch') || value == null) return false;
  const limits = Object.fromEntries(value.split(',').map((kv) => kv.split('=')));
  const bytes = new TextEncoder().encode(text).length;
  if ((!text.includes('\n') && bytes <= room) || bytes > Number(limits['max-bytes'] ?? 0))
    return false;
  const pieces = [];
  for (const line of text.split('\n'))
    splitText(line, room, true).forEach((p, i) => pieces.push([p, i > 0]));
  if (limits['max-lines'] && pieces.length > Number(limits['max-lines'])) return false;
  const ref = 'w' + (++state.multilineSeq);
  if (!send('BATCH', '+' + ref, 'draft/multiline', target)) return true;
  for (const [p, concat] of pieces)
    state.ws.send('@batch=' + ref + (concat ? ';draft/multiline-concat ' : ' ') + format(command, target, p));
  state.ws.send(format('BATCH', '-' + ref));
  return true;
}

function help(arg) {
  const cmds = catalogue.commands;
  if (arg) {
    const f = find(cmds, arg.replace(/^\//, ''));
    if (!f.entry) {
      error(f.cause);
      return;
    }
    info('/' + f.entry.name + ' ' + f.entry.usage);
    info('    ' + f.entry.help);
    return;
  }
  info(t('COMMANDS'));
  for (const c of cmds) info('/' + c.name + (c.usage ? ' ' + c.usage : '') + ' — ' + c.help);
}

function setMode(nick, mode) {
  const ch = channelOr();
  if (ch) send('MODE', ch, mode, nick);
}

export const handlers = {
  away: ([msg]) => send('AWAY', msg || 'away'),
  back: () => send('AWAY'),
  ban: ([what]) => {
    const c = channelOr();
    if (c) send('MODE', c, '+b', /[!@*?]/.test(what) ? what : what + '!*@*');
  },
  clear: () => { current().pane.replaceChildren(); current().lastDay = null; },
  close: ([reason]) => {
    const w = current();
    if (w.kind === 'channel' && w.joined) send('PART', w.name, reason ?? '');
    closeWindow(w);
  },
  connect: () => {
    if (state.ws) info(t('WEB_TITLE') + ': ' + location.host);
    else connect();
  },
  ctcp: ([nick, what]) => {
    const [cmd, ...rest] = what.split(' ');
    send('PRIVMSG', nick, '\x01' + cmd.toUpperCase() + (rest.length ? ' ' + rest.join(' ') : '') + '\x01');
  },
  deop: ([nick]) => setMode(nick, '-o'),
  help: ([arg]) => help(arg),
  ignore: ([what]) => {
    if (!what) {
      if (state.ignores.length === 0) info(t('NOBODY_IGNORED'));
      for (const m of state.ignores) info(t('IGNORED', m));
      return;
    }
    const mask = ignoreMask(what);
    if (state.ignores.some((m) => key(m) === key(mask))) {
      info(t('IGNORED_ALREADY', what));
      return;
    }
    state.ignores.push(mask);
    saveIgnores();
    info(t('IGNORING', mask));
  },
  invite: ([nick, ch]) => { const c = channelOr(ch); if (c) send('INVITE', nick, c); },
  join: ([chans, keys]) => {
    const list = chans.split(',').map((c) => isChannel(c) ? c : '#' + c).join(',');
    // The last of them is shown once joined.
    state.joining.add(key(list.split(',').pop()));
    if (keys) send('JOIN', list, keys); else send('JOIN', list);
  },
  kick: ([nick, reason]) => { const c = channelOr(); if (c) send('KICK', c, nick, reason ?? nick); },
  rename: ([name, reason]) => {
    const c = channelOr();
    if (!c) return;
    const to = isChannel(name) ? name : '#' + name;
    if (reason) send('RENAME', c, to, reason); else send('RENAME', c, to);
  },
  lastlog: ([text]) => {
    const w = current();
    const want = text.toLowerCase();
    const found = [...w.pane.querySelectorAll('.line')].map((l) => l.textContent)
      .filter((l) => l.toLowerCase().includes(want));
    info(t('LASTLOG', text, found.length), w);
    for (const l of found) info(l, w);
  },
  // The browser searches what its window holds (the scrollback).
  search: ([text]) => handlers.lastlog([text]),
  list: ([chans]) => (chans ? send('LIST', chans) : send('LIST')),
  me: ([action]) => {
    const w = current();
    if (w.kind === 'server') { error(t('NOT_A_CHANNEL')); return; }
    if (send('PRIVMSG', w.name, '\x01ACTION ' + action + '\x01') && !state.caps.has('echo-message'))
      addLine(w, { time: new Date(), kind: 'action', nick: state.nick, text: action, self: true });
  },
  mode: ([rest]) => {
    const w = current();
    const args = rest ? rest.split(' ') : [];
    if (args.length === 0 || !(isChannel(args[0]) || ownNick(args[0])))
      args.unshift(w.kind === 'channel' ? w.name : state.nick);
    send('MODE', ...args);
  },
  msg: ([target, text]) => say(target, text),
  names: ([ch]) => { const c = channelOr(ch); if (c) send('NAMES', c); },
  nick: ([nick]) => send('NICK', nick),
  nicklist: () => { state.nicklistShown = !state.nicklistShown; drawMembers(); },
  notice: ([target, text]) => say(target, text, 'NOTICE'),
  op: ([nick]) => setMode(nick, '+o'),
  oper: ([name, password]) => send('OPER', name, password),
  login: ([account, password]) => {
    if (account && !password) return error(t('USAGE', 'login', catalogue.commands.find((c) => c.name === 'login').usage));
    if (account) { state.account = account; state.password = password; }
    if (!state.password) return error(t('USAGE', 'login', catalogue.commands.find((c) => c.name === 'login').usage));
    if (!state.caps.has('sasl')) return error(t('NO_ACCOUNTS'));
    if (state.accountNow) return info(t('ALREADY_LOGGED_IN'));
    state.ws.send('AUTHENTICATE PLAIN');
  },
  logout: () => {
    if (!state.accountNow && !state.password) return info(t('NOT_LOGGED_IN'));
    state.password = '';
    state.account = '';
    state.accountNow = '';
    info(t('LOGGING_OUT'));
    handlers.reconnect();
  },
  register: ([account, password]) => {
    state.account = account;
    state.password = password;
    send('REGISTER', account, '*', password);
  },
  part: ([ch, reason]) => {
    let c = ch, r = reason;
    if (c && !isChannel(c)) { r = reason ? c + ' ' + reason : c; c = null; }
    c = channelOr(c);
    if (c) send('PART', c, r ?? '');
  },
  ping: ([nick]) => send('PRIVMSG', nick, '\x01PING ' + Date.now() + '\x01'),
  query: ([nick, text]) => {
    show(windowFor(nick, 'query'));
    if (text) say(nick, text);
  },
  quit: ([reason]) => {
    state.quitting = true;
    send('QUIT', reason ?? '');
  },
  raw: ([line]) => {
    if (state.ws && state.ws.readyState === WebSocket.OPEN) state.ws.send(line);
    else error(t('NO_CONNECTION'));
  },
  quote: (args) => handlers.raw(args),
  reconnect: () => {
    state.backoff = 1;
    if (state.ws) {
      const ws = state.ws;
      state.ws = null;
      ws.close();
    }
    for (const w of state.order) w.joined = false;
    connect();
  },
  topic: ([text]) => {
    const c = channelOr();
    if (!c) return;
    if (text) send('TOPIC', c, text); else send('TOPIC', c);
  },
  unban: ([what]) => {
    const c = channelOr();
    if (c) send('MODE', c, '-b', /[!@*?]/.test(what) ? what : what + '!*@*');
  },
  unignore: ([what]) => {
    const mask = ignoreMask(what);
    const before = state.ignores.length;
    state.ignores = state.ignores.filter((m) => key(m) !== key(mask));
    saveIgnores();
    info(state.ignores.length < before ? t('UNIGNORED', what) : t('NOT_IGNORED', what));
  },
  voice: ([nick]) => setMode(nick, '+v'),
  who: ([mask]) => { const c = mask ?? channelOr(); if (c) send('WHO', c); },
  whois: ([nick]) => send('WHOIS', nick),
  whowas: ([nick]) => send('WHOWAS', nick),
  redact: ([n]) => {
    const w = current();
    const k = n === undefined ? 1 : Number(n);
    const own = w.own ?? [];
    if (!Number.isInteger(k) || k < 1 || k > 10) return error(t('USAGE', 'redact', catalogue.commands.find((c) => c.name === 'redact').usage));
    if (!state.caps.has('draft/message-redaction') || k > own.length) return info(t('NO_OWN_MESSAGE'));
    send('REDACT', w.name, own[own.length - k]);
  },
  // Files go through chatui (or curl) until the browser has its button.
  // The browser picks the file itself; a link downloads when opened.
  upload: () => $('file').click(),
  download: () => info(t('WEB_NOT_YET', 'download')),
  dcc: () => info(t('WEB_NOT_YET', 'dcc')),
  set: () => info(t('WEB_NOT_YET', 'set')),
  save: () => info(t('WEB_NOT_YET', 'save')),
  notify: () => info(t('WEB_NOT_YET', 'notify')),
  cancel: () => (state.upload ? state.upload.abort() : info(t('WEB_NOT_YET', 'cancel'))),
  window: ([which]) => {
    const n = parseInt(which, 10);
    const w = String(n) === which ? state.order[n - 1] : state.windows.get(key(which));
    if (w) show(w); else error(t('UNKNOWN_COMMAND', 'window ' + which));
  },
};

// Every command of the table has its handler, and no handler is stray.
for (const c of catalogue.commands)
  if (!handlers[c.name]) console.error('no handler for /' + c.name);

function submit(line) {
  if (line === '') return;
  // Lines typed with Shift-Enter, a command first: each is an input.
  if (line[0] === '/' && line.includes('\n')) {
    for (const one of line.split('\n')) submit(one);
    return;
  }
  state.inputHistory.push(line);
  state.historyAt = state.inputHistory.length;
  const r = parseInput(catalogue.commands, line);
  if (r.cause) {
    error(r.cause);
    return;
  }
  if (r.entry) {
    handlers[r.entry.name](r.args);
    return;
  }
  const w = current();
  if (w.kind === 'server') {
    error(t('NOT_A_CHANNEL'));
    return;
  }
  say(w.name, r.text);
}

// Tab: the word before the cursor completed, cycling on each press.
function complete(input) {
  let c = state.complete;
  if (!c || input.value !== c.result) {
    const pos = input.selectionStart;
    const before = input.value.slice(0, pos);
    const start = before.search(/\S*$/);
    const word = before.slice(start);
    if (word === '') return;
    let options;
    if (start === 0 && word[0] === '/')
      options = catalogue.commands.map((x) => '/' + x.name + ' ');
    else if (isChannel(word))
      options = state.order.filter((w) => w.kind === 'channel').map((w) => w.name + ' ');
    else
      options = [...(current().members.values())].map((m) => m.nick +
        (start === 0 ? ': ' : ' '));
    options = options.filter((o) => key(o).startsWith(key(word))).sort();
    if (options.length === 0) return;
    c = { head: input.value.slice(0, start), tail: input.value.slice(pos), options, k: -1 };
  }
  c.k = (c.k + 1) % c.options.length;
  c.result = c.head + c.options[c.k] + c.tail;
  input.value = c.result;
  const at = (c.head + c.options[c.k]).length;
  input.setSelectionRange(at, at);
  state.complete = c;
}

function onKey(e) {
  const input = $('input');
  // Enter sends; Shift-Enter and Alt-Enter break the line.
  if (e.key === 'Enter' && (e.shiftKey || e.altKey)) {
    e.preventDefault();
    input.setRangeText('\n', input.selectionStart, input.selectionEnd, 'end');
    growInput();
    return;
  }
  if (e.key === 'Enter') {
    e.preventDefault();
    $('send').requestSubmit();
    return;
  }
  if (e.key === 'Tab') {
    e.preventDefault();
    complete(input);
    return;
  }
  state.complete = null;
  if (e.altKey && /^[1-9]$/.test(e.key)) {
    const w = state.order[Number(e.key) - 1];
    if (w) show(w);
    e.preventDefault();
  } else if (input.value.includes('\n') && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
    // Up and Down move between the lines being typed.
  } else if (e.key === 'ArrowUp' && state.historyAt > 0) {
    input.value = state.inputHistory[--state.historyAt];
    e.preventDefault();
  } else if (e.key === 'ArrowDown' && state.historyAt < state.inputHistory.length) {
    input.value = state.inputHistory[++state.historyAt] ?? '';
    e.preventDefault();
  } else if (e.key === 'PageUp' || e.key === 'PageDown') {
    const pane = current().pane;
    pane.scrollTop += (e.key === 'PageUp' ? -1 : 1) * pane.clientHeight * 0.9;
    e.preventDefault();
  }
}

// The input grows a row for each line typed, up to five.
function growInput() {
  const input = $('input');
  input.rows = Math.min(5, input.value.split('\n').length);
}

// The page: its texts in the reader's language, then the login form.

function start() {
  document.documentElement.lang = lang;
  document.title = t('WEB_TITLE');
  $('login-title').textContent = t('WEB_TITLE');
  $('l-nick').textContent = t('WEB_NICK');
  $('l-password').textContent = t('WEB_PASSWORD');
  $('connect').textContent = t('WEB_CONNECT');
  $('input').placeholder = t('WEB_INPUT');
  const nickInput = $('nick');
  nickInput.value = localStorage.getItem('chat.nick') ?? '';
  $('login').addEventListener('submit', (e) => {
    e.preventDefault();
    const nick = nickInput.value.trim();
    const max = parseInt(state.isupport.NICKLEN, 10);
    if (!/^[A-Za-z[\]\\`^{}|_][A-Za-z0-9[\]\\`^{}|_-]*$/.test(nick) || nick.length > max) {
      $('login-error').textContent = t('WEB_BAD_NICK', max);
      return;
    }
    $('login-error').textContent = '';
    localStorage.setItem('chat.nick', nick);
    state.nick = nick;
    state.password = $('password').value;
    state.quitting = false;
    connect();
  });
  $('send').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = $('input');
    const line = input.value;
    input.value = '';
    growInput();
    submit(line);
  });
  $('input').addEventListener('keydown', onKey);
  $('input').addEventListener('input', growInput);
  $('attach').title = t('WEB_ATTACH');
  $('attach').setAttribute('aria-label', t('WEB_ATTACH'));
  $('attach').addEventListener('click', () => $('file').click());
  $('file').addEventListener('change', () => {
    for (const f of $('file').files) uploadFile(f);
    $('file').value = '';
  });
  // A file dropped on the messages is uploaded.
  $('messages').addEventListener('dragover', (e) => e.preventDefault());
  $('messages').addEventListener('drop', (e) => {
    e.preventDefault();
    for (const f of e.dataTransfer.files) uploadFile(f);
  });
  $('login').hidden = false;
  nickInput.focus();
}

start();
