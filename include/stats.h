/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* --stats: how often the tracees stopped, and what the supervisor spent. */
enum stop_kind {
	STOP_SECCOMP,		/* a trapped syscall: the sum of stats_syscall's counts */
	STOP_SYSCALL_EXIT,	/* its exit, when a result had to be read */
	STOP_INJECTED,		/* the exit of a syscall we made the tracee run */
	STOP_EXEC,
	STOP_NEW_TASK,		/* fork, vfork or clone event */
	STOP_EVENT,		/* PTRACE_EVENT_STOP: a new task's first stop, a group-stop */
	STOP_SIGNAL,		/* signal-delivery-stop */
	STOP_OTHER,
	STOP__COUNT
};

void stats_enable(void);
void stats_stop(enum stop_kind k);
/* A seccomp stop: the syscall's portable id, or ID_NONE when unknown. */
void stats_syscall(unsigned id);
/* The counts, one per line, to the log (stderr or --log-file). */
void stats_report(void);
