/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Shared by the tools/bench loop programs: argument parsing, a monotonic
 * clock and the one-line report.  Header-only so each program is one file.
 *
 * Every loop program takes:
 *   -n N     iterations (default: per program)
 *   -p PATH  the path or program the loop works on (where it has one)
 *   -q       print nothing
 * and prints, unless -q, exactly one line on stdout:
 *   NAME: n=N ns/op=X
 * It exits 0 only if every iteration succeeded, so a runner that breaks the
 * workload shows up as a failure, not as a fast time.
 */
#ifndef IAMROOT_BENCH_UTIL_H
#define IAMROOT_BENCH_UTIL_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct bench_opts {
	const char *name;
	long n;
	const char *path;
	int quiet;
};

static inline uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static inline void bench_usage(const struct bench_opts *o, FILE *f)
{
	fprintf(f, "usage: %s [-q] [-n N] [-p PATH]\n"
		"  -n N     iterations (default %ld)\n"
		"  -p PATH  path or program the loop uses (default %s)\n"
		"  -q       quiet: print no ns/op line\n",
		o->name, o->n, o->path ? o->path : "none");
}

/* Fills *o from argv; o holds the defaults on entry.  Exits on bad usage. */
static inline void bench_parse(struct bench_opts *o, int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "hn:p:q")) != -1) {
		switch (c) {
		case 'n': {
			char *end;

			errno = 0;
			o->n = strtol(optarg, &end, 10);
			if (errno || *end || o->n <= 0) {
				fprintf(stderr, "%s: bad -n '%s'\n", o->name, optarg);
				exit(2);
			}
			break;
		}
		case 'p':
			o->path = optarg;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'h':
			bench_usage(o, stdout);
			exit(0);
		default:
			bench_usage(o, stderr);
			exit(2);
		}
	}
	if (optind != argc) {
		bench_usage(o, stderr);
		exit(2);
	}
}

static inline void bench_report(const struct bench_opts *o, uint64_t t0, uint64_t t1)
{
	if (!o->quiet)
		printf("%s: n=%ld ns/op=%.1f\n", o->name, o->n,
		       (double)(t1 - t0) / (double)o->n);
}

#endif
