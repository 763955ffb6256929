/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * N x (fork + execve PROG + wait).  PROG defaults to bench-true, the small
 * static program built beside this one (found through /proc/self/exe).
 */
#include "bench-util.h"

#include <limits.h>
#include <sys/wait.h>

extern char **environ;

int main(int argc, char **argv)
{
	struct bench_opts o = { .name = "loop-forkexec", .n = 1000 };
	char self[PATH_MAX], prog[PATH_MAX + 16];
	uint64_t t0, t1;

	/* Default PROG: bench-true in the directory of this executable. */
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (len > 0) {
		char *slash;

		self[len] = '\0';
		slash = strrchr(self, '/');
		if (slash)
			*slash = '\0';
		snprintf(prog, sizeof(prog), "%s/bench-true", self);
		o.path = prog;
	}
	bench_parse(&o, argc, argv);
	if (!o.path) {
		fprintf(stderr, "%s: cannot find bench-true, give -p PROG\n", o.name);
		return 2;
	}

	char *child_argv[] = { (char *)o.path, NULL };

	t0 = bench_now_ns();
	for (long i = 0; i < o.n; i++) {
		int status;
		pid_t pid = fork();

		if (pid < 0) {
			fprintf(stderr, "%s: fork: %s\n", o.name, strerror(errno));
			return 1;
		}
		if (pid == 0) {
			execve(o.path, child_argv, environ);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) != pid) {
			fprintf(stderr, "%s: waitpid: %s\n", o.name, strerror(errno));
			return 1;
		}
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "%s: %s did not exit 0 (status 0x%x)\n",
				o.name, o.path, status);
			return 1;
		}
	}
	t1 = bench_now_ns();
	bench_report(&o, t0, t1);
	return 0;
}
