/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * chownloop DIR K [files]: make K objects in DIR (n0 ... n<K-1>: a fifo, a
 * symlink and a regular file in turn, so that both the fallback log and the
 * xattrs are written; only regular files with "files"), write its pid to
 * DIR/pid, then for i = 1, 2, ... forever: lchown(n<i % K>, 100000 + i,
 * 200000 + i) and, once that returned 0, write "i\n" to standard output
 * with one write(2).  Any failure ends it with a message on standard error
 * and status 1.  Made to be SIGKILLed (or its tracer) at a random moment:
 * every i printed must be in the store.
 *
 * chownloop --watch PATH SECONDS: lstat PATH in a loop for SECONDS while
 * another process runs the loop above on it, and print how many owners
 * seen were mixed: a uid of one lchown with the gid of another (an lchown
 * is atomic: real root never sees one).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int watch(const char *path, double seconds)
{
	struct timespec t0, t;
	long samples = 0, mixed = 0;
	char first[64] = "";

	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		struct stat st;

		for (int j = 0; j < 100; j++) {
			if (lstat(path, &st) < 0) {
				fprintf(stderr, "chownloop: lstat %s: %m\n", path);
				return 1;
			}
			samples++;
			if (!(st.st_uid == 0 && st.st_gid == 0) &&
			    (long)st.st_uid - 100000 != (long)st.st_gid - 200000) {
				if (!mixed++)
					snprintf(first, sizeof(first), " (first %u:%u)",
						 (unsigned)st.st_uid, (unsigned)st.st_gid);
			}
		}
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while ((double)(t.tv_sec - t0.tv_sec) + (t.tv_nsec - t0.tv_nsec) / 1e9 < seconds);
	printf("%ld samples\nmixed owners seen: %ld%s\n", samples, mixed, first);
	return 0;
}

int main(int argc, char **argv)
{
	char path[4096], line[32];
	long k, i;
	int fd;

	if (argc == 4 && !strcmp(argv[1], "--watch"))
		return watch(argv[2], strtod(argv[3], NULL));
	if (argc < 3 || argc > 4 || (k = strtol(argv[2], NULL, 10)) <= 0 ||
	    (argc == 4 && strcmp(argv[3], "files"))) {
		fprintf(stderr, "usage: chownloop DIR K [files] | --watch PATH SECONDS\n");
		return 2;
	}
	for (i = 0; i < k; i++) {
		snprintf(path, sizeof(path), "%s/n%ld", argv[1], i);
		switch (argc == 4 ? 2 : i % 3) {
		case 0: fd = mkfifo(path, 0644); break;
		case 1: fd = symlink("target", path); break;
		default:
			fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
			if (fd >= 0)
				fd = close(fd);
		}
		if (fd < 0) {
			fprintf(stderr, "chownloop: making %s: %m\n", path);
			return 1;
		}
	}
	snprintf(path, sizeof(path), "%s/pid", argv[1]);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || dprintf(fd, "%d\n", (int)getpid()) < 0 || close(fd) < 0) {
		fprintf(stderr, "chownloop: writing %s: %m\n", path);
		return 1;
	}
	for (i = 1;; i++) {
		int n;

		snprintf(path, sizeof(path), "%s/n%ld", argv[1], i % k);
		if (lchown(path, (uid_t)(100000 + i), (gid_t)(200000 + i)) < 0) {
			fprintf(stderr, "chownloop: lchown %s (i=%ld): %m\n", path, i);
			return 1;
		}
		n = snprintf(line, sizeof(line), "%ld\n", i);
		if (write(1, line, (size_t)n) != n) {
			fprintf(stderr, "chownloop: write (i=%ld): %m\n", i);
			return 1;
		}
	}
}
