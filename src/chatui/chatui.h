/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * chatui's internal structures and the prototypes of every file, grouped
 * by file (tmux's tmux.h).
 */

#ifndef CHATUI_H
#define CHATUI_H

#include <sys/queue.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "chatlimits.h"
#include "edit.h"
#include "msg.h"
#include "slash.h"
#include "xmalloc.h"

struct bufferevent;
struct event;
struct event_base;

#define SCROLLBACK_DEFAULT	10000	/* lines kept per window */
#define UI_FRAME_MS		20	/* at most 50 redraws a second */
#define SCROLLBACK_MIN		100
#define SCROLLBACK_MAX		1000000

enum line_kind {
	LINE_MESSAGE,		/* <nick> text */
	LINE_ACTION,		/* * nick text */
	LINE_NOTICE,		/* -nick- text */
	LINE_EVENT,		/* joins, parts, modes: dimmed */
	LINE_INFO		/* the client's own messages, server text */
};

/*
 * A scrollback line: one allocation, nick and text inside it (a 100-byte
 * message takes 128 bytes of heap and 8 in the ring).
 */
struct line {
	uint64_t	 msgid;		/* the msgid's hash, 0 if none */
	uint32_t	 when;		/* seconds (until 2106) */
	uint8_t		 kind;		/* enum line_kind */
	uint8_t		 flags;		/* LINE_MENTION, LINE_HISTORY */
	uint8_t		 nicklen;	/* 0: no nick (events, info) */
	char		 prefix;	/* '@', '+' or 0: the nick's, then */
	char		 data[];	/* nick NUL text NUL; text is UTF-8 */
};

#define LINE_MENTION	0x01
#define LINE_HISTORY	0x02	/* from CHATHISTORY: its time dimmed */
#define LINE_DELETED	0x04	/* redacted: "(message deleted)", dim */

static inline const char *
line_nick(const struct line *l)
{
	return (l->nicklen != 0 ? l->data : NULL);
}

static inline const char *
line_text(const struct line *l)
{
	return (l->nicklen != 0 ? l->data + l->nicklen + 1 : l->data);
}

/* Someone typing in a window (+typing), until when. */
struct typer {
	char	nick[NICK_MAX + 1];
	long	until_ms;
};
#define TYPERS_MAX	4
/* The longest msgid a window keeps as its oldest or newest (chatd's are
 * 16): in the window itself, so a message costs no allocation for it. */
#define MSGID_KEEP	65
#define OWN_MAX		10	/* own messages /redact can pick from */

/* Who a server message comes from, its source split once, and when. */
struct from {
	char		 nick[NICK_MAX + 1];	/* "*" without a source */
	const char	*userhost;	/* "user@host" after the '!', or NULL */
	const char	*source;	/* as it came, or NULL */
	time_t		 when;		/* its server-time, or now */
};

/* A channel member, as the nick list shows it. */
struct member {
	char	nick[NICK_MAX + 1];
	uint8_t	modes;			/* MEMBER_OP, MEMBER_VOICE */
};
#define MEMBER_OP	0x01
#define MEMBER_VOICE	0x02
#define MEMBER_AWAY	0x04		/* not a rank: drawn dim */

/* A window's scrollback (buffer.c): a ring of lines, oldest at first. */
struct buffer {
	struct line	**ring;		/* size slots */
	int		  size;		/* grows up to cu.scrollback */
	int		  first;
	int		  n;
	unsigned long	  appended;	/* lines ever added at the end */
	unsigned int	  edits;	/* inserts, replaces and clears */
};

/* Line i of a scrollback, 0 the oldest. */
static inline struct line *
buffer_line(const struct buffer *b, int i)
{
	return (b->ring[(b->first + i) % b->size]);
}

/* A channel's members, sorted for the nick list (nicklist.c). */
struct nicklist {
	struct member	*members;
	int		 n;
	int		 size;		/* slots allocated */
	unsigned int	 gen;		/* bumped by every change */
};

enum window_kind {
	WINDOW_SERVER,
	WINDOW_CHANNEL,
	WINDOW_QUERY,
	WINDOW_SEARCH		/* /search's results */
};

struct window {
	char			*name;
	enum window_kind	 kind;
	unsigned long		 serial;	/* never the same twice */
	struct buffer		 buf;		/* the scrollback */
	int			 scroll;	/* screen lines up from the end */
	int			 unread;
	int			 mention;
	int			 joined;
	int			 who_pending;	/* our WHO at join: not shown */
	int			 modes_pending;	/* our MODE at join: not shown */
	char			 modes[24];	/* a channel's, "+nt", or "" */
	int			 nick_top;	/* the nick list's first row */
	int			 rejoin;	/* joined when the link went */
	char			 oldest_msgid[MSGID_KEEP];	/* "": none */
	char			 newest_msgid[MSGID_KEEP];
	int			 history_asked;	/* HISTORY_* under way, or 0 */
	int			 history_done;	/* nothing older on the server */
	int64_t			 newest_ms;	/* the newest message's time */
	int64_t			 seen_ms;	/* read up to, on this screen */
	int64_t			 read_ms;	/* read up to, the server says */
	int64_t			 mark_ms;	/* "-- new messages --" after */
	int			 read_dirty;	/* seen_ms to tell the server */
	char			*own[OWN_MAX];	/* our last msgids, newest last */
	int			 nown;
	struct typer		 typers[TYPERS_MAX];
	int			 ntypers;
	char			*topic;
	struct nicklist		 nicks;
	FILE			*log;		/* when logging is on */
	TAILQ_ENTRY(window)	 entry;
};
TAILQ_HEAD(window_list, window);

/* The most screen rows one message may wrap to. */
#define UI_ROWS_MAX	128

/* The pace of what the user sends (pace.c). */
struct pace {
	int	burst;
	long	interval_ms;
	long	empty_ms;	/* when the bucket is empty again */
};
/* irssi's defaults (cmdmax 5, cmdspeed 500), under chatd's 10 and 2/s. */
#define PACE_BURST		5
#define PACE_INTERVAL_MS	500

/* A line waiting to be sent at the pace. */
struct queued {
	TAILQ_ENTRY(queued)	 entry;
	int			 cost;		/* lines of the pace it takes */
	char			 line[];	/* lines, CRLF between */
};
TAILQ_HEAD(queued_list, queued);

/* How many lines a paste may have before it is held for a yes. */
#define PASTE_ASK_DEFAULT	5

/* A rectangle of the screen. */
struct rect {
	int	y, x, h, w;
};

/* Where everything goes, from layout_compute. */
struct layout {
	struct rect	title;		/* h == 0 on the smallest terminals */
	struct rect	pane;
	struct rect	separator;	/* w == 0 without the nick list */
	struct rect	nicklist;	/* w == 0 when hidden */
	struct rect	status;
	struct rect	input;
};

/* The client's state: one per process. */
struct chatui {
	struct event_base	*base;
	struct bufferevent	*bev;
	struct event		*reconnect_ev;
	struct event		*redraw_ev;
	struct event		*stdin_ev;
	struct event		*sig_winch, *sig_int, *sig_term;
	char			*host;
	char			*port;
	char			*nick;		/* wanted */
	char			 me[NICK_MAX + 1];	/* in use */
	char			*user;
	char			*realname;
	char			*password;
	char			*autojoin;
	char			*log_setting;
	int			 connected;	/* TCP up */
	int			 registered;	/* 001 received */
	int			 motd_done;	/* 376 or 422: the burst is over */
	char			 umodes[16];	/* own user modes, "+i" */
	long			 lag_ms;	/* -1 until measured */
	struct event		*lag_ev;
	int			 nick_tries;
	int			 backoff;	/* seconds before reconnecting */
	int			 quitting;
	uint32_t		 caps;
	char			*server_name;
	char			 welcome[256];	/* 001's text, for the first room */
	int			 greeted;	/* it was shown there */
	struct window_list	 windows;
	struct window		*current;
	unsigned int		 changed;	/* the model's: see ui_update */
	unsigned long		 windows_made;	/* the last window's serial */
	int			 bell;		/* a mention to ring for */
	int			 show_nicklist;
	int			 scrollback;	/* lines kept per window */
	char			*scrollback_setting;
	int			 logging;	/* -l or log = yes */
	char			*log_dir;
	struct edit		 edit;
	int			 skipping;
	struct pace		 pace;
	struct queued_list	 queue;		/* to send at the pace */
	int			 nqueued;
	struct event		*pace_ev;
	char			*userhost;	/* ours: user@host, when known */
	int			 reconnecting;	/* /reconnect was asked */
	char			**paste;	/* pasted lines held for a yes */
	int			 npaste;
	int			 pasting;	/* inside a bracketed paste */
	int			 paste_ask;	/* lines a paste has unasked */
	char			*paste_setting;
	char			*ignore_setting;
	int			 away;		/* 306 said so, 305 not */
	char			*account;	/* to log in to (SASL) */
	char			*account_password;
	char			*password_command;
	char			*account_now;	/* logged in (900), or NULL */
	char			*sasl_mechs;	/* the server's sasl= value */
	char			*tls_cert;	/* client certificate (EXTERNAL) */
	char			*login_failure;	/* for the first channel */
	int			 tls;		/* ircs://, -t or tls = yes */
	char			*tls_setting;
	int			 history_max;	/* ISUPPORT CHATHISTORY */
	int64_t			 line_ms;	/* the line's server-time, ms */
	char			*typing_setting;	/* no: +typing not sent */
	char			*hyperlinks_setting;	/* yes, no, auto */
	char			*highlight_setting;	/* words that mention */
	char			*filehost;	/* ISUPPORT draft/FILEHOST */
	char			*download_dir;	/* download-dir =, or NULL */
	char			*dcc_address;	/* dcc-address = */
	char			*dcc_ports;	/* dcc-ports = FIRST[-LAST] */
	char			*notify_setting;	/* notify = NICK ... */
	int			 multiline_bytes;	/* draft/multiline's */
	int			 multiline_lines;
};
extern struct chatui	cu;

/*
 * What the model (window, buffer, nick list) does when the screen no
 * longer shows it: it marks, and ui_update reads the mark once a loop
 * turn. The model calls nothing of the screen.
 */
static inline void
model_changed(void)
{
	cu.changed++;
}

/* net.c */
void		 net_connect(void);
void		 net_disconnect(const char *);
void		 net_drop(void);
void		 net_ask(struct window *, const char *, ...)
		     __attribute__((format(printf, 2, 3)));
struct window	*net_label_window(const char *);
void		 net_labels_free(void);
void		 net_upgrade(void);
long		 net_now_ms(void);
void		 net_send(const char *, ...)
		     __attribute__((format(printf, 1, 2)));
void		 net_schedule_reconnect(void);
void		 net_lag_pong(const char *);
void		 net_lag_cb(int, short, void *);
void		 net_queue(const char *, ...)
		     __attribute__((format(printf, 1, 2)));
void		 net_queue_block(const char *, size_t, int);
void		 net_drain(void);
void		 net_queue_free(void);
size_t		 net_text_room(const char *, const char *, int);

/* ignore.c */
const char	*ignore_add(const char *);
int		 ignore_del(const char *);
void		 ignore_set(const char *);
int		 ignore_match(const char *);
const char	*ignore_get(int);
void		 ignore_free(void);

/* chatui.c */
char		*chatui_data_dir(void);
void		 chatui_logging(int);

/* settings.c */
int		 settings_store(const char *, const char *);
long		 settings_number(const char *, long, long);
const char	*settings_apply(void);
void		 settings_command(struct window *, int, char **);
void		 settings_save(struct window *);
char		*settings_file(void);

/* tls.c (with HAVE_CHATUI_TLS) */
#define TLS_GO		0
#define TLS_ASKED	1
#define TLS_REFUSED	2
int		 tls_client_cert(const char *);
struct bufferevent *tls_bufferevent(struct event_base *, const char *);
const char	*tls_error(struct bufferevent *);
int		 tls_check(struct bufferevent *);
int		 tls_asking(void);
int		 tls_trusted(struct bufferevent *, const char *);
void		 tls_answer(const char *);
int		 tls_sts(const char *);
void		 tls_sts_load(void);
void		 tls_free(void);

/* download.c */
char		*download_dir(const char *);
void		 download_size(int64_t, char *, size_t);
void		 download_safe_name(const char *, size_t, int, char *, size_t);
char		*download_save(const char *, const char *, const char *);
struct stat;
struct evbuffer;
int		 download_fill(struct evbuffer *, int, int64_t *, int64_t,
		     size_t);
int		 download_open(struct window *, const char *, const char *,
		     char **, struct stat *);

/* notify.c */
void		 notify_set(const char *);
void		 notify_monitor(void);
void		 notify_reset(void);
void		 notify_numeric(struct msg *);
void		 notify_command(struct window *, const char *);
void		 notify_free(void);

/* dcc.c */
void		 dcc_ctcp(const char *, const char *);
void		 dcc_command(struct window *, int, char **);
const char	*dcc_status(char *, size_t);
void		 dcc_free(void);

/* xfer.c (with HAVE_CHATUI_XFER) */
#ifdef HAVE_CHATUI_XFER
const char	*xfer_status(char *, size_t);
void		 xfer_upload(struct window *, const char *, const char *);
void		 xfer_download(struct window *, const char *, const char *);
void		 xfer_cancel(struct window *);
void		 xfer_shutdown(void);
#else
static inline const char *
xfer_status(char *buf, size_t size)
{
	*buf = '\0';
	return (buf);
}
void		 xfer_missing(struct window *);
#define xfer_upload(w, f, t)	xfer_missing(w)
#define xfer_download(w, u, d)	xfer_missing(w)
#define xfer_cancel(w)		xfer_missing(w)
static inline void	xfer_shutdown(void) {}
#endif

/* history.c */
#define HISTORY_LATEST	1
#define HISTORY_BEFORE	2
#define HISTORY_AFTER	3
int		 history_enabled(void);
void		 history_open(struct window *);
void		 history_before(struct window *);
void		 history_targets(void);
void		 history_batch_start(const char *, const char *, const char *);
int		 history_in_batch(const char *);
void		 history_batch_line(struct msg *, const struct from *,
		     const char *);
void		 history_batch_end(const char *);
void		 history_reset(void);
void		 history_search(struct window *);

/* readmark.c */
void		 readmark_seen(struct window *);
void		 readmark_leave(struct window *);
void		 readmark_received(const char *, const char *);
void		 readmark_ask(struct window *);
int		 readmark_index(struct window *);
void		 readmark_free(void);

/* typing.c */
void		 typing_received(struct window *, const char *, const char *);
void		 typing_spoke(struct window *, const char *);
void		 typing_input(const char *);
void		 typing_sent(void);
const char	*typing_status(struct window *, char *, size_t);
void		 typing_free(void);

/* sasl.c */
int		 sasl_wanted(void);
int		 sasl_start(void);
int		 sasl_busy(void);
void		 sasl_authenticate(const char *);
void		 sasl_numeric(const char *, struct msg *);
void		 sasl_login(const char *, const char *);
void		 sasl_logout(void);
void		 sasl_register(const char *, const char *);
void		 sasl_register_reply(struct msg *);
void		 sasl_free(void);

/* multiline.c */
void		 multiline_cap(const char *);
int		 multiline_take(struct msg *, void (*)(struct msg *));
int		 multiline_say(const char *, const char *, const char *);
void		 multiline_free(void);

/* paste.c */
void		 paste_add(char *);
int		 paste_pending(void);
void		 paste_settle(void);
int		 paste_asking(void);
void		 paste_answer(int);
void		 paste_free(void);

/* pace.c */
void		 pace_init(struct pace *, int, long);
long		 pace_wait(const struct pace *, long);
void		 pace_take(struct pace *, long);
void		 pace_set(struct pace *, long);

/* handle.c */
void		 handle_line(char *);
void		 handle_cap_reset(void);
const char	*handle_table_unsorted(void);
void		 handle_from(struct msg *, struct from *);

/* command.c */
void		 command_input(char *);
void		 command_send_text(struct window *, const char *);

/* window.c */
struct window	*window_find(const char *);
struct window	*window_get(const char *, enum window_kind);
struct window	*window_server(void);
void		 window_close(struct window *);
void		 window_add(struct window *, enum line_kind, const char *,
		     const char *, time_t);
void		 window_vadd(struct window *, enum line_kind, const char *,
		     const char *, va_list);
void		 window_addf(struct window *, enum line_kind, const char *, ...)
		     __attribute__((format(printf, 3, 4)));
void		 window_eventf(struct window *, const char *, const char *,
		     ...) __attribute__((format(printf, 3, 4)));
void		 window_add_msgid(struct window *, enum line_kind,
		    const char *, const char *, time_t, const char *);
uint64_t	 window_msgid_hash(const char *);
int		 window_insert(struct window *, int, enum line_kind,
		    const char *, const char *, time_t, const char *);
void		 window_own(struct window *, const char *);
int		 window_redact(struct window *, const char *);
void		 window_clear(struct window *);
void		 window_free_all(void);
int		 window_number(struct window *);
struct window	*window_by_number(int);
void		 window_show(struct window *);

/* buffer.c */
void		 buffer_append(struct buffer *, struct line *, int);
int		 buffer_insert(struct buffer *, int, struct line *, int);
void		 buffer_replace(struct buffer *, int, struct line *);
int		 buffer_time_index(const struct buffer *, uint32_t);
void		 buffer_clear(struct buffer *);

/* nicklist.c */
int		 nicklist_cmp(const struct member *, const struct member *);
struct member	*nicklist_find(struct nicklist *, const char *);
void		 nicklist_add(struct nicklist *, const char *, uint8_t);
void		 nicklist_remove(struct nicklist *, const char *);
void		 nicklist_rename(struct nicklist *, const char *, const char *);
void		 nicklist_clear(struct nicklist *);

/* chatlog.c */
char		*chatlog_path(const char *, const char *, const char *);
void		 chatlog_write(struct window *, const struct line *);
void		 chatlog_close(struct window *);

/* layout.c */
void		 layout_compute(int, int, int, int, int, struct layout *);

/* format.c */
void		 format_line_head(const struct line *, int, const char *,
		     char *, size_t);
size_t		 format_width(const char *);
int		 format_wrap(const char *, int, int, size_t *, int);
int		 format_nick_colour(const char *, int);

/* ctcp.c */
int		 ctcp_query(const char *, const char *);
int		 ctcp_reply(const char *, const char *);
void		 ctcp_send(const char *, const char *);

/* style.c */
int		 style_colour(int, int, int *);
size_t		 format_strip(const char *, char *, size_t);
size_t		 format_split(const char *, size_t);
size_t		 format_split_n(const char *, size_t, size_t);
const char	*format_link(const char *, const char *, size_t *);
const char	*format_mention(const char *, const char *, const char *,
		     const char *, size_t *);

/* ui.c */
void		 ui_init(void);
void		 ui_end(void);
void		 ui_settings_changed(void);
const struct layout *ui_geometry(void);
void		 ui_redraw_now(void);
void		 ui_draw(void);
void		 ui_resize(void);
/* input.c */
void		 input_read(void);

/* complete.c */
void		 complete_word(void);
void		 complete_end(void);
void		 ui_update(void);

#endif
