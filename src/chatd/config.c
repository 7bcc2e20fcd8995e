/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Read chatd.conf against the option table: flat "key = value" lines, '#'
 * comments, list keys given once per value. Errors name the file, the line
 * and the problem; nothing here touches the running server.
 */

#include "config.h"

#include <arpa/inet.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casemap.h"
#include "chatd.h"
#include "i18n.h"

static int	config_set_default(struct config *, const struct conf_option *);
static int	config_parse_value(struct config *, const struct conf_option *,
		    const char *, char **);
static int	config_read_file(struct config *, uint8_t *, const char *,
		    char **);
static int	config_derive(struct config *, char **);
static int	config_split(char *, char **, char **);
static void	config_load_motd(struct config *);

void
strlist_add(struct strlist *l, const char *s)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n++] = xstrdup(s);
}

void
strlist_clear(struct strlist *l)
{
	int	i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* Whether a and b hold the same values in the same order. */
int
strlist_equal(const struct strlist *a, const struct strlist *b)
{
	int	i;

	if (a->n != b->n)
		return (0);
	for (i = 0; i < a->n; i++) {
		if (strcmp(a->v[i], b->v[i]) != 0)
			return (0);
	}
	return (1);
}

/* Parse a value of the row's type into the config. */
static int
config_parse_value(struct config *conf, const struct conf_option *o,
    const char *value, char **cause)
{
	void		 *field = (char *)conf + o->offset;
	char		 *end;
	long long	  n, mult = 1;
	int		  i;

	if (o->check != NULL && *value != '\0' && o->check(value, cause) != 0)
		return (-1);
	switch (o->type) {
	case CONF_STRING:
		if ((long long)strlen(value) < o->min ||
		    (long long)strlen(value) > o->max) {
			xasprintf(cause,
			    _("%s must be %lld to %lld characters"), o->name,
			    o->min, o->max);
			return (-1);
		}
		free(*(char **)field);
		*(char **)field = xstrdup(value);
		return (0);
	case CONF_INT:
	case CONF_SIZE:
		errno = 0;
		n = strtoll(value, &end, 10);
		if (o->type == CONF_SIZE && end != value) {
			if (*end == 'k' || *end == 'K')
				mult = 1024;
			else if (*end == 'm' || *end == 'M')
				mult = 1024 * 1024;
			else if (*end == 'g' || *end == 'G')
				mult = 1024 * 1024 * 1024;
			if (mult != 1)
				end++;
		}
		if (end == value || *end != '\0') {
			xasprintf(cause, _("%s: not a number: %s"), o->name,
			    value);
			return (-1);
		}
		/* Too big either way for a long long: out of range below. */
		if (errno != 0 || n > LLONG_MAX / mult)
			n = n < 0 ? LLONG_MIN : LLONG_MAX;
		else if (n < LLONG_MIN / mult)
			n = LLONG_MIN;
		else
			n *= mult;
		if (n < o->min || n > o->max) {
			xasprintf(cause,
			    _("%s: %s is out of range (%lld to %lld)"),
			    o->name, value, o->min, o->max);
			return (-1);
		}
		if (o->type == CONF_INT)
			*(int *)field = (int)n;
		else
			*(size_t *)field = (size_t)n;
		return (0);
	case CONF_LIST:
		if (*value == '\0')
			strlist_clear(field);
		else
			strlist_add(field, value);
		return (0);
	case CONF_ENUM:
		for (i = 0; o->choices[i] != NULL; i++) {
			if (strcmp(o->choices[i], value) == 0) {
				*(int *)field = i;
				return (0);
			}
		}
		xasprintf(cause, _("%s: unknown value %s"), o->name, value);
		return (-1);
	}
	return (-1);
}

/* Set a row to its default. */
static int
config_set_default(struct config *conf, const struct conf_option *o)
{
	char	*copy, *word, *p;
	char	*cause = NULL;

	if (o->type != CONF_LIST)
		return (config_parse_value(conf, o, o->def, &cause));
	strlist_clear((struct strlist *)((char *)conf + o->offset));
	copy = p = xstrdup(o->def);
	while ((word = strsep(&p, " ")) != NULL) {
		if (*word != '\0')
			strlist_add((struct strlist *)((char *)conf + o->offset),
			    word);
	}
	free(copy);
	return (0);
}

struct config *
config_create(void)
{
	struct config	*conf;
	size_t		 i;

	conf = xcalloc(1, sizeof *conf);
	for (i = 0; i < config_table_size; i++) {
		if (config_set_default(conf, &config_table[i]) != 0)
			fatalx("bad default for %s", config_table[i].name);
	}
	return (conf);
}

void
config_free(struct config *conf)
{
	const struct conf_option	*o;
	size_t				 i;

	if (conf == NULL)
		return;
	for (i = 0; i < config_table_size; i++) {
		o = &config_table[i];
		if (o->type == CONF_STRING)
			free(*(char **)((char *)conf + o->offset));
		else if (o->type == CONF_LIST)
			strlist_clear((struct strlist *)((char *)conf + o->offset));
	}
	free(conf->exempt_nets);
	free(conf->files_path);
	strlist_clear(&conf->motd);
	free(conf);
}

/*
 * Set key to value as a configuration line would. seen has one byte per
 * table row: the first value of a list in one load replaces its default.
 */
int
config_set(struct config *conf, uint8_t *seen, const char *key,
    const char *value, char **cause)
{
	const struct conf_option	*o;

	if ((o = config_find(key)) == NULL) {
		xasprintf(cause, _("unknown option: %s"), key);
		return (-1);
	}
	if (o->type == CONF_LIST && !seen[o - config_table])
		strlist_clear((struct strlist *)((char *)conf + o->offset));
	seen[o - config_table] = 1;
	return (config_parse_value(conf, o, value, cause));
}

/* Split "key = value" (or key=value) and trim both; -1 if no '='. */
static int
config_split(char *line, char **key, char **value)
{
	char	*eq, *end;

	if ((eq = strchr(line, '=')) == NULL)
		return (-1);
	*eq = '\0';
	*key = line;
	*value = eq + 1;
	while (isspace((unsigned char)**key))
		(*key)++;
	end = *key + strlen(*key);
	while (end > *key && isspace((unsigned char)end[-1]))
		*--end = '\0';
	while (isspace((unsigned char)**value))
		(*value)++;
	end = *value + strlen(*value);
	while (end > *value && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return (**key == '\0' ? -1 : 0);
}

static int
config_read_file(struct config *conf, uint8_t *seen, const char *path,
    char **cause)
{
	FILE	*f;
	char	*line = NULL, *p, *key, *value, *why = NULL;
	size_t	 size = 0;
	ssize_t	 len;
	int	 lineno = 0, rc = 0;

	if ((f = fopen(path, "r")) == NULL) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return (-1);
	}
	while ((len = getline(&line, &size, f)) != -1) {
		lineno++;
		p = line;
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '#' || *p == '\0')
			continue;
		if (config_split(p, &key, &value) != 0) {
			xasprintf(cause, _("%s:%d: expected key = value"), path,
			    lineno);
			rc = -1;
			break;
		}
		if (config_set(conf, seen, key, value, &why) != 0) {
			xasprintf(cause, "%s:%d: %s", path, lineno, why);
			free(why);
			rc = -1;
			break;
		}
	}
	if (rc == 0 && ferror(f)) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	free(line);
	fclose(f);
	return (rc);
}

