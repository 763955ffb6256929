/* Shared helpers for the self-checking test programs: every program exits 0
 * when all its checks hold, 77 when the test does not apply here, and 1 with
 * a message on stderr naming the failed check otherwise. */
#ifndef PROG_H
#define PROG_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EXIT_SKIP 77

/* fail("what") prints "PROG: what" and exits 1. */
#define fail(...) do { \
	fprintf(stderr, "%s: ", program_invocation_short_name); \
	fprintf(stderr, __VA_ARGS__); \
	fputc('\n', stderr); \
	exit(1); \
} while (0)

/* check(cond, "what") fails with "what" (and errno's text) unless cond. */
#define check(cond, ...) do { \
	if (!(cond)) { \
		int e_ = errno; \
		fprintf(stderr, "%s: check failed: %s: ", \
			program_invocation_short_name, #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fprintf(stderr, " (errno %d: %s)\n", e_, strerror(e_)); \
		exit(1); \
	} \
} while (0)

#endif
