/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* N x open(PATH, O_RDONLY) + close(): one trapped (openat), one not (close). */
#include "bench-util.h"

#include <fcntl.h>

int main(int argc, char **argv)
{
	struct bench_opts o = { .name = "loop-openclose", .n = 100000, .path = "/etc/passwd" };
	uint64_t t0, t1;

	bench_parse(&o, argc, argv);
	t0 = bench_now_ns();
	for (long i = 0; i < o.n; i++) {
		int fd = open(o.path, O_RDONLY | O_CLOEXEC);

		if (fd < 0) {
			fprintf(stderr, "%s: open %s: %s\n", o.name, o.path, strerror(errno));
			return 1;
		}
		if (close(fd) != 0) {
			fprintf(stderr, "%s: close: %s\n", o.name, strerror(errno));
			return 1;
		}
	}
	t1 = bench_now_ns();
	bench_report(&o, t0, t1);
	return 0;
}
