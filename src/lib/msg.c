/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Parse IRC lines in place (catgirl's parse, ngIRCd's REQUEST): the message
 * points into the caller's buffer, nothing is allocated.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "msg.h"

static char	*msg_word(char **);

/* Cut the next space-delimited word off *line, skipping extra spaces. */
static char *
msg_word(char **line)
{
	char	*word, *end;

	while (**line == ' ')
		(*line)++;
	if (**line == '\0')
		return (NULL);
	word = *line;
	if ((end = strchr(word, ' ')) != NULL) {
		*end = '\0';
		*line = end + 1;
	} else
		*line = word + strlen(word);
	return (word);
}

int
msg_parse(struct msg *m, char *line)
{
	memset(m, 0, sizeof *m);

	while (*line == ' ')
		line++;
	if (*line == '@') {
		line++;
		m->tags = msg_word(&line);
	}
	while (*line == ' ')
		line++;
	if (*line == ':') {
		line++;
		m->source = msg_word(&line);
	}
	if ((m->verb = msg_word(&line)) == NULL)
		return (-1);

	for (;;) {
		while (*line == ' ')
			line++;
		if (*line == '\0')
			break;
		if (*line == ':' || m->nparams == MSG_MAX_PARAMS - 1) {
			if (*line == ':')
				line++;
			m->params[m->nparams++] = line;
			break;
		}
		m->params[m->nparams++] = msg_word(&line);
	}
	return (0);
}

int
msg_check_length(const char *line, size_t len, size_t maxtags)
{
	const char	*sp;
	size_t		 tagslen = 0;

	if (len > 0 && line[0] == '@') {
		if ((sp = memchr(line, ' ', len)) == NULL)
			sp = line + len;
		tagslen = sp - line + 1;
		if (tagslen > maxtags)
			return (-1);
		if (tagslen > len)
			tagslen = len;
	}
	if (len - tagslen > LINE_MAX_BODY - 2)
		return (-1);
	return (0);
}

int
msg_tag_next(const char **p, struct msg_tag *t)
{
	const char	*s = *p, *end, *eq;

	while (s != NULL && *s == ';')
		s++;
	if (s == NULL || *s == '\0')
		return (0);
	end = s + strcspn(s, ";");
	eq = memchr(s, '=', end - s);
	t->key = s;
	if (eq != NULL) {
		t->keylen = eq - s;
		t->value = eq + 1;
		t->valuelen = end - (eq + 1);
	} else {
		t->keylen = end - s;
		t->value = NULL;
		t->valuelen = 0;
	}
	*p = end;
	return (1);
}

int
msg_tag_find(const char *tags, const char *key, struct msg_tag *t)
{
	size_t	len = strlen(key);

	while (msg_tag_next(&tags, t)) {
		if (t->keylen == len && memcmp(t->key, key, len) == 0)
			return (1);
	}
	return (0);
}

size_t
msg_tag_unescape(char *dst, size_t size, const char *src, size_t len)
{
	size_t	i, n = 0;
	char	c;

	if (size == 0)
		return (0);
	for (i = 0; i < len && n < size - 1; i++) {
		c = src[i];
		if (c == '\\') {
			if (++i == len)
				break;
			switch (src[i]) {
			case ':':
				c = ';';
				break;
			case 's':
				c = ' ';
				break;
			case 'r':
				c = '\r';
				break;
			case 'n':
				c = '\n';
				break;
			default:
				c = src[i];
				break;
			}
		}
		dst[n++] = c;
	}
	dst[n] = '\0';
	return (n);
}

size_t
msg_tag_escape(char *dst, size_t size, const char *src)
{
	size_t		 n = 0;
	const char	*esc;

	if (size == 0)
		return (0);
	for (; *src != '\0'; src++) {
		switch (*src) {
		case ';':
			esc = "\\:";
			break;
		case ' ':
			esc = "\\s";
			break;
		case '\\':
			esc = "\\\\";
			break;
		case '\r':
			esc = "\\r";
			break;
		case '\n':
			esc = "\\n";
			break;
		default:
			esc = NULL;
			break;
		}
		if (esc != NULL) {
			if (n + 2 >= size)
				break;
			dst[n++] = esc[0];
			dst[n++] = esc[1];
		} else {
			if (n + 1 >= size)
				break;
			dst[n++] = *src;
		}
	}
	dst[n] = '\0';
	return (n);
}

int
msg_needs_colon(const char *param)
{
	return (*param == '\0' || *param == ':' || strchr(param, ' ') != NULL);
}

void
msg_format_time(char *buf, size_t size, const struct timeval *tv)
{
	struct tm	tm;
	char		date[24];

	gmtime_r(&tv->tv_sec, &tm);
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, size, "%s.%03dZ", date, (int)(tv->tv_usec / 1000));
}

int
msg_parse_time(const char *s, struct timeval *tv)
{
	struct tm	 tm;
	const char	*p;
	int		 ms = 0, digits = 0;

	memset(&tm, 0, sizeof tm);
	if ((p = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm)) == NULL)
		return (-1);
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (digits++ < 3)
				ms = ms * 10 + (*p - '0');
		}
		while (digits++ < 3)
			ms *= 10;
	}
	if (*p != 'Z' || p[1] != '\0')
		return (-1);
	tv->tv_sec = timegm(&tm);
	tv->tv_usec = ms * 1000;
	return (0);
}
