/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * --stats: stops counted by kind and trapped syscalls by name, reported at
 * the end with the supervisor's CPU time, which is what a stop costs (see
 * doc/INTERNALS.md §9).  Counting is a few increments a stop, done only
 * when asked for.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "log.h"
#include "stats.h"
#include "sysent.h"

static bool enabled;
static struct timespec started;
static unsigned long stops[STOP__COUNT];
static unsigned long syscalls[ID__COUNT + 1];	/* the last: unknown syscalls */

static const char *const kind_names[STOP__COUNT] = {
	[STOP_SECCOMP] = "seccomp",
	[STOP_SYSCALL_EXIT] = "syscall-exit",
	[STOP_INJECTED] = "injected",
	[STOP_EXEC] = "exec",
	[STOP_NEW_TASK] = "new-task",
	[STOP_EVENT] = "event-stop",
	[STOP_SIGNAL] = "signal",
	[STOP_OTHER] = "other",
};

void stats_enable(void)
{
	enabled = true;
	clock_gettime(CLOCK_MONOTONIC, &started);
}

void stats_stop(enum stop_kind k)
{
	if (enabled)
		stops[k]++;
}

void stats_syscall(unsigned id)
{
	if (enabled)
		syscalls[id < ID__COUNT ? id : ID__COUNT]++;
}

static double seconds(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static int by_count(const void *a, const void *b)
{
	unsigned long x = syscalls[*(const unsigned *)a], y = syscalls[*(const unsigned *)b];

	return x < y ? 1 : x > y ? -1 : (int)*(const unsigned *)a - (int)*(const unsigned *)b;
}

void stats_report(void)
{
	unsigned order[ID__COUNT + 1];
	unsigned long total = 0;
	struct timespec now;
	struct rusage ru;
	double wall, cpu;

	if (!enabled)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	getrusage(RUSAGE_SELF, &ru);
	wall = (double)(now.tv_sec - started.tv_sec) + (double)(now.tv_nsec - started.tv_nsec) / 1e9;
	cpu = seconds(ru.ru_utime) + seconds(ru.ru_stime);
	for (unsigned i = 0; i <= ID__COUNT; i++)
		stops[STOP_SECCOMP] += syscalls[i];
	for (unsigned k = 0; k < STOP__COUNT; k++)
		total += stops[k];
	log_msg(0, "stats: stops %lu in %.3f s; supervisor CPU %.3f s (user %.3f, system %.3f), %.1f us a stop",
		total, wall, cpu, seconds(ru.ru_utime), seconds(ru.ru_stime), total ? cpu * 1e6 / (double)total : 0.0);
	for (unsigned k = 0; k < STOP__COUNT; k++)
		log_msg(0, "stats: %s %lu", kind_names[k], stops[k]);
	for (unsigned i = 0; i <= ID__COUNT; i++)
		order[i] = i;
	qsort(order, ID__COUNT + 1, sizeof(order[0]), by_count);
	for (unsigned i = 0; i <= ID__COUNT && syscalls[order[i]]; i++)
		log_msg(0, "stats: syscall %s %lu",
			order[i] == ID__COUNT ? "(unknown)" : sysent[order[i]].name, syscalls[order[i]]);
}
