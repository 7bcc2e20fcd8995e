/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * uiprobe: what tools/uibench reads from a terminal client under test,
 * running in a tmux pane of a private tmux server (-L SOCKET).
 *
 *	uiprobe stat PID
 *		cpu_ns=N (all threads, from schedstat) rss_kb=N ctxsw=N
 *	uiprobe screen SOCKET PANE TEXT TIMEOUT_MS
 *		wait until TEXT is on the pane's screen; ms=N (exit 1 on
 *		timeout)
 *	uiprobe echo SOCKET PANE FILE COUNT
 *		keystroke echo, COUNT times: type one character into the
 *		pane and time until the client writes it to its terminal
 *		(FILE is the pane's output, from tmux pipe-pane), then erase
 *		it; median_ms=N max_ms=N
 */

#include "config.h"

#include <sys/wait.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define ECHO_KEY	'Q'	/* in no message, nick or status the bench makes */

static double
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1e3 + ts.tv_nsec / 1e6);
}

static void
usage(void)
{
	fprintf(stderr, "usage: uiprobe stat PID | screen SOCKET PANE TEXT "
	    "TIMEOUT_MS | echo SOCKET PANE FILE COUNT\n");
	exit(2);
}

/* Run tmux -L socket with args, wait; its standard output into buf. */
static int
tmux(const char *socket, const char *const args[], char *buf, size_t size)
{
	const char	*argv[16];
	int	 fd[2], i, status;
	size_t	 len = 0;
	ssize_t	 n;
	pid_t	 pid;

	argv[0] = "tmux";
	argv[1] = "-L";
	argv[2] = socket;
	for (i = 0; args[i] != NULL && i < 12; i++)
		argv[i + 3] = args[i];
	argv[i + 3] = NULL;
	if (pipe(fd) != 0)
		return (-1);
	if ((pid = fork()) == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		execvp("tmux", (char *const *)argv);
		_exit(127);
	}
	close(fd[1]);
	while (buf != NULL && len < size - 1 &&
	    (n = read(fd[0], buf + len, size - 1 - len)) > 0)
		len += n;
	if (buf != NULL)
		buf[len] = '\0';
	close(fd[0]);
	waitpid(pid, &status, 0);
	return (WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

static int
probe_stat(pid_t pid)
{
	char			 path[320], line[256];
	unsigned long long	 ns, total = 0, rss = 0, vol = 0, invol = 0;
	struct dirent		*de;
	DIR			*d;
	FILE			*f;

	snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
	if ((d = opendir(path)) == NULL)
		return (1);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "/proc/%d/task/%s/schedstat",
		    (int)pid, de->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		if (fscanf(f, "%llu", &ns) == 1)
			total += ns;
		fclose(f);
	}
	closedir(d);
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return (1);
	while (fgets(line, sizeof line, f) != NULL) {
		sscanf(line, "VmRSS: %llu", &rss);
		sscanf(line, "voluntary_ctxt_switches: %llu", &vol);
		sscanf(line, "nonvoluntary_ctxt_switches: %llu", &invol);
	}
	fclose(f);
	printf("cpu_ns=%llu rss_kb=%llu ctxsw=%llu\n", total, rss, vol + invol);
	return (0);
}

static int
probe_screen(const char *socket, const char *pane, const char *text,
    int timeout)
{
	static char	 buf[256 * 1024];
	const char	*args[] = { "capture-pane", "-p", "-t", pane, NULL };
	double		 t0 = now_ms();

	for (;;) {
		if (tmux(socket, args, buf, sizeof buf) == 0 &&
		    strstr(buf, text) != NULL) {
			printf("ms=%.1f\n", now_ms() - t0);
			return (0);
		}
		if (now_ms() - t0 > timeout) {
			printf("ms=timeout\n");
			return (1);
		}
		usleep(2000);
	}
}

static int
dcmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

static int
probe_echo(const char *socket, const char *pane, const char *file, int count)
{
	char	 key[2] = { ECHO_KEY, '\0' }, buf[65536];
	const char	*type[] = { "send-keys", "-t", pane, "-l", key, NULL };
	const char	*erase[] = { "send-keys", "-t", pane, "BSpace", NULL };
	double	*ms, t0;
	off_t	 off;
	ssize_t	 n;
	int	 fd, i, found;

	if ((ms = calloc(count, sizeof *ms)) == NULL)
		return (1);
	if ((fd = open(file, O_RDONLY)) == -1) {
		perror(file);
		return (1);
	}
	for (i = 0; i < count; i++) {
		off = lseek(fd, 0, SEEK_END);
		t0 = now_ms();
		tmux(socket, type, NULL, 0);
		for (found = 0; !found && now_ms() - t0 < 2000;) {
			while ((n = pread(fd, buf, sizeof buf, off)) > 0) {
				if (memchr(buf, ECHO_KEY, n) != NULL) {
					found = 1;
					break;
				}
				off += n;
			}
			if (!found)
				usleep(100);
		}
		ms[i] = found ? now_ms() - t0 : 2000;
		tmux(socket, erase, NULL, 0);
		usleep(50000);
	}
	close(fd);
	qsort(ms, count, sizeof *ms, dcmp);
	printf("median_ms=%.2f max_ms=%.2f\n", ms[count / 2], ms[count - 1]);
	free(ms);
	return (0);
}

int
main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && strcmp(argv[1], "stat") == 0)
		return (probe_stat((pid_t)atoi(argv[2])));
	if (argc == 6 && strcmp(argv[1], "screen") == 0)
		return (probe_screen(argv[2], argv[3], argv[4], atoi(argv[5])));
	if (argc == 6 && strcmp(argv[1], "echo") == 0)
		return (probe_echo(argv[2], argv[3], argv[4], atoi(argv[5])));
	usage();
	return (2);
}
