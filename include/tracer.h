/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <linux/ptrace.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "arch.h"
#include "proc.h"

/* One seccomp stop being handled.  Handlers change args, or ask for the
 * syscall to be skipped with a result, or for the exit stop. */
struct stop {
	struct proc *p;
	const struct arch_def *arch;
	struct ptrace_syscall_info info;	/* as read at the stop */
	unsigned id;				/* enum sys_id or ID_NONE */
	uint64_t nr;
	uint64_t args[6];			/* as they will be on resume */
	bool args_changed;
	bool skip;				/* do not run it; return ret */
	int64_t ret;
	bool want_exit;				/* resume to the exit stop */
	bool reexec;				/* an injection re-executes it */
};

/* Handled outcome of a stop */
static inline void stop_fail(struct stop *s, int err)
{
	s->skip = true;
	s->ret = -err;
}

static inline void stop_set_arg(struct stop *s, unsigned i, uint64_t v)
{
	s->args[i] = v;
	s->args_changed = true;
}

/* syscall.c: the syscall being stopped in, portable across ABIs. */
int tracee_syscall_info(pid_t pid, struct ptrace_syscall_info *ret_info);
int tracee_apply(struct stop *s);
/* At a syscall-exit stop: make its result ret. */
int tracee_set_return(struct proc *p, const struct arch_def *a, int64_t ret);
/* Run syscall nr(args) in place of the stopped one, return its result, and
 * rewind the tracee so that the stopped syscall is executed again. */
int tracee_inject(struct stop *s, uint64_t nr, const uint64_t args[6], int64_t *ret_result);

/* scratch.c */
/* 0: p has a scratch slot; 1: one is being mapped and the syscall will be
 * re-executed (s->reexec set); <0 error. */
int scratch_prepare(struct stop *s);
int scratch_put(struct stop *s, const void *data, size_t len, uint64_t *ret_addr);
/* Record a rewrite so a kernel restart of the syscall is recognised. */
void scratch_record(struct stop *s);
/* If the args point into p's scratch, restore the originals: 0 nothing to
 * do, 1 restored, -EINTR if the record is lost. */
int scratch_recognise_restart(struct stop *s);

/* loop.c */
struct tracer_config {
	pid_t command;
	bool kill_on_exit;
	uint32_t uid, gid;	/* the command's fake identity */
	mode_t umask;		/* the command's, inherited from us */
};
/* Trace until no tracee is left; the command's wait status. */
int tracer_loop(const struct tracer_config *cfg, int *ret_status);
/* Wait for pid's next stop, handling nothing else: for injections. */
int tracer_wait_stop(pid_t pid, int *ret_status);
