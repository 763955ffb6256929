/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sched_getaffinity and sched_setaffinity.  placement.c pins threads to the
 * supervisor's CPU while they trap often; programs must not size their
 * work by that (nproc, make -j$(nproc), Go's GOMAXPROCS), so they are shown
 * the CPUs the session was given.  A program that sets an affinity of its
 * own gets it, sees it, and is never moved again.
 */
#include <string.h>

#include "emul.h"
#include "mem.h"
#include "placement.h"
#include "proc.h"

/* The thread named by arg 0 (0: the caller), if it is one of ours. */
static struct proc *target_of(const struct stop *s)
{
	pid_t pid = (pid_t)arch_sword(s->arch, s->args[0]);

	return pid == 0 ? s->p : proc_find(pid);
}

int handle_affinity(struct stop *s)
{
	struct proc *t = target_of(s);

	if (!t)
		return 0;
	if (s->id == ID_sched_setaffinity) {
		placement_give_up(t);
		return 0;
	}
	if (!placement_mask_for(t))
		return 0;
	/* The kernel checks the size and the buffer: replace what it wrote. */
	s->want_exit = true;
	s->p->exit_id = s->id;
	s->p->exit_args[0] = arch_word(s->arch, s->args[2]);
	s->p->exit_args[1] = (uint64_t)t->tid;
	return 0;
}

int handle_affinity_exit(struct proc *p, const struct arch_def *a, int64_t rval)
{
	int64_t n = arch_sword(a, (uint64_t)rval);
	struct proc *t = proc_find((pid_t)p->exit_args[1]);
	const cpu_set_t *mask = t ? placement_mask_for(t) : NULL;
	unsigned char buf[sizeof(cpu_set_t)] = { 0 };
	size_t len;

	if (n <= 0 || !mask)
		return 0;
	len = (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf);
	memcpy(buf, mask, len);
	return mem_write(p->tid, p->exit_args[0], buf, len);
}
