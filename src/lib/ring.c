/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * io_uring, the part chatd (uring.c) and chatbench share: hand every
 * queued request over and collect want completions. Their requests are all
 * MSG_DONTWAIT, so all are done by the time the submission returns.
 */

#include "config.h"

#ifdef HAVE_LIBURING
#include <errno.h>

#include "ring.h"

/*
 * Submit what is queued, wait for want completions and give each request's
 * tag and result to done; 0, or -errno if the submission failed.
 */
int
ring_submit_all(struct io_uring *ring, unsigned int want,
    void (*done)(uint64_t, int, void *), void *arg)
{
	struct io_uring_cqe	*cqe;
	unsigned int		 seen = 0, head, n;
	int			 error;

	do
		error = io_uring_submit_and_wait(ring, want);
	while (error == -EINTR);
	if (error < 0)
		return (error);
	while (seen < want) {
		if ((error = io_uring_wait_cqe(ring, &cqe)) != 0)
			return (error);
		n = 0;
		io_uring_for_each_cqe(ring, head, cqe) {
			done(io_uring_cqe_get_data64(cqe), cqe->res, arg);
			n++;
		}
		io_uring_cq_advance(ring, n);
		seen += n;
	}
	return (0);
}
#endif
