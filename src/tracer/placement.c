/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * CPU placement of the tracees (placement.h).  Only two decisions, both
 * made where they cost nothing extra:
 *  - at a stop, a thread that stopped QUICK_STOPS times in a row, each
 *    within QUICK_GAP_NS of the one before, is pinned to our CPU;
 *  - at a tick, a pinned thread that has not stopped for a tick and is
 *    running (state R) is computing: it gets the session's CPUs back.
 * The tick is a timer signal without SA_RESTART, so it interrupts the
 * loop's waitpid; it slows down to one a second while nothing happens.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "placement.h"
#include "proc.h"
#include "util.h"

#define QUICK_GAP_NS 1000000ull
#define QUICK_STOPS 3u
#define TICK_NS 20000000ull
#define TICK_MAX_NS 1000000000ull

static enum placement_mode mode = PLACE_OFF;
static cpu_set_t session_cpus;	/* what iamroot-run was started with */
static cpu_set_t our_cpu;
static timer_t tick_timer;
static uint64_t tick_ns;
static volatile sig_atomic_t tick_due;
static unsigned stops_since_tick;
static unsigned long npinned, nfreed;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void on_tick_signal(int sig)
{
	(void)sig;
	tick_due = 1;
}

static void arm_tick(uint64_t ns)
{
	struct itimerspec its = {
		.it_value = { .tv_sec = (time_t)(ns / 1000000000ull), .tv_nsec = (long)(ns % 1000000000ull) },
	};

	tick_ns = ns;
	timer_settime(tick_timer, 0, &its, NULL);
}

static int start_ticks(void)
{
	struct sigaction sa = { .sa_handler = on_tick_signal };	/* no SA_RESTART */
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN };

	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGRTMIN, &sa, NULL) < 0 || timer_create(CLOCK_MONOTONIC, &ev, &tick_timer) < 0)
		return -errno;
	arm_tick(TICK_NS);
	return 0;
}

void placement_init(enum placement_mode m)
{
	int cpu = sched_getcpu(), r;

	if (m == PLACE_OFF)
		return;
	if (cpu < 0 || sched_getaffinity(0, sizeof(session_cpus), &session_cpus) < 0) {
		log_v(1, "no CPU placement: %s", strerror(errno));
		return;
	}
	if (CPU_COUNT(&session_cpus) < 2)
		return;	/* one CPU already: nothing to place */
	CPU_ZERO(&our_cpu);
	CPU_SET(cpu, &our_cpu);
	if (sched_setaffinity(0, sizeof(our_cpu), &our_cpu) < 0) {
		log_v(1, "cannot pin to CPU %d: %s", cpu, strerror(errno));
		return;
	}
	if (m == PLACE_ADAPTIVE && (r = start_ticks()) < 0) {
		log_v(1, "no tick timer (%s): no CPU placement", strerror(-r));
		sched_setaffinity(0, sizeof(session_cpus), &session_cpus);
		return;
	}
	mode = m;
	log_v(1, "supervisor on CPU %d; %s", cpu,
	      m == PLACE_ONE_CPU ? "every process too" : "processes that trap often too");
}

static void place(struct proc *p, bool pin)
{
	const cpu_set_t *set = pin ? &our_cpu : &session_cpus;

	p->quick_stops = 0;
	if (sched_setaffinity(p->tid, sizeof(*set), set) < 0) {
		if (errno != ESRCH)
			log_v(1, "%d: cannot change its CPUs: %s", p->tid, strerror(errno));
		return;
	}
	p->pinned = pin;
	if (pin)
		npinned++;
	else
		nfreed++;
	log_v(3, "%d: %s", p->tid, pin ? "on our CPU" : "free to run on any CPU");
}

void placement_on_stop(struct proc *p)
{
	uint64_t now, gap;

	if (mode != PLACE_ADAPTIVE)
		return;
	now = now_ns();
	gap = now - p->last_stop_ns;
	p->last_stop_ns = now;
	stops_since_tick++;
	if (tick_ns != TICK_NS)
		arm_tick(TICK_NS);	/* busy again after a quiet spell */
	if (p->pinned || p->own_affinity)
		return;
	if (gap >= QUICK_GAP_NS)
		p->quick_stops = 0;
	else if (++p->quick_stops >= QUICK_STOPS)
		place(p, true);
}

void placement_inherit(struct proc *child, const struct proc *parent)
{
	child->pinned = parent ? parent->pinned : mode != PLACE_OFF;
	child->own_affinity = parent && parent->own_affinity;
	child->last_stop_ns = now_ns();
}

/* State R in /proc/TID/stat: running or waiting for a CPU. */
static bool is_running(pid_t tid)
{
	char path[64], buf[512];
	_cleanup_close_ int fd = -1;
	const char *paren;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || (n = read(fd, buf, sizeof(buf) - 1)) <= 0)
		return false;
	buf[n] = '\0';
	paren = strrchr(buf, ')');
	return paren && paren[1] == ' ' && paren[2] == 'R';
}

struct scan {
	uint64_t now;
	unsigned freed;
};

static void free_if_computing(struct proc *p, void *data)
{
	struct scan *sc = data;

	if (!p->pinned || p->own_affinity || p->state == PS_NEW ||
	    sc->now - p->last_stop_ns < TICK_NS || !is_running(p->tid))
		return;
	place(p, false);
	sc->freed++;
}

void placement_tick_if_due(void)
{
	struct scan sc = { 0 };

	if (!tick_due)
		return;
	tick_due = 0;
	sc.now = now_ns();
	proc_foreach(free_if_computing, &sc);
	if (sc.freed || stops_since_tick)
		arm_tick(TICK_NS);
	else
		arm_tick(tick_ns * 2 < TICK_MAX_NS ? tick_ns * 2 : TICK_MAX_NS);
	stops_since_tick = 0;
}

void placement_give_up(struct proc *p)
{
	p->own_affinity = true;
}

const cpu_set_t *placement_mask_for(const struct proc *p)
{
	return mode == PLACE_OFF || p->own_affinity ? NULL : &session_cpus;
}

void placement_done(void)
{
	if (mode == PLACE_ADAPTIVE)
		log_v(1, "placement: %lu times pinned to our CPU, %lu times freed", npinned, nfreed);
}