/* Work out what the server needs in a ready form: CIDR blocks, the MOTD. */
static int
config_derive(struct config *conf, char **cause)
{
	const char	*slash;
	int		 i;

	if (conf->listen.n == 0 && conf->listen_tls.n == 0 &&
	    conf->http_listen.n == 0 && conf->http_listen_tls.n == 0) {
		xasprintf(cause, _("listen: at least one address is needed"));
		return (-1);
	}
	if ((*conf->tls_cert == '\0') != (*conf->tls_key == '\0')) {
		xasprintf(cause, _("tls-cert and tls-key go together"));
		return (-1);
	}
	if ((conf->listen_tls.n != 0 || conf->http_listen_tls.n != 0) &&
	    *conf->tls_cert == '\0') {
		xasprintf(cause, _("listen-tls needs tls-cert and tls-key "
		    "(chatd --make-cert DIR makes a pair)"));
		return (-1);
	}
	conf->exempt_nets = xcalloc(conf->exempt.n + 1,
	    sizeof *conf->exempt_nets);
	for (i = 0; i < conf->exempt.n; i++) {
		if (config_cidr_parse(conf->exempt.v[i],
		    &conf->exempt_nets[i]) != 0) {
			xasprintf(cause, _("exempt: bad address %s"),
			    conf->exempt.v[i]);
			return (-1);
		}
	}
	conf->nexempt = conf->exempt.n;
	/* Uploaded files: file-dir, or files beside the db. */
	free(conf->files_path);
	conf->files_path = NULL;
	if (*conf->file_dir != '\0')
		conf->files_path = xstrdup(conf->file_dir);
	else if (*conf->db != '\0') {
		slash = strrchr(conf->db, '/');
		if (slash == NULL)
			conf->files_path = xstrdup("files");
		else
			xasprintf(&conf->files_path, "%.*s/files",
			    (int)(slash - conf->db), conf->db);
	}
	config_load_motd(conf);
	return (0);
}

