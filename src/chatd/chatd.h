/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * chatd's internal structures and the prototypes of every file, grouped by
 * file (tmux's tmux.h).
 */

#ifndef CHATD_H
#define CHATD_H

#include <sys/types.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <event2/listener.h>

#include "cap.h"
#include "hashtab.h"
#include "chatlimits.h"
#include "log.h"
#include "msg.h"
#include "numeric.h"
#include "scram.h"
#include "strfmt.h"
#include "xmalloc.h"

/* Free heap kept between loop turns (see main in chatd.c). */
#define CHATD_TRIM_THRESHOLD	(8 * 1024 * 1024)

/* Message ids: milliseconds since 2020, node, count (send_msgid_new()). */
#define MSGID_EPOCH_MS		1577836800000ULL
#define MSGID_NODE_BITS		10
#define MSGID_SEQ_BITS		12

/* Longest label we echo back (the spec allows 64 bytes). */
#define SEND_LABEL_MAX		64

struct event;
struct event_base;
struct evbuffer;
struct evconnlistener;

/* A list of strings, as a list option holds them. */
struct strlist {
	char	**v;
	int	  n;
};

/* An address block from the exempt option. */
struct cidr {
	int		family;
	uint8_t		addr[16];
	int		bits;
};

enum log_messages {
	LOGMSG_OFF,
	LOGMSG_METADATA,
	LOGMSG_CONTENT
};

/* Everything chatd.conf can set; see config-table.c for each option. */
struct config {
	char		*name;
	char		*network;
	char		*description;
	struct strlist	 listen;
	struct strlist	 listen_tls;
	char		*tls_cert;
	char		*tls_key;
	int		 sts_duration;	/* seconds; 0: no sts cap */
	struct strlist	 http_listen;
	struct strlist	 http_listen_tls;
	struct strlist	 http_origin;
	char		*web_root;
	char		*http_url;
	char		*motd_file;
	struct strlist	 autojoin;
	char		*password;
	int		 max_clients;
	int		 max_clients_per_ip;
	int		 limit_loopback;
	size_t		 sendq;
	size_t		 recvq;
	int		 flood_burst;
	int		 flood_rate;
	int		 ping_interval;
	int		 ping_timeout;
	int		 registration_timeout;
	int		 nicklen;
	int		 channellen;
	int		 topiclen;
	int		 awaylen;
	int		 kicklen;
	int		 max_channels;
	int		 max_targets;
	int		 whowas;
	int		 log_level;
	char		*log_file;
	int		 log_messages;
	struct strlist	 oper;
	struct strlist	 exempt;
	int		 io_uring;
	int		 defer_accept;	/* seconds, 0 for off */
	int		 plain_text;
	int		 history_memory;
	int		 history_replay;
	int		 history_max_age;	/* days in the db; 0: forever */
	int		 history_max_lines;	/* a target's in the db; 0: all */
	int		 node_id;
	char		*db;
	int		 registration;	/* REGISTER: enum conf_register */
	char		*email_command;	/* mails VERIFY's codes, or "" */
	char		*email_from;
	int		 nick_grace;	/* seconds; 0: never renamed */
	char		*file_dir;
	size_t		 file_max_size;	/* 0: no uploads */
	size_t		 file_quota;	/* an account's; 0: no limit */
	int		 file_expiry;	/* days; 0: for ever */
	int		 file_uploads;	/* at once */

	/* Derived when the configuration is loaded. */
	struct cidr	*exempt_nets;
	int		 nexempt;
	struct strlist	 motd;
	int		 motd_loaded;
	char		*files_path;	/* file-dir, or beside the db; or NULL */
};

enum conf_register {
	REGISTER_OFF,
	REGISTER_AFTER_CONNECT,
	REGISTER_BEFORE_CONNECT
};

enum conf_type {
	CONF_STRING,
	CONF_INT,
	CONF_SIZE,
	CONF_LIST,
	CONF_ENUM
};

/* One row of the option table. */
struct conf_option {
	const char	 *name;
	enum conf_type	  type;
	size_t		  offset;
	const char	 *def;		/* list defaults are space-separated */
	long long	  min;
	long long	  max;
	const char *const *choices;	/* CONF_ENUM: NULL-terminated */
	int		(*check)(const char *, char **);
	const char	 *help;
};

/* A client connection. */
#define CLIENT_REGISTERED	0x0001
#define CLIENT_DEAD		0x0002
#define CLIENT_CAPNEG		0x0004	/* CAP negotiation holds registration */
#define CLIENT_GOTNICK		0x0008
#define CLIENT_GOTUSER		0x0010
#define CLIENT_PASSOK		0x0020
#define CLIENT_PINGSENT		0x0040
#define CLIENT_EXEMPT		0x0080
#define CLIENT_SKIPPING		0x0100	/* discarding the rest of a long line */
#define CLIENT_CAP302		0x0200
#define CLIENT_NOFLUSH		0x0400	/* drop output when torn down */
#define CLIENT_FLUSHQ		0x0800	/* on the list to write this turn */
#define CLIENT_WRITING		0x1000	/* waiting for room in the socket */
#define CLIENT_READQ		0x2000	/* a read queued in uring.c */
#define CLIENT_READOFF		0x4000	/* not reading: slowed, or full */
#define CLIENT_SLOWED		0x8000	/* told once it is slowed */
#define CLIENT_HEARD		0x20000	/* its first line has come */
#define CLIENT_GREETED		0x40000	/* greeted in words */
#define CLIENT_PLAIN		0x80000	/* a person without IRC */
#define CLIENT_WAITING		0x100000 /* on a job (worker.c): not read */
#define CLIENT_OWNED		0x200000 /* pieces of held turns to write */

#define UMODE_INVISIBLE		0x01
#define UMODE_OPER		0x02
#define UMODE_WALLOPS		0x04
#define UMODE_BOT		0x08	/* +B: a bot (IRCv3 bot mode) */

/* An account (account.c): in memory what the db keeps. */
#define ACCOUNT_PENDING		0x01	/* being made: the name is held */
#define ACCOUNT_SEEN		0x02	/* in the db's list, at a reload */
struct account {
	char			*name;
	char			*hash;		/* argon2id */
	uint8_t			 salt[SCRAM_SALT_LEN];	/* SCRAM's */
	uint8_t			 stored[SCRAM_KEY_LEN];
	uint8_t			 server[SCRAM_KEY_LEN];
	uint32_t		 iterations;
	int64_t			 created;
	char			*certfp;	/* SASL EXTERNAL's, or NULL */
	unsigned int		 nclients;	/* logged in to it */
	uint32_t		 fails;		/* failed logins, and the last */
	time_t			 fail_time;
	struct markers		*markers;	/* read markers (marker.c) */
	struct hist_target	*history;	/* its private messages */
	int			 flags;
};

struct sasl;
struct markers;
struct hist_target;
struct membership;
LIST_HEAD(membership_list, membership);
/* How plain.c puts a server line into words: by its verb. */
struct client;
struct plain_verb {
	const char	*verb;
	void		(*render)(struct client *, struct msg *, const char *);
};

/*
 * How plain.c puts a numeric into words: words with at most one %s, which
 * stands for one of its parameters (0 is the nick it is sent to; -1, the
 * last).
 */
struct plain_numeric {
	int		 code;
	const char	*words;
	int		 arg;
};

/*
 * Bytes queued for a client this loop turn, in an output arena; or held
 * for the db, in a turn's arenas set aside (owner, output.c).
 */
struct output_piece {
	struct output_piece	*next;
	struct output_gen	*owner;
	const char		*data;
	size_t			 len;
};

/* Most transactions a client waits on at once (2: one writing, one next). */
#define OUTPUT_HOLDS	4

/*
 * What a client holds back: its pieces made while an older turn's lines
 * were not yet in the db, by transaction (oldest first); and those a
 * commit released, to be written at the end of this turn before the rest.
 * output.c's, but for send_fits(), which reads the totals.
 */
struct output_hold {
	TAILQ_ENTRY(output_hold) entry;		/* while n != 0 */
	struct client		*c;
	size_t			 total;		/* bytes held */
	size_t			 ready;		/* bytes released */
	int			 n;
	uint64_t		 gen[OUTPUT_HOLDS];
	size_t			 bytes[OUTPUT_HOLDS];
	struct output_piece	*head, *tail;	/* held */
	struct output_piece	*rhead, *rtail;	/* released */
	struct output_hold	*spare;		/* in output_spare_holds */
};

struct client {
	uint64_t		 id;
	uint64_t		 mark;		/* fan-out dedup epoch */
	struct event		*ev;		/* read, and write while full */
	struct conn		*conn;		/* its transport (conn.h) */
	struct output_piece	*out_head;	/* this turn's output */
	struct output_piece	*out_tail;
	struct evbuffer		*out;		/* backlog of a full socket */
	char			*in;		/* input kept for later, or NULL */
	size_t			 inlen;
	char			*user;
	char			*realname;
	char			*away;
	char			*quit_reason;
	struct hist_target	*history;	/* its private messages */
	struct output_hold	*hold;		/* output waiting for the db */
	struct account		*account;	/* logged in to, or NULL */
	struct sasl		*sasl;		/* a SASL login under way */
	struct markers		*markers;	/* read markers, without account */
	struct monitor		*monitor;	/* MONITOR's list, or NULL */
	struct metadata_client	*metadata;	/* METADATA's, or NULL */
	struct multiline	*batch;		/* a multiline batch it sends */
	struct event		*throttle;	/* only while throttled */
	struct membership_list	 channels;
	TAILQ_ENTRY(client)	 entry;
	TAILQ_ENTRY(client)	 dead_entry;
	TAILQ_ENTRY(client)	 flush_entry;
	uint32_t		 caps;
	uint32_t		 created;	/* times in seconds (until 2106) */
	uint32_t		 last_active;	/* last line received */
	uint32_t		 last_spoke;	/* for WHOIS idle */
	uint32_t		 ping_sent;
	uint32_t		 token_ms;	/* when the bucket was filled */
	int32_t			 tokens;	/* flood bucket, in thousandths */
	uint32_t		 out_queued;	/* bytes in out_head's pieces */
	uint32_t		 flags;
	uint16_t		 port;
	uint8_t			 umodes;
	char			 nick[NICK_MAX + 1];
	char			 host[HOST_MAX];
};
TAILQ_HEAD(client_list, client);

#define MEMBER_OP	0x01
#define MEMBER_VOICE	0x02

struct channel;
struct membership {
	struct client		*client;
	struct channel		*channel;
	uint8_t			 modes;
	LIST_ENTRY(membership)	 client_entry;
	LIST_ENTRY(membership)	 channel_entry;
};

/* An entry of a channel's lists: bans (b), exceptions (e), invex (I). */
struct ban {
	char			*mask;
	char			*who;
	time_t			 when;
	char			 kind;		/* 'b', 'e' or 'I' */
	LIST_ENTRY(ban)		 entry;
};
LIST_HEAD(ban_list, ban);

#define CMODE_INVITE	0x01
#define CMODE_MODERATED	0x02
#define CMODE_NOEXTERNAL 0x04
#define CMODE_SECRET	0x08
#define CMODE_TOPIC	0x10
#define CMODE_REGISTERED 0x20	/* +r: kept over restarts (chanreg.c) */
#define CMODE_NOCTCP	0x40	/* +C: no CTCP but ACTION */

struct channel {
	char			*name;
	char			*topic;
	char			*topic_who;
	time_t			 topic_time;
	time_t			 created;
	char			*key;
	unsigned int		 limit;
	uint8_t			 modes;
	unsigned int		 nmembers;
	struct membership_list	 members;
	struct ban_list		 bans;
	uint64_t		*invites;	/* client ids */
	unsigned int		 ninvites;
	char			*founder;	/* registered: its account */
	struct metadata		*metadata;	/* METADATA's, or NULL */
};

/* A line formatted once per variant for many recipients. */
#define OUTMSG_VARIANTS	8	/* server-time, message-tags, account-tag */
struct outmsg {
	struct timeval	 time;
	uint64_t	 msgid;		/* formatted only if someone wants it */
	const char	*client_tags;	/* escaped, relayed as sent, or NULL */
	const char	*account;	/* the sender's, for account-tag */
	int		 bot;		/* from a bot: the bot tag */
	size_t		 bodylen;
	char		 body[LINE_MAX_RELAY];	/* ":source VERB ...\r\n" */
	char		*variant[OUTMSG_VARIANTS];	/* in the turn's arena */
	size_t		 variant_len[OUTMSG_VARIANTS];
};

/* What changed in the model (event.c), as the sinks are told. */
enum change_kind {
	CHANGE_CONNECT,
	CHANGE_REGISTER,
	CHANGE_JOIN,
	CHANGE_PART,
	CHANGE_QUIT,
	CHANGE_NICK,
	CHANGE_MESSAGE,
	CHANGE_TOPIC,
	CHANGE_MODE,
	CHANGE_KICK,
	CHANGE_AWAY,
	CHANGE_SETNAME,
	CHANGE_INVITE,
	CHANGE_REDACT,
	CHANGE_ACCOUNT,
	CHANGE_RENAME		/* target: the old name, text: the new */
};

/*
 * One change, told to the sinks after its fan-out; every string is
 * borrowed for the call.
 */
struct change {
	enum change_kind	 kind;
	struct timeval		 time;		/* of the line told */
	uint64_t		 msgid;		/* 0 if none was told */
	struct client		*client;	/* who made it */
	const char		*nick;
	const char		*user;
	const char		*host;
	const char		*target;	/* a channel or a nick */
	struct client		*to;		/* the nick's, if local */
	const char		*verb;		/* PRIVMSG, NOTICE, TAGMSG */
	const char		*text;		/* message, reason, topic, nick */
	const char		*extra;		/* kicked or invited nick; mode args */
	const char		*tags;		/* client-only tags, escaped */
	const char		*line;		/* as told, untagged, no CRLF */
	size_t			 linelen;
	uint64_t		 redacted;	/* REDACT: the line's msgid */
	int			 remote;	/* from another node: not published */
};

/* A sink: history (history.c), later other nodes. */
struct sink {
	const char	*name;
	void		(*record)(const struct change *);
};

/* A command table row. */
#define CMD_UNREG	0x01	/* allowed before registration */
#define CMD_REG		0x02	/* allowed after registration */
#define CMD_OPER	0x04	/* operators only */
struct command {
	const char	*name;
	int		 min_params;
	int		 flags;
	int		 penalty;	/* flood tokens it costs */
	void		(*handler)(struct client *, struct msg *);
	const char	*usage;		/* its parameters, for HELP */
	const char	*help;		/* what it does, one sentence or two */
};

/* A remembered nick for WHOWAS. */
struct whowas {
	char	 nick[NICK_MAX + 1];
	char	*user;
	char	*host;
	char	*realname;
	time_t	 when;
};

/* The server's state: one per process. */
struct server {
	struct event_base	 *base;
	struct config		 *conf;
	const char		 *conf_file;
	struct strlist		  conf_overrides;
	struct evconnlistener	**listeners;
	int			  nlisteners;
	struct event		 *tick;
	struct event		 *reaper;
	struct event		 *flusher;
	struct event		 *reader;
	struct event		 *logflush;
	struct event		 *logwrite;	/* room in a slow log */
	struct event		 *accept_resume;
	struct event		 *sig_term, *sig_int, *sig_hup, *sig_pipe;
	struct client_list	  clients;
	struct client_list	  dead;
	struct client_list	  flushq;
	struct hashtab		  nicks;
	struct hashtab		  channels;
	struct hashtab		  addrs;
	unsigned int		  nclients;
	unsigned int		  nregistered;
	unsigned int		  nopers;
	unsigned int		  ninvisible;
	unsigned int		  max_seen;
	uint64_t		  next_id;
	uint64_t		  next_batch;	/* batch references */
	uint64_t		  msgid_ms;	/* the last message id's parts */
	unsigned int		  msgid_seq;
	uint64_t		  epoch;
	time_t			  started;
	char			  created[64];
	struct whowas		 *whowas;
	int			  whowas_next;
	int			  whowas_size;
	int			  shutting_down;
	int			  accept_paused;	/* out of descriptors */
	int			  deferred;	/* listening with defer-accept */
	uint16_t		  tls_port;	/* the first listen-tls port */
};
extern struct server	 srv;

/* config.c */
struct config	*config_create(void);
void		 config_free(struct config *);
int		 config_set(struct config *, uint8_t *, const char *,
		     const char *, char **);
int		 config_load(struct config *, const char *,
		     const struct strlist *, char **);
int		 config_parse_addr(const char *, struct sockaddr_storage *,
		     socklen_t *, char **);
int		 config_cidr_parse(const char *, struct cidr *);
int		 config_cidr_match(const struct cidr *, const struct sockaddr *);
int		 config_is_exempt(const struct config *, const struct sockaddr *);
int		 config_is_autojoin(const struct config *, const char *);
int		 config_is_loopback(const struct sockaddr *);
void		 strlist_add(struct strlist *, const char *);
int		 strlist_equal(const struct strlist *, const struct strlist *);
void		 strlist_clear(struct strlist *);

/* config-table.c */
extern const struct conf_option	config_table[];
extern const size_t		config_table_size;
const struct conf_option	*config_find(const char *);
int		 config_check_listen(const char *, char **);
int		 config_check_channel(const char *, char **);
int		 config_check_token(const char *, char **);
int		 config_check_url(const char *, char **);
int		 config_check_oper(const char *, char **);
int		 config_check_cidr(const char *, char **);

/* server.c */
int		 server_listen(void);
const char	*server_full(const struct sockaddr *, const char *);
int		 server_listen_on(const char *, evconnlistener_cb, void *,
		     const char *, uint16_t *, char **);
void		 server_init_signals(void);
void		 server_init(void);
int		 server_log_later(void);
void		 server_reload(struct client *);
void		 server_shutdown(void);
void		 server_free(void);
time_t		 server_time(void);
void		 server_timeval(struct timeval *);

/* event.c */
void		 event_sink_add(const struct sink *);
void		 event_channels(const struct change *,
		    void (*)(const struct change *, const char *, void *),
		    void *);
void		 event_sink_remove(const struct sink *);
void		 event_connect(struct client *);
void		 event_register(struct client *);
void		 event_join(struct client *, struct channel *, uint8_t);
void		 event_part(struct client *, struct membership *, const char *);
void		 event_quit(struct client *);
void		 event_nick(struct client *, const char *);
void		 event_message(struct client *, const char *, struct channel *,
		    struct client *, const char *, const char *, uint32_t);
void		 event_statusmsg(struct client *, const char *,
		     struct channel *, char, const char *, const char *,
		     uint32_t);
void		 event_multiline(struct client *, const char *,
		     struct channel *, struct client *, const char *,
		     const char *);
void		 event_topic(struct client *, struct channel *, const char *);
void		 event_rename(struct client *, struct channel *, const char *,
		    const char *);
void		 event_mode(struct client *, struct channel *, const char *,
		    const char *);
void		 event_kick(struct client *, struct channel *,
		    struct membership *, const char *);
void		 event_away(struct client *, const char *);
void		 event_setname(struct client *, const char *);
void		 event_invite(struct client *, struct client *, struct channel *,
		    const char *);
void		 event_redact(struct client *, const char *, struct channel *,
		    struct client *, uint64_t, const char *);
void		 event_account(struct client *, struct account *);

/* conn.c: the rest is in conn.h */
void		 conn_addr_string(const struct sockaddr *, socklen_t, char *,
		     uint16_t *);

/* client.c */
struct conn;
void		 client_init(void);
struct client	*client_create(struct conn *, int, const struct sockaddr *,
		     const char *, uint16_t);
void		 client_close(struct client *, const char *);
void		 client_reap(void);
void		 client_free(struct client *);
void		 client_flush_and_free(struct client *, const char *);
const char	*client_mask(struct client *);
void		 client_set_names(struct client *, const char *, const char *);
void		 client_process(struct client *);

/* history.c */
struct hist_entry;
void		 history_configure(void);
int		 history_enabled(void);
void		 history_free(void);
void		 history_forget(const char *);
void		 history_rename(const char *, const char *);
void		 history_client_free(struct client *);
void		 history_restore(const struct change *);
void		 history_restore_private(const struct change *, const char *,
		    const char *);
void		 history_account_free(struct account *);
void		 history_replay(struct client *, struct channel *);
struct hist_entry **history_lines(struct client *, const char *, size_t *);
int64_t		 history_ms(const struct hist_entry *);
uint64_t	 history_msgid(const struct hist_entry *);
size_t		 history_budget(struct client *);
size_t		 history_size(const struct hist_entry *);
void		 history_send(struct client *, const struct hist_entry *,
		    const char *);
void		 history_batch(struct client *, char *, size_t, const char *,
		    const char *);
void		 history_peers(struct client *,
		    void (*)(void *, const char *, int64_t), void *);
int64_t		 history_last_ms(const char *);
struct hist_entry *history_find(struct client *, const char *, uint64_t);
struct hist_entry *history_entry(const struct change *);
void		 history_entry_free(struct hist_entry *);
int		 history_sent_by(const struct hist_entry *, struct client *);

/* worker.c */
#define WORKER_IDLE	20	/* a lane's "niceness": only the idle CPU's */
struct worker_lane;
struct worker_lane *worker_lane_new(const char *, int, int);
int		 worker_pending(void);
void		 worker_lane_submit(struct worker_lane *, struct client *, int,
		    void (*)(void *), void (*)(struct client *, void *),
		    void *);
void		 worker_lane_post(struct worker_lane *, void (*)(void *),
		    void *);
void		 worker_lane_free(struct worker_lane *);
void		 worker_start(void);
void		 worker_submit(struct client *, int, void (*)(void *),
		    void (*)(struct client *, void *), void *);
void		 worker_forget(struct client *);
void		 worker_stop(void);

/* account.c */
void		 account_init(void);
void		 account_free(void);
int		 account_enabled(void);
struct account	*account_find(const char *);
struct account	*account_find_certfp(const char *);
int		 account_exists(const char *);
const char	*account_name(const struct client *);
void		 account_login(struct client *, struct account *);
void		 account_logout(struct client *, int);
int		 account_throttled(const char *, const char *, int *);
void		 account_failed(struct client *, const char *, const char *);
void		 account_register(struct client *, const char *, const char *,
		    void (*)(struct client *, struct account *, int));
void		 account_verify_ref(uint64_t, const char *, const char *,
		     void (*)(uint64_t, struct account *, int));
void		 account_verify(struct client *, const char *, const char *,
		    void (*)(struct client *, struct account *, int));
void		 account_check_nick(struct client *);
void		 account_client_free(struct client *);
void		 account_tick(time_t);
int		 account_command(const char *, const char *, const char *);
int		 account_certfp_valid(const char *);

/* chanreg.c */
void		 chanreg_init(void);
int		 chanreg_kept(const char *);
int		 chanreg_is_founder(struct channel *, struct client *);
uint8_t		 chanreg_join_modes(struct channel *, struct client *, int);
int		 chanreg_mode(struct channel *, struct client *, int);

/* marker.c */
int64_t		 marker_set_ms(struct markers **, const char *, int64_t);
void		 marker_free(struct markers *);
void		 marker_join(struct client *, struct channel *);
void		 irc_markread(struct client *, struct msg *);

/* irc-account.c */
void		 irc_register(struct client *, struct msg *);
void		 irc_verify(struct client *, struct msg *);
void		 irc_authenticate(struct client *, struct msg *);
void		 irc_sasl_abort(struct client *);
void		 irc_sasl_wanted(struct client *, const char *);
void		 irc_sasl_free(struct client *);
const char	*irc_account_cap_value(uint32_t);

/* irc-history.c */
void		 irc_chathistory(struct client *, struct msg *);
void		 irc_redact(struct client *, struct msg *);
void		 irc_search(struct client *, struct msg *);

/* plain.c */
extern const struct plain_verb	plain_verbs[];
extern const size_t		plain_verbs_size;
extern const struct plain_numeric plain_numerics[];
extern const size_t		plain_numerics_size;
int		 plain_detect(const char *, size_t);
void		 plain_start(struct client *);
void		 plain_greet(struct client *);
void		 plain_input(struct client *, char *, size_t);
void		 plain_render(struct client *, const char *, size_t);
void		 plain_goodbye(struct client *, struct evbuffer *,
		    const char *);

/* linger.c */
void		 linger_hurry(void);
unsigned int	 linger_count(void);
void		 linger_free(void);

/* output.c */
char		*output_shared(size_t);
void		*output_scratch(size_t);
void		 output_add(struct client *, const char *, size_t);
void		 output_copy(struct client *, const char *, size_t);
size_t		 output_queued(struct client *);
struct evbuffer	*output_backlog(struct client *);
void		 output_keep(struct client *, size_t);
void		 output_forget(struct client *);
void		 output_advance(struct client *, struct output_piece *);
void		 output_keep_all(struct client *);
void		 output_hold(struct client *, uint64_t);
void		 output_ready(struct client *);
int		 output_holding(struct client *);
void		 output_unhold(struct client *);
void		 output_release(uint64_t);
void		 output_reset(void);
void		 output_free(void);

/* uring.c */
void		 uring_init(void);
void		 uring_free(void);
/* What a queued send writes (uring_send()). */
#define URING_PIECES	0	/* the turn's pieces */
#define URING_WIRE	2	/* the transport's wire buffer (conn.h) */
int		 uring_send(struct client *, const struct iovec *, int, size_t,
		    int);
int		 uring_recv(struct client *, size_t);
void		 uring_forget(struct client *);
void		 uring_trim(void);
void		 uring_complete(void);

/* client-queue.c */
int		 client_queue_ready(struct client *);
int		 client_queue_throttled(struct client *);
void		 client_queue_charge(struct client *, int);
void		 client_queue_throttle(struct client *);
void		 client_queue_tick(time_t);
void		 client_queue_init(struct client *);

/* send.c */
void		 send_write(struct client *, const char *, size_t);
void		 send_shared(struct client *, const char *, size_t);
void		 send_shared_unlabeled(struct client *, const char *, size_t);
void		 send_stamp(struct timeval *, uint64_t *);
void		 send_text(struct client *, const char *, size_t);
void		 send_raw(struct client *, const char *, ...)
		     __attribute__((format(printf, 2, 3)));
void		 send_numeric(struct client *, enum numeric, ...);
void		 send_numeric_text(struct client *, enum numeric, const char *,
		     size_t);
void		 send_fail(struct client *, const char *, const char *,
		     const char *);
void		 send_in_batch(struct client *, const char *);
uint64_t	 send_msgid_new(const struct timeval *);
size_t		 send_msgid(char *, size_t, uint64_t);
int		 send_msgid_parse(const char *, uint64_t *);
void		 send_warn(struct client *, const char *, const char *,
		     const char *, const char *);
void		 outmsg_init(struct outmsg *, const char *, const char *, ...)
		     __attribute__((format(printf, 3, 4)));
void		 outmsg_init_like(struct outmsg *, const struct outmsg *,
		     const char *, ...) __attribute__((format(printf, 3, 4)));
void		 outmsg_init_text(struct outmsg *, const char *, struct client *,
		     const char *, const char *, const char *);
void		 outmsg_from(struct outmsg *, const struct client *);
void		 outmsg_send(struct outmsg *, struct client *);
void		 outmsg_send_unlabeled(struct outmsg *, struct client *);
void		 send_channel(struct channel *, struct outmsg *,
		     struct client *, uint32_t, uint32_t);
void		 send_common(struct client *, struct outmsg *, int, uint32_t,
		     uint32_t);
void		 send_label_begin(struct client *, struct msg *);
void		 send_label_defer(struct client *, char *, size_t);
void		 send_label_resume(struct client *, const char *);
void		 send_label_end(void);
void		 send_free(void);

/* command.c */
void		 command_dispatch(struct client *, char *, size_t);
const struct command *command_find(const char *);
extern const struct command	command_table[];
extern const size_t		command_table_size;

/* irc-login.c */
void		 irc_pass(struct client *, struct msg *);
void		 irc_nick(struct client *, struct msg *);
void		 irc_user(struct client *, struct msg *);
void		 irc_ping(struct client *, struct msg *);
void		 irc_pong(struct client *, struct msg *);
void		 irc_quit(struct client *, struct msg *);
void		 irc_login_try(struct client *);
int		 irc_nick_valid(const char *);

/* verify.c */
#define VERIFY_EMAIL_MAX	254
#define ACCOUNT_PASSWORD_MAX	1024	/* bytes of a REGISTER password */
int		 verify_enabled(void);
int		 verify_pending(const char *);
int		 verify_email_valid(const char *);
void		 verify_register(struct client *, const char *, const char *,
		     const char *);
void		 verify_free_all(void);

/* metadata.c */
struct metadata;
struct metadata_client;
void		 irc_metadata(struct client *, struct msg *);
const char	*metadata_cap_value(void);
void		 metadata_registered(struct client *);
void		 metadata_join(struct client *, struct channel *);
void		 metadata_whois(struct client *, struct client *);
void		 metadata_client_free(struct client *);
void		 metadata_channel_free(struct channel *);

/* monitor.c */
#define MONITOR_MAX	100	/* nicks a client may watch (ISUPPORT) */
void		 monitor_init(void);
void		 monitor_free(void);
void		 monitor_client_free(struct client *);
void		 monitor_tell(const char *, const char *);
void		 monitor_send(struct client *, struct outmsg *, uint64_t,
		    uint32_t);
void		 irc_monitor(struct client *, struct msg *);

/* irc-cap.c */
void		 irc_cap(struct client *, struct msg *);
void		 irc_cap_changed(uint32_t, int);

/* irc-channel.c */
void		 irc_join(struct client *, struct msg *);
void		 irc_part(struct client *, struct msg *);
void		 irc_topic(struct client *, struct msg *);
void		 irc_rename(struct client *, struct msg *);
void		 irc_names(struct client *, struct msg *);
void		 irc_list(struct client *, struct msg *);
void		 irc_channel_join(struct client *, const char *, const char *);
void		 irc_channel_names(struct client *, struct channel *);

/* irc-message.c */
void		 irc_privmsg(struct client *, struct msg *);
void		 irc_notice(struct client *, struct msg *);
void		 irc_tagmsg(struct client *, struct msg *);
void		 irc_message_multiline(struct client *, const char *,
		     const char *, const char *, const char *);
size_t		 irc_message_client_tags(const char *, char *, size_t);

/* multiline.c */
struct evbuffer;
struct multiline_src {			/* one message, to be formatted */
	const char	*line;		/* ":mask VERB target :text" */
	size_t		 linelen;
	struct timeval	 time;
	uint64_t	 msgid;
	const char	*client_tags;	/* escaped, or NULL */
	const char	*account;	/* the sender's, or NULL */
};
const char	*multiline_cap_value(void);
int		 multiline_is(const char *, size_t);
void		 multiline_client_free(struct client *);
void		 irc_batch(struct client *, struct msg *);
int		 multiline_line(struct client *, struct msg *,
		     const struct msg_tag *);
void		 multiline_format(struct evbuffer *,
		     const struct multiline_src *, uint32_t, const char *,
		     const char *);

/* irc-info.c */
void		 irc_who(struct client *, struct msg *);
void		 irc_whois(struct client *, struct msg *);
void		 irc_whowas(struct client *, struct msg *);
void		 irc_ison(struct client *, struct msg *);
void		 irc_userhost(struct client *, struct msg *);
void		 irc_motd(struct client *, struct msg *);
void		 irc_lusers(struct client *, struct msg *);
void		 irc_version(struct client *, struct msg *);
void		 irc_time(struct client *, struct msg *);
void		 irc_info(struct client *, struct msg *);
void		 irc_help(struct client *, struct msg *);
void		 irc_links(struct client *, struct msg *);
void		 irc_info_welcome(struct client *);
void		 irc_info_send_motd(struct client *);
void		 irc_info_reset(void);
void		 irc_info_send_lusers(struct client *);

/* irc-mode.c */
void		 irc_mode(struct client *, struct msg *);

/* irc-op.c */
void		 irc_kick(struct client *, struct msg *);
void		 irc_invite(struct client *, struct msg *);

/* irc-oper.c */
void		 irc_oper(struct client *, struct msg *);
void		 irc_kill(struct client *, struct msg *);
void		 irc_rehash(struct client *, struct msg *);
void		 irc_wallops(struct client *, struct msg *);
char		*irc_oper_hash(const char *);

/* irc-away.c */
void		 irc_away(struct client *, struct msg *);
void		 irc_setname(struct client *, struct msg *);

/* user.c */
void		 user_init(void);
struct client	*user_find(const char *);
void		 user_add(struct client *);
void		 user_remove(struct client *);
void		 user_rename(struct client *, const char *);
void		 user_whowas_add(struct client *);
void		 user_whowas_resize(int);
void		 user_whowas_free(void);
int		 user_addr_count(const char *);
void		 user_addr_add(const char *);
void		 user_addr_remove(const char *);

/* channel.c */
void		 channel_init(void);
struct channel	*channel_find(const char *);
struct channel	*channel_create(const char *);
void		 channel_rename(struct channel *, const char *);
void		 channel_free(struct channel *);
int		 channel_valid_name(const char *, int);
struct membership *channel_member(struct channel *, struct client *);
struct membership *channel_add(struct channel *, struct client *, uint8_t);
void		 channel_remove(struct membership *);
int		 channel_listed(struct channel *, struct client *, char);
int		 channel_banned(struct channel *, struct client *);
int		 channel_muted(struct channel *, struct client *);
int		 channel_invited(struct channel *, struct client *);
void		 channel_invite_add(struct channel *, struct client *);
void		 channel_invite_remove(struct channel *, struct client *);
const char	*channel_prefix(uint8_t, int);
void		 channel_modes_string(struct channel *, int, char *, size_t);

#endif
