/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* N x getppid(): a syscall that no filter traps (the untrapped-syscall cost). */
#include "bench-util.h"

#include <sys/syscall.h>

int main(int argc, char **argv)
{
	struct bench_opts o = { .name = "loop-getppid", .n = 1000000 };
	pid_t ppid;
	uint64_t t0, t1;

	bench_parse(&o, argc, argv);
	/* The raw syscall, so no libc may ever answer it from a cache. */
	ppid = (pid_t)syscall(SYS_getppid);
	t0 = bench_now_ns();
	for (long i = 0; i < o.n; i++) {
		if ((pid_t)syscall(SYS_getppid) != ppid) {
			fprintf(stderr, "%s: getppid changed\n", o.name);
			return 1;
		}
	}
	t1 = bench_now_ns();
	bench_report(&o, t0, t1);
	return 0;
}