/* Read the MOTD file now, so serving it never touches the disk. */
static void
config_load_motd(struct config *conf)
{
	FILE	*f;
	char	*line = NULL;
	size_t	 size = 0;
	ssize_t	 len;

	strlist_clear(&conf->motd);
	conf->motd_loaded = 0;
	if (*conf->motd_file == '\0' || (f = fopen(conf->motd_file, "r")) == NULL)
		return;
	while ((len = getline(&line, &size, f)) != -1 && conf->motd.n < 1000) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len > 400)
			line[400] = '\0';
		strlist_add(&conf->motd, line);
	}
	free(line);
	fclose(f);
	conf->motd_loaded = 1;
}

/*
 * Load a configuration: defaults, then the file (if any), then the
 * KEY=VALUE overrides, exactly as if they were more lines of the file.
 */
int
config_load(struct config *conf, const char *path,
    const struct strlist *overrides, char **cause)
{
	uint8_t	*seen;
	char	*copy, *key, *value, *why = NULL;
	int	 i, rc = 0;

	seen = xcalloc(config_table_size, 1);
	if (path != NULL && config_read_file(conf, seen, path, cause) != 0) {
		free(seen);
		return (-1);
	}
	for (i = 0; overrides != NULL && i < overrides->n && rc == 0; i++) {
		copy = xstrdup(overrides->v[i]);
		if (config_split(copy, &key, &value) != 0) {
			xasprintf(cause, _("-o %s: expected KEY=VALUE"),
			    overrides->v[i]);
			rc = -1;
		} else if (config_set(conf, seen, key, value, &why) != 0) {
			xasprintf(cause, "-o %s: %s", overrides->v[i], why);
			free(why);
			rc = -1;
		}
		free(copy);
	}
	free(seen);
	if (rc == 0)
		rc = config_derive(conf, cause);
	return (rc);
}

/* Parse ADDR:PORT or [V6ADDR]:PORT. */
int
config_parse_addr(const char *s, struct sockaddr_storage *ss, socklen_t *len,
    char **cause)
{
	struct sockaddr_in	*sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6	*sin6 = (struct sockaddr_in6 *)ss;
	char			 host[64];
	const char		*colon, *port;
	char			*end;
	long			 n;
	size_t			 hlen;

	memset(ss, 0, sizeof *ss);
	if (*s == '[') {
		if ((colon = strstr(s, "]:")) == NULL)
			goto bad;
		hlen = colon - (s + 1);
		port = colon + 2;
		if (hlen >= sizeof host)
			goto bad;
		memcpy(host, s + 1, hlen);
	} else {
		if ((colon = strrchr(s, ':')) == NULL)
			goto bad;
		hlen = colon - s;
		port = colon + 1;
		if (hlen >= sizeof host)
			goto bad;
		memcpy(host, s, hlen);
	}
	host[hlen] = '\0';
	n = strtol(port, &end, 10);
	if (*port == '\0' || *end != '\0' || n < 0 || n > 65535)
		goto bad;
	if (inet_pton(AF_INET, host, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)n);
		*len = sizeof *sin;
		return (0);
	}
	if (inet_pton(AF_INET6, host, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)n);
		*len = sizeof *sin6;
		return (0);
	}
bad:
	xasprintf(cause, _("bad address %s (want ADDR:PORT or [ADDR]:PORT)"),
	    s);
	return (-1);
}

int
config_cidr_parse(const char *s, struct cidr *c)
{
	char		 buf[64], *slash, *end;
	long		 bits;

	if (strlen(s) >= sizeof buf)
		return (-1);
	strcpy(buf, s);
	memset(c, 0, sizeof *c);
	if ((slash = strchr(buf, '/')) != NULL)
		*slash++ = '\0';
	if (inet_pton(AF_INET, buf, c->addr) == 1) {
		c->family = AF_INET;
		c->bits = 32;
	} else if (inet_pton(AF_INET6, buf, c->addr) == 1) {
		c->family = AF_INET6;
		c->bits = 128;
	} else
		return (-1);
	if (slash != NULL) {
		bits = strtol(slash, &end, 10);
		if (*slash == '\0' || *end != '\0' || bits < 0 ||
		    bits > c->bits)
			return (-1);
		c->bits = (int)bits;
	}
	return (0);
}

