/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include "log.h"
#include "spawn.h"

#define PTRACE_OPTIONS (PTRACE_O_TRACESECCOMP | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | \
			PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL | \
			PTRACE_O_TRACESYSGOOD)

/* The child: wait until seized, load the filter, exec.  Its only output is
 * one line on stderr when it cannot. */
static __attribute__((noreturn)) void child(const struct spawn_args *a, int go_fd)
{
	char go;
	int r;

	if (read(go_fd, &go, 1) != 1)
		_exit(125);	/* the parent failed and said why */
	close(go_fd);
	if (a->host_cwd && chdir(a->host_cwd) < 0) {
		log_error("cannot change directory to %s: %s", a->host_cwd, strerror(errno));
		_exit(125);
	}
	r = filter_load(a->filter);
	if (r < 0) {
		log_error("cannot install the seccomp filter: %s", strerror(-r));
		_exit(125);
	}
	execvp(a->argv[0], a->argv);
	r = errno;
	log_error("%s: %s", a->argv[0], strerror(r));
	_exit(r == ENOENT || r == ENOTDIR ? 127 : 126);
}

int spawn_traced(const struct spawn_args *a, pid_t *ret_pid)
{
	int go[2], r = 0;
	pid_t pid;

	if (pipe2(go, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid < 0) {
		r = -errno;
		close(go[0]);
		close(go[1]);
		return r;
	}
	if (pid == 0) {
		close(go[1]);
		child(a, go[0]);
	}
	close(go[0]);
	if (ptrace(PTRACE_SEIZE, pid, 0, PTRACE_OPTIONS) < 0) {
		r = -errno;
		log_error("cannot trace the command: ptrace(PTRACE_SEIZE): %s", strerror(errno));
		close(go[1]);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return r;
	}
	if (write(go[1], "g", 1) != 1)
		r = -errno;
	close(go[1]);
	if (r < 0)
		return r;
	*ret_pid = pid;
	return 0;
}
