/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/*
 * Where tracees run.  A stop costs ~3 us when the tracee and the supervisor
 * share a CPU and ~50 us when each must wake the other across CPUs (a 2-CPU
 * VM, INTERNALS.md §10b), so a thread that traps often runs on the
 * supervisor's CPU, and one that computes for long without trapping is let
 * go to any CPU the session was given.
 */

#include <sched.h>
#include <stdbool.h>
#include <stddef.h>

struct proc;

enum placement_mode {
	PLACE_ADAPTIVE,	/* the default: pinned while trapping often */
	PLACE_ONE_CPU,	/* -1: everything on the supervisor's CPU, always */
	PLACE_OFF,	/* --no-pin: the kernel places every thread */
};

/* Pin the supervisor (and so the command it will start) to the CPU it runs
 * on, unless mode is PLACE_OFF; in PLACE_ADAPTIVE start the tick timer. */
void placement_init(enum placement_mode mode);
/* Every stop of p: the stop rate decides whether it goes back to our CPU. */
void placement_on_stop(struct proc *p);
/* A new thread runs where the thread that made it ran (the kernel copies
 * the affinity at clone); parent NULL: the command, started by us. */
void placement_inherit(struct proc *child, const struct proc *parent);
/* The tick timer fired (waitpid was interrupted): let go of the pinned
 * threads that have computed since their last stop. */
void placement_tick_if_due(void);
/* The program chose the affinity of p itself: ours no longer applies. */
void placement_give_up(struct proc *p);
/* The CPUs p would have without us, for sched_getaffinity; NULL when p's
 * real affinity is the program's own. */
const cpu_set_t *placement_mask_for(const struct proc *p);
/* The end of the session: how often threads moved, with -v. */
void placement_done(void);
