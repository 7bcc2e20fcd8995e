/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Blocking work off the loop, in the spirit of redis's bio.c: jobs wait on
 * a queue (a lane) served by worker threads, and each job's end is handed
 * back to the loop through a pipe the loop watches, where its done
 * function runs. The pool serves the clients' jobs; the store has a lane
 * of its own, one thread, so its transactions go one at a time in order.
 * Nothing in the loop waits for a job. A job names its client by id, and
 * the worker threads never touch a client: when the client goes first,
 * its job ends with no client. A client waiting on a job (an OPER, later a
 * SASL login) handles no further line until it ends, so its replies keep
 * their order; its label, if it gave one, goes with the job. A job posted
 * (worker_lane_post()), from any thread, has no end on the loop at all.
 */

#include "config.h"

#include <sys/resource.h>
#include <sys/syscall.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>

#include "chatd.h"

/* The pool's threads: a password hash takes one core for about 10 ms. */
#define WORKER_THREADS	2
#define WORKER_MAX	4
#define WORKER_NICE	10	/* the pool's niceness: the loop comes first */

struct job {
	TAILQ_ENTRY(job)	 queue;		/* todo or done, under the lock */
	struct worker_lane	*lane;
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

/*
 * A lane: a queue and its threads. The pool has two threads; the store
 * has a lane of one, so its jobs run one at a time, in order.
 */
struct worker_lane {
	const char		*name;
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	struct job_list		 todo;
	struct job_list		 done;
	pthread_t		 threads[WORKER_MAX];
	int			 nthreads;
	int			 stopping;
	int			 nice;		/* its threads' niceness */
	int			 pending;	/* jobs begun, not ended: the loop's */
	int			 pipe[2];
	struct event		*ev;
};

static struct worker_lane	*worker_pool;
static struct job_list		 worker_begun =
				    TAILQ_HEAD_INITIALIZER(worker_begun);

static void	*worker_main(void *);
static void	 worker_cb(evutil_socket_t, short, void *);
static void	 worker_end(struct job *);

/* A worker thread: take a job, do it, hand it back, until told to stop. */
static void *
worker_main(void *arg)
{
	struct worker_lane	*l = arg;
	struct job		*j;
	char			 one = 1;
	ssize_t			 n;

	/*
	 * The pool's threads yield the CPU to the loop: a storm of logins
	 * hashing on every core must not delay anyone's messages.
	 */
	if (l->nice == WORKER_IDLE) {
		struct sched_param	sp;

		memset(&sp, 0, sizeof sp);
		pthread_setschedparam(pthread_self(), SCHED_IDLE, &sp);
	} else if (l->nice != 0)
		setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), l->nice);
	pthread_mutex_lock(&l->lock);
	for (;;) {
		while (TAILQ_EMPTY(&l->todo) && !l->stopping)
			pthread_cond_wait(&l->cond, &l->lock);
		if ((j = TAILQ_FIRST(&l->todo)) == NULL)
			break;
		TAILQ_REMOVE(&l->todo, j, queue);
		pthread_mutex_unlock(&l->lock);
		j->work(j->arg);
		if (j->done == NULL) {	/* posted: nothing to hand back */
			free(j);
			pthread_mutex_lock(&l->lock);
			continue;
		}
		pthread_mutex_lock(&l->lock);
		TAILQ_INSERT_TAIL(&l->done, j, queue);
		/* One byte wakes the loop; a full pipe already will. */
		do
			n = write(l->pipe[1], &one, 1);
		while (n == -1 && errno == EINTR);
	}
	pthread_mutex_unlock(&l->lock);
	return (NULL);
}

/* A lane of nthreads, its pipe watched by the loop; fatal if it cannot. */
struct worker_lane *
worker_lane_new(const char *name, int nthreads, int nice)
{
	struct worker_lane	*l;
	char			 comm[16];
	int			 i, error;

	l = xcalloc(1, sizeof *l);
	l->name = name;
	l->nice = nice;
	pthread_mutex_init(&l->lock, NULL);
	pthread_cond_init(&l->cond, NULL);
	TAILQ_INIT(&l->todo);
	TAILQ_INIT(&l->done);
	if (pipe(l->pipe) == -1)
		fatal("pipe");
	for (i = 0; i < 2; i++) {
		if (fcntl(l->pipe[i], F_SETFL, O_NONBLOCK) == -1 ||
		    fcntl(l->pipe[i], F_SETFD, FD_CLOEXEC) == -1)
			fatal("fcntl");
	}
	l->ev = event_new(srv.base, l->pipe[0], EV_READ | EV_PERSIST,
	    worker_cb, l);
	event_add(l->ev, NULL);
	for (i = 0; i < nthreads && i < WORKER_MAX; i++) {
		if ((error = pthread_create(&l->threads[i], NULL, worker_main,
		    l)) != 0) {
			errno = error;
			fatal("pthread_create");
		}
		/* Told apart in top -H and /proc/PID/task/N/comm. */
		snprintf(comm, sizeof comm, "chatd-%s", name);
		pthread_setname_np(l->threads[i], comm);
		l->nthreads++;
	}
	return (l);
}