int
config_cidr_match(const struct cidr *c, const struct sockaddr *sa)
{
	const uint8_t	*a;
	uint8_t		 v4[16];
	int		 full, rest, family = sa->sa_family;

	if (family == AF_INET)
		a = (const uint8_t *)&((const struct sockaddr_in *)sa)->sin_addr;
	else {
		a = ((const struct sockaddr_in6 *)sa)->sin6_addr.s6_addr;
		/* An IPv4-mapped IPv6 address matches IPv4 blocks. */
		if (c->family == AF_INET &&
		    IN6_IS_ADDR_V4MAPPED(&((const struct sockaddr_in6 *)sa)->sin6_addr)) {
			memcpy(v4, a + 12, 4);
			a = v4;
			family = AF_INET;
		}
	}
	if (family != c->family)
		return (0);
	full = c->bits / 8;
	rest = c->bits % 8;
	if (memcmp(a, c->addr, full) != 0)
		return (0);
	if (rest != 0 &&
	    ((a[full] ^ c->addr[full]) & (0xff << (8 - rest))) != 0)
		return (0);
	return (1);
}

int
config_is_exempt(const struct config *conf, const struct sockaddr *sa)
{
	int	i;

	for (i = 0; i < conf->nexempt; i++) {
		if (config_cidr_match(&conf->exempt_nets[i], sa))
			return (1);
	}
	return (0);
}

/* Whether a peer is this machine: 127.0.0.0/8, ::1 or ::ffff:127.0.0.0/104. */
int
config_is_loopback(const struct sockaddr *sa)
{
	const struct sockaddr_in	*sin = (const void *)sa;
	const struct sockaddr_in6	*sin6 = (const void *)sa;

	if (sa->sa_family == AF_INET)
		return ((ntohl(sin->sin_addr.s_addr) >> 24) == 127);
	if (sa->sa_family != AF_INET6)
		return (0);
	if (IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr))
		return (1);
	return (IN6_IS_ADDR_V4MAPPED(&sin6->sin6_addr) &&
	    sin6->sin6_addr.s6_addr[12] == 127);
}

/* Whether a channel is one of the autojoin rooms. */
int
config_is_autojoin(const struct config *conf, const char *name)
{
	int	i;

	for (i = 0; i < conf->autojoin.n; i++) {
		if (casemap_cmp(conf->autojoin.v[i], name) == 0)
			return (1);
	}
	return (0);
}

int
config_check_listen(const char *value, char **cause)
{
	struct sockaddr_storage	ss;
	socklen_t		len;

	return (config_parse_addr(value, &ss, &len, cause));
}

/*
 * A public address for links: http:// or https://, a host, no spaces,
 * quotes or a trailing slash (paths are added to it).
 */
int
config_check_url(const char *value, char **cause)
{
	size_t	n = strlen(value);

	if (n == 0)
		return (0);
	if ((strncmp(value, "http://", 7) != 0 &&
	    strncmp(value, "https://", 8) != 0) ||
	    value[strcspn(value, " \t\"<>\\")] != '\0' ||
	    value[n - 1] == '/' || n <= (size_t)(value[4] == 's' ? 8 : 7)) {
		xasprintf(cause, _("bad URL %s (http:// or https://, a host, "
		    "no trailing /)"), value);
		return (-1);
	}
	return (0);
}

/* A server or network name: one word of letters, digits, '.', '-', '_'. */
int
config_check_token(const char *value, char **cause)
{
	const char	*p;

	for (p = value; *p != '\0'; p++) {
		if (!isalnum((unsigned char)*p) && strchr(".-_", *p) == NULL) {
			xasprintf(cause, _("bad name %s (letters, digits, '.', "
			    "'-' and '_' only)"), value);
			return (-1);
		}
	}
	return (0);
}

int
config_check_channel(const char *value, char **cause)
{
	if (!channel_valid_name(value, CHANNEL_MAX)) {
		xasprintf(cause, _("bad channel name %s"), value);
		return (-1);
	}
	return (0);
}

int
config_check_oper(const char *value, char **cause)
{
	const char	*sp = strchr(value, ' ');

	if (sp == NULL || sp == value || sp[1] == '\0' ||
	    strchr(sp + 1, ' ') != NULL || sp[1] != '$') {
		xasprintf(cause, _("oper wants NAME HASH, the hash from "
		    "chatd --hash-password"));
		return (-1);
	}
	return (0);
}

int
config_check_cidr(const char *value, char **cause)
{
	struct cidr	c;

	if (config_cidr_parse(value, &c) != 0) {
		xasprintf(cause, _("bad address or CIDR block %s"), value);
		return (-1);
	}
	return (0);
}
