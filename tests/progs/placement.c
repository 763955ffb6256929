/*
 * placement MODE CPUS: the CPUs this thread really may run on, read from
 * /proc/self/status (Cpus_allowed_list, which no syscall emulation
 * changes), after a phase of work.  CPUS is the list of the session as the
 * test saw it natively.
 *   trapping   after 2000 stat calls: exactly one CPU, one of CPUS
 *   computing  after spinning without syscalls: CPUS again, within 3 s
 *   same       after 2000 stat calls and after spinning: always CPUS
 *   pinned     after 2000 stat calls and after spinning: always one CPU
 * sched_getaffinity always shows every CPU of CPUS.
 */
#include "prog.h"

#include <sched.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <time.h>

static void allowed_list(char *buf, size_t size)
{
	char line[256];
	FILE *f = fopen("/proc/self/status", "r");

	check(f != NULL, "open /proc/self/status");
	buf[0] = '\0';
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Cpus_allowed_list: %255s", buf) == 1)
			break;
	fclose(f);
	check(buf[0], "no Cpus_allowed_list in /proc/self/status");
}

/* A single CPU, and one the session has (what sched_getaffinity shows). */
static bool is_one_cpu_of_session(const char *list)
{
	char *end;
	long cpu = strtol(list, &end, 10);
	cpu_set_t set;

	if (end == list || *end || cpu < 0 || cpu >= CPU_SETSIZE)
		return false;
	check(sched_getaffinity(0, sizeof(set), &set) == 0, "sched_getaffinity");
	return CPU_ISSET(cpu, &set);
}

/* Number of CPUs in a list such as 0-3,6. */
static int count_of(const char *list)
{
	int n = 0;

	for (const char *p = list; *p;) {
		char *end;
		long lo = strtol(p, &end, 10), hi = lo;

		if (*end == '-')
			hi = strtol(end + 1, &end, 10);
		n += (int)(hi - lo + 1);
		p = *end == ',' ? end + 1 : end;
		if (end == p && *p)
			fail("bad CPU list %s", list);
	}
	return n;
}

static void trap_often(void)
{
	struct stat st;

	for (int i = 0; i < 2000; i++)
		check(stat("/", &st) == 0, "stat /");
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Spin for 50 ms without a syscall the supervisor sees. */
static void compute(void)
{
	volatile unsigned long x = 0;
	double end = now() + 0.05;

	while (now() < end)
		x++;
}

/* sched_getaffinity shows the session's CPUs, wherever we run. */
static void check_shown(const char *cpus)
{
	cpu_set_t set;

	check(sched_getaffinity(0, sizeof(set), &set) == 0, "sched_getaffinity");
	check(CPU_COUNT(&set) == count_of(cpus), "sched_getaffinity shows %d CPUs, natively %s",
	      CPU_COUNT(&set), cpus);
}

int main(int argc, char **argv)
{
	char list[256];
	const char *mode, *cpus;

	if (argc != 3)
		fail("usage: placement trapping|computing|same|pinned CPUS");
	mode = argv[1];
	cpus = argv[2];
	check_shown(cpus);
	trap_often();
	check_shown(cpus);
	allowed_list(list, sizeof(list));
	if (!strcmp(mode, "same"))
		check(!strcmp(list, cpus), "after syscalls: %s, natively %s", list, cpus);
	else
		check(is_one_cpu_of_session(list), "after syscalls: %s, not one CPU of %s", list, cpus);
	if (!strcmp(mode, "trapping"))
		return 0;
	/* computing: freed at the first tick (20 ms), 3 s under load; the
	 * others: 25 ticks without a change is proof enough. */
	for (int i = 0; i < (strcmp(mode, "computing") ? 10 : 60); i++) {
		compute();
		allowed_list(list, sizeof(list));
		if (!strcmp(mode, "computing") && !strcmp(list, cpus))
			return 0;
	}
	if (!strcmp(mode, "computing"))
		fail("still on CPU %s after 3 s of computing, natively %s", list, cpus);
	if (!strcmp(mode, "same"))
		check(!strcmp(list, cpus), "after computing: %s, natively %s", list, cpus);
	else
		check(is_one_cpu_of_session(list), "after 3 s of computing: %s, natively %s", list, cpus);
	return 0;
}