/*
 * Hand work(arg) to lane l; done(client, arg) runs on the loop when it is
 * over, with c or NULL if c has gone meanwhile (done frees arg). With
 * wait, c handles no more lines until then, and the reply to a labeled
 * command is held for done to send.
 */
void
worker_lane_submit(struct worker_lane *l, struct client *c, int wait,
    void (*work)(void *), void (*done)(struct client *, void *), void *arg)
{
	struct job	*j;

	j = xcalloc(1, sizeof *j);
	j->client = c;
	j->client_id = c != NULL ? c->id : 0;
	j->work = work;
	j->done = done;
	j->arg = arg;
	j->lane = l;
	l->pending++;
	if (c != NULL && wait) {
		j->wait = 1;
		c->flags |= CLIENT_WAITING;
		send_label_defer(c, j->label, sizeof j->label);
	}
	TAILQ_INSERT_TAIL(&worker_begun, j, loop);
	pthread_mutex_lock(&l->lock);
	TAILQ_INSERT_TAIL(&l->todo, j, queue);
	pthread_cond_signal(&l->cond);
	pthread_mutex_unlock(&l->lock);
}

/*
 * Hand work(arg) to lane l from any thread, the loop's or a worker's: no
 * client, and nothing runs on the loop when it is over (work frees arg).
 */
void
worker_lane_post(struct worker_lane *l, void (*work)(void *), void *arg)
{
	struct job	*j;

	j = xcalloc(1, sizeof *j);
	j->work = work;
	j->arg = arg;
	j->lane = l;
	pthread_mutex_lock(&l->lock);
	TAILQ_INSERT_TAIL(&l->todo, j, queue);
	pthread_cond_signal(&l->cond);
	pthread_mutex_unlock(&l->lock);
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
	j->lane->pending--;
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

/* A lane's pipe: the jobs that are over. */
static void
worker_cb(evutil_socket_t fd, short what, void *arg)
{
	struct worker_lane	*l = arg;
	struct job_list		 done = TAILQ_HEAD_INITIALIZER(done);
	struct job		*j;
	char			 buf[64];

	while (read(fd, buf, sizeof buf) > 0)
		;
	pthread_mutex_lock(&l->lock);
	TAILQ_CONCAT(&done, &l->done, queue);
	pthread_mutex_unlock(&l->lock);
	while ((j = TAILQ_FIRST(&done)) != NULL) {
		TAILQ_REMOVE(&done, j, queue);
		worker_end(j);
	}
}

/*
 * Stop lane l and free it: its threads finish the jobs queued and are
 * joined; jobs queued after (by the done functions) are done here; every
 * job's done runs, so nothing is left half done at exit.
 */
void
worker_lane_free(struct worker_lane *l)
{
	struct job	*j;
	int		 i;

	if (l == NULL)
		return;
	pthread_mutex_lock(&l->lock);
	l->stopping = 1;
	pthread_cond_broadcast(&l->cond);
	pthread_mutex_unlock(&l->lock);
	for (i = 0; i < l->nthreads; i++)
		pthread_join(l->threads[i], NULL);
	l->nthreads = 0;
	for (;;) {
		while ((j = TAILQ_FIRST(&l->todo)) != NULL) {
			TAILQ_REMOVE(&l->todo, j, queue);
			j->work(j->arg);
			if (j->done == NULL)
				free(j);
			else
				TAILQ_INSERT_TAIL(&l->done, j, queue);
		}
		if (TAILQ_EMPTY(&l->done))
			break;
		worker_cb(l->pipe[0], EV_READ, l);
	}
	event_free(l->ev);
	close(l->pipe[0]);
	close(l->pipe[1]);
	pthread_mutex_destroy(&l->lock);
	pthread_cond_destroy(&l->cond);
	free(l);
}

/* The pool, for the jobs of clients (password hashes). */
void
worker_start(void)
{
	if (worker_pool == NULL)
		worker_pool = worker_lane_new("pool", WORKER_THREADS,
		    WORKER_NICE);
}

/* The pool's jobs begun and not ended (queued or running). */
int
worker_pending(void)
{
	return (worker_pool != NULL ? worker_pool->pending : 0);
}

void
worker_submit(struct client *c, int wait, void (*work)(void *),
    void (*done)(struct client *, void *), void *arg)
{
	worker_lane_submit(worker_pool, c, wait, work, done, arg);
}

void
worker_stop(void)
{
	worker_lane_free(worker_pool);
	worker_pool = NULL;
}
