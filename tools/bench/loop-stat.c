/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* N x stat(PATH): a path-taking syscall (newfstatat on glibc), always trapped. */
#include "bench-util.h"

#include <sys/stat.h>

int main(int argc, char **argv)
{
	struct bench_opts o = { .name = "loop-stat", .n = 100000, .path = "/etc/passwd" };
	struct stat st;
	uint64_t t0, t1;

	bench_parse(&o, argc, argv);
	t0 = bench_now_ns();
	for (long i = 0; i < o.n; i++) {
		if (stat(o.path, &st) != 0) {
			fprintf(stderr, "%s: stat %s: %s\n", o.name, o.path, strerror(errno));
			return 1;
		}
	}
	t1 = bench_now_ns();
	bench_report(&o, t0, t1);
	return 0;
}
