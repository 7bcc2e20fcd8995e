/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Blocking work off the loop, in the spirit of redis's bio.c: jobs wait on
 * a queue served by worker threads, and each job's end is handed back to
 * the loop through a pipe the loop watches, where its done function runs.
 * Nothing in the loop waits for a job. A job names its client by id, and
 * the worker threads never touch a client: when the client goes first,
 * its job ends with no client. A client waiting on a job (an OPER, later a
 * SASL login) handles no further line until it ends, so its replies keep
 * their order; its label, if it gave one, goes with the job.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>

#include "chatd.h"

/* Threads: a password hash takes one core for about 10 ms. */
#define WORKER_THREADS	2

struct job {
	TAILQ_ENTRY(job)	 queue;		/* todo or done, under the lock */
	TAILQ_ENTRY(job)	 loop;		/* every job begun, the loop's */
	uint64_t		 client_id;
	struct client		*client;	/* the loop's only; NULL if gone */
	int			 wait;		/* the client waits for it */
	char			 label[SEND_LABEL_MAX + 1];
	void			(*work)(void *);
	void			(*done)(struct client *, void *);
	void			*arg;
};
TAILQ_HEAD(job_list, job);

static pthread_mutex_t	 worker_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 worker_cond = PTHREAD_COND_INITIALIZER;
static struct job_list	 worker_todo = TAILQ_HEAD_INITIALIZER(worker_todo);
static struct job_list	 worker_done = TAILQ_HEAD_INITIALIZER(worker_done);
static struct job_list	 worker_begun = TAILQ_HEAD_INITIALIZER(worker_begun);
static pthread_t	 worker_threads[WORKER_THREADS];
static int		 worker_nthreads;
static int		 worker_stopping;
static int		 worker_pipe[2] = { -1, -1 };
static struct event	*worker_ev;

static void	*worker_main(void *);
static void	 worker_cb(evutil_socket_t, short, void *);
static void	 worker_end(struct job *);

/* A worker thread: take a job, do it, hand it back, until told to stop. */
static void *
worker_main(void *arg)
{
	struct job	*j;
	char		 one = 1;
	ssize_t		 n;

	pthread_mutex_lock(&worker_lock);
	for (;;) {
		while (TAILQ_EMPTY(&worker_todo) && !worker_stopping)
			pthread_cond_wait(&worker_cond, &worker_lock);
		if ((j = TAILQ_FIRST(&worker_todo)) == NULL)
			break;
		TAILQ_REMOVE(&worker_todo, j, queue);
		pthread_mutex_unlock(&worker_lock);
		j->work(j->arg);
		pthread_mutex_lock(&worker_lock);
		TAILQ_INSERT_TAIL(&worker_done, j, queue);
		/* One byte wakes the loop; a full pipe already will. */
		do
			n = write(worker_pipe[1], &one, 1);
		while (n == -1 && errno == EINTR);
	}
	pthread_mutex_unlock(&worker_lock);
	return (NULL);
}

/* Start the worker threads and watch their pipe; fatal if they cannot. */
void
worker_start(void)
{
	int	i, error;

	if (worker_nthreads != 0)
		return;
	if (pipe(worker_pipe) == -1)
		fatal("pipe");
	for (i = 0; i < 2; i++) {
		if (fcntl(worker_pipe[i], F_SETFL, O_NONBLOCK) == -1 ||
		    fcntl(worker_pipe[i], F_SETFD, FD_CLOEXEC) == -1)
			fatal("fcntl");
	}
	worker_ev = event_new(srv.base, worker_pipe[0], EV_READ | EV_PERSIST,
	    worker_cb, NULL);
	event_add(worker_ev, NULL);
	worker_stopping = 0;
	for (i = 0; i < WORKER_THREADS; i++) {
		if ((error = pthread_create(&worker_threads[i], NULL,
		    worker_main, NULL)) != 0) {
			errno = error;
			fatal("pthread_create");
		}
		worker_nthreads++;
	}
}

/*
 * Hand work(arg) to a worker thread; done(client, arg) runs on the loop
 * when it is over, with c or NULL if c has gone meanwhile (done frees
 * arg). With wait, c handles no more lines until then, and the reply to a
 * labeled command is held for done to send.
 */
void
worker_submit(struct client *c, int wait, void (*work)(void *),
    void (*done)(struct client *, void *), void *arg)
{
	struct job	*j;

	j = xcalloc(1, sizeof *j);
	j->client = c;
	j->client_id = c != NULL ? c->id : 0;
	j->work = work;
	j->done = done;
	j->arg = arg;
	if (c != NULL && wait) {
		j->wait = 1;
		c->flags |= CLIENT_WAITING;
		send_label_defer(c, j->label, sizeof j->label);
	}
	TAILQ_INSERT_TAIL(&worker_begun, j, loop);
	pthread_mutex_lock(&worker_lock);
	TAILQ_INSERT_TAIL(&worker_todo, j, queue);
	pthread_cond_signal(&worker_cond);
	pthread_mutex_unlock(&worker_lock);
}

/* c is going: its jobs end without it. */
void
worker_forget(struct client *c)
{
	struct job	*j;

	TAILQ_FOREACH(j, &worker_begun, loop) {
		if (j->client == c)
			j->client = NULL;
	}
	c->flags &= ~CLIENT_WAITING;
}

/* A job is over: its done function, and its client goes on. */
static void
worker_end(struct job *j)
{
	struct client	*c = j->client;

	TAILQ_REMOVE(&worker_begun, j, loop);
	if (c != NULL && (c->flags & CLIENT_DEAD))
		c = NULL;
	if (c != NULL && j->wait) {
		c->flags &= ~CLIENT_WAITING;
		send_label_resume(c, j->label);
	}
	j->done(c, j->arg);
	if (c != NULL && j->wait) {
		send_label_end();
		client_process(c);
	}
	free(j);
}

/* The pipe: the jobs that are over. */
static void
worker_cb(evutil_socket_t fd, short what, void *arg)
{
	struct job_list	 done = TAILQ_HEAD_INITIALIZER(done);
	struct job	*j;
	char		 buf[64];

	while (read(fd, buf, sizeof buf) > 0)
		;
	pthread_mutex_lock(&worker_lock);
	TAILQ_CONCAT(&done, &worker_done, queue);
	pthread_mutex_unlock(&worker_lock);
	while ((j = TAILQ_FIRST(&done)) != NULL) {
		TAILQ_REMOVE(&done, j, queue);
		worker_end(j);
	}
}

/*
 * Stop: the jobs queued are done here and now, the threads joined, and
 * every job's done runs (at exit, so nothing is left half done).
 */
void
worker_stop(void)
{
	struct job	*j;
	int		 i;

	if (worker_nthreads == 0)
		return;
	pthread_mutex_lock(&worker_lock);
	worker_stopping = 1;
	pthread_cond_broadcast(&worker_cond);
	pthread_mutex_unlock(&worker_lock);
	for (i = 0; i < worker_nthreads; i++)
		pthread_join(worker_threads[i], NULL);
	worker_nthreads = 0;
	while ((j = TAILQ_FIRST(&worker_todo)) != NULL) {
		TAILQ_REMOVE(&worker_todo, j, queue);
		j->work(j->arg);
		TAILQ_INSERT_TAIL(&worker_done, j, queue);
	}
	worker_cb(worker_pipe[0], EV_READ, NULL);
	event_free(worker_ev);
	worker_ev = NULL;
	close(worker_pipe[0]);
	close(worker_pipe[1]);
	worker_pipe[0] = worker_pipe[1] = -1;
}
