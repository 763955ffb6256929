/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ptrace-floor: the bare cost, on this machine, of the round trip that every
 * trapped syscall pays under a seccomp + ptrace supervisor.  No supervisor
 * can make a trapped syscall cheaper than this; iamroot-run's numbers are
 * read against it.
 *
 * A child runs N x stat(PATH) (newfstatat on glibc) in one of these modes:
 *
 *   native  no tracer, no filter: what the syscall itself costs;
 *   a       the child is PTRACE_SEIZEd (TRACESECCOMP | EXITKILL), then sets
 *           NO_NEW_PRIVS and loads a libseccomp filter that allows everything
 *           but stat/newfstatat/statx, which return SCMP_ACT_TRACE; the tracer
 *           does waitpid + PTRACE_CONT and nothing else;
 *   b       as (a), and at each stop the tracer also does
 *           PTRACE_GET_SYSCALL_INFO and one process_vm_readv of the path:
 *           the floor of a tracer that must look at the path.
 *
 * The child times its own loop (vDSO clock, no syscall), so process start-up
 * and tracer set-up are not counted.  One line per mode on stdout:
 *
 *   ptrace-floor: mode=a n=N ns/op=X stops=K cpu=any
 *
 * Exit status is non-zero if a mode failed or trapped fewer stats than it
 * ran (a libc that used another syscall would make the numbers meaningless).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef PTRACE_GET_SYSCALL_INFO
#define PTRACE_GET_SYSCALL_INFO 0x420e
#endif
#ifndef PTRACE_EVENT_STOP
#define PTRACE_EVENT_STOP 128
#endif
#define FLOOR_SYSCALL_INFO_SECCOMP 3

/* Layout of the kernel's struct ptrace_syscall_info (linux/ptrace.h, 5.3),
 * declared here because <linux/ptrace.h> clashes with <sys/ptrace.h>. */
struct floor_syscall_info {
	uint8_t op;
	uint8_t pad[3];
	uint32_t arch;
	uint64_t instruction_pointer;
	uint64_t stack_pointer;
	union {
		struct {
			uint64_t nr;
			uint64_t args[6];
		} entry;
		struct {
			int64_t rval;
			uint8_t is_error;
		} exit;
		struct {
			uint64_t nr;
			uint64_t args[6];
			uint32_t ret_data;
		} seccomp;
	};
};

enum mode { MODE_NATIVE, MODE_A, MODE_B };

static const struct {
	const char *name;
	const char *what;
} modes[] = {
	[MODE_NATIVE] = { "native", "stat, no tracer, no filter" },
	[MODE_A] = { "a", "RET_TRACE stop + waitpid + PTRACE_CONT" },
	[MODE_B] = { "b", "(a) + PTRACE_GET_SYSCALL_INFO + process_vm_readv of the path" },
};

/* The syscalls stat() may use; whichever this libc picks is trapped. */
static const char *const trapped[] = { "stat", "newfstatat", "statx" };

struct opts {
	long n;
	const char *path;
	int cpu; /* -1: no pinning */
	int verbose;
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: ptrace-floor [-v] [-n N] [-p PATH] [-c CPU] [-m MODE[,MODE...]]\n"
		"  -n N     stat calls per mode (default 100000)\n"
		"  -p PATH  path to stat (default /etc/passwd)\n"
		"  -c CPU   pin tracer and tracee to this CPU (default: no pinning)\n"
		"  -m MODES comma-separated, from: native, a, b (default native,a,b)\n"
		"  -v       describe each mode beside its number\n"
		"modes:\n");
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		fprintf(f, "  %-7s  %s\n", modes[i].name, modes[i].what);
}

/* In the child, before it is traced: the filter, not yet loaded. */
static scmp_filter_ctx build_filter(void)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	int added = 0;

	if (!ctx)
		return NULL;
	for (size_t i = 0; i < sizeof(trapped) / sizeof(trapped[0]); i++) {
		int nr = seccomp_syscall_resolve_name(trapped[i]);

		if (nr == __NR_SCMP_ERROR || nr < 0)
			continue; /* not on this ABI */
		if (seccomp_rule_add(ctx, SCMP_ACT_TRACE(1), nr, 0) == 0)
			added++;
	}
	if (!added) {
		seccomp_release(ctx);
		return NULL;
	}
	return ctx;
}

/* Runs in the child: wait until seized, load the filter, time the loop and
 * send ns/op to the parent.  Never returns. */
static void child(const struct opts *o, enum mode m, int sync_fd, int result_fd)
{
	scmp_filter_ctx ctx = NULL;
	struct stat st;
	char c;
	long warm = o->n / 10 < 100 ? o->n / 10 : 100;
	double ns;
	uint64_t t0, t1;

	if (m != MODE_NATIVE) {
		ctx = build_filter();
		if (!ctx) {
			fprintf(stderr, "ptrace-floor: cannot build the seccomp filter\n");
			_exit(1);
		}
	}
	if (read(sync_fd, &c, 1) != 1)
		_exit(1); /* the parent went away, or failed to seize us */
	close(sync_fd);
	if (ctx) {
		int r;

		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
			fprintf(stderr, "ptrace-floor: NO_NEW_PRIVS: %s\n", strerror(errno));
			_exit(1);
		}
		r = seccomp_load(ctx);
		if (r < 0) {
			fprintf(stderr, "ptrace-floor: seccomp_load: %s\n", strerror(-r));
			_exit(1);
		}
		seccomp_release(ctx);
	}
	for (long i = 0; i < warm; i++)
		(void)stat(o->path, &st);
	t0 = now_ns();
	for (long i = 0; i < o->n; i++) {
		if (stat(o->path, &st) != 0) {
			fprintf(stderr, "ptrace-floor: stat %s: %s\n", o->path, strerror(errno));
			_exit(1);
		}
	}
	t1 = now_ns();
	ns = (double)(t1 - t0) / (double)o->n;
	if (write(result_fd, &ns, sizeof(ns)) != (ssize_t)sizeof(ns))
		_exit(1);
	_exit(0);
}

/* Reads the NUL-terminated string at addr in pid, one process_vm_readv per
 * page touched (one in practice).  0 or a negative errno. */
static int read_path(pid_t pid, uint64_t addr, char *buf, size_t size)
{
	static size_t page;
	size_t got = 0;

	if (!page)
		page = (size_t)sysconf(_SC_PAGESIZE);
	while (got + 1 < size) {
		size_t chunk = page - (size_t)((addr + got) & (page - 1));
		struct iovec local, remote;
		ssize_t n;

		if (chunk > size - 1 - got)
			chunk = size - 1 - got;
		local.iov_base = buf + got;
		local.iov_len = chunk;
		remote.iov_base = (void *)(uintptr_t)(addr + got);
		remote.iov_len = chunk;
		n = process_vm_readv(pid, &local, 1, &remote, 1, 0);
		if (n <= 0)
			return n < 0 ? -errno : -EFAULT;
		if (memchr(buf + got, '\0', (size_t)n))
			return 0;
		got += (size_t)n;
	}
	buf[size - 1] = '\0';
	return -ENAMETOOLONG;
}

/* Which argument holds the path: stat(path, ...) or *at(dirfd, path, ...). */
static uint64_t path_arg(const struct floor_syscall_info *info)
{
#ifdef __NR_stat
	if (info->seccomp.nr == __NR_stat)
		return info->seccomp.args[0];
#endif
	return info->seccomp.args[1];
}

/* Runs one mode; prints its line.  0 on success. */
static int run_mode(const struct opts *o, enum mode m)
{
	int sync_pipe[2], result_pipe[2];
	long stops = 0, bad_paths = 0;
	int status, ret = 0;
	double ns = 0;
	pid_t pid;

	if (pipe2(sync_pipe, O_CLOEXEC) != 0 || pipe2(result_pipe, O_CLOEXEC) != 0) {
		perror("ptrace-floor: pipe");
		return -1;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		perror("ptrace-floor: fork");
		return -1;
	}
	if (pid == 0) {
		close(sync_pipe[1]);
		close(result_pipe[0]);
		child(o, m, sync_pipe[0], result_pipe[1]);
	}
	close(sync_pipe[0]);
	close(result_pipe[1]);

	if (m != MODE_NATIVE &&
	    ptrace(PTRACE_SEIZE, pid, 0L,
		   (long)(PTRACE_O_TRACESECCOMP | PTRACE_O_EXITKILL)) != 0) {
		fprintf(stderr, "ptrace-floor: PTRACE_SEIZE: %s\n", strerror(errno));
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		close(sync_pipe[1]);
		close(result_pipe[0]);
		return -1;
	}
	if (write(sync_pipe[1], "g", 1) != 1)
		ret = -1;
	close(sync_pipe[1]);

	for (;;) {
		if (waitpid(pid, &status, __WALL) != pid) {
			if (errno == EINTR)
				continue;
			perror("ptrace-floor: waitpid");
			return -1;
		}
		if (WIFEXITED(status) || WIFSIGNALED(status))
			break;
		if (!WIFSTOPPED(status))
			continue;
		if (status >> 8 == (SIGTRAP | (PTRACE_EVENT_SECCOMP << 8))) {
			stops++;
			if (m == MODE_B) {
				struct floor_syscall_info info;
				char path[PATH_MAX];

				if (ptrace(PTRACE_GET_SYSCALL_INFO, pid,
					   (void *)sizeof(info), &info) <= 0 ||
				    info.op != FLOOR_SYSCALL_INFO_SECCOMP ||
				    read_path(pid, path_arg(&info), path, sizeof(path)) != 0 ||
				    strcmp(path, o->path) != 0)
					bad_paths++;
			}
			ptrace(PTRACE_CONT, pid, 0L, 0L);
		} else if (status >> 16 == PTRACE_EVENT_STOP) {
			ptrace(PTRACE_CONT, pid, 0L, 0L); /* group-stop: resume */
		} else {
			/* signal-delivery-stop: deliver it */
			ptrace(PTRACE_CONT, pid, 0L, (long)WSTOPSIG(status));
		}
	}
	if (read(result_pipe[0], &ns, sizeof(ns)) != (ssize_t)sizeof(ns))
		ret = -1;
	close(result_pipe[0]);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "ptrace-floor: mode %s: child failed (status 0x%x)\n",
			modes[m].name, status);
		return -1;
	}
	if (ret)
		return ret;
	if (m != MODE_NATIVE && stops < o->n) {
		fprintf(stderr, "ptrace-floor: mode %s: %ld stops for %ld stats: "
			"the filter does not trap this libc's stat\n",
			modes[m].name, stops, o->n);
		ret = -1;
	}
	if (bad_paths) {
		fprintf(stderr, "ptrace-floor: mode %s: %ld stops where the path "
			"could not be read back\n", modes[m].name, bad_paths);
		ret = -1;
	}

	printf("ptrace-floor: mode=%s n=%ld ns/op=%.1f", modes[m].name, o->n, ns);
	if (m != MODE_NATIVE)
		printf(" stops=%ld", stops);
	if (o->cpu >= 0)
		printf(" cpu=%d", o->cpu);
	else
		printf(" cpu=any");
	if (o->verbose)
		printf("  # %s", modes[m].what);
	printf("\n");
	fflush(stdout);
	return ret;
}

int main(int argc, char **argv)
{
	struct opts o = { .n = 100000, .path = "/etc/passwd", .cpu = -1 };
	enum mode todo[8];
	size_t ntodo = 0;
	const char *mode_list = "native,a,b";
	int c, failed = 0;

	while ((c = getopt(argc, argv, "hvn:p:c:m:")) != -1) {
		char *end;

		switch (c) {
		case 'n':
			errno = 0;
			o.n = strtol(optarg, &end, 10);
			if (errno || *end || o.n <= 0) {
				fprintf(stderr, "ptrace-floor: bad -n '%s'\n", optarg);
				return 2;
			}
			break;
		case 'p':
			o.path = optarg;
			break;
		case 'c':
			errno = 0;
			o.cpu = (int)strtol(optarg, &end, 10);
			if (errno || *end || o.cpu < 0 || o.cpu >= CPU_SETSIZE) {
				fprintf(stderr, "ptrace-floor: bad -c '%s'\n", optarg);
				return 2;
			}
			break;
		case 'm':
			mode_list = optarg;
			break;
		case 'v':
			o.verbose = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}

	/* Parse the mode list. */
	char *list = strdup(mode_list), *save = NULL;

	if (!list)
		return 1;
	for (char *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		size_t i;

		for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
			if (strcmp(tok, modes[i].name) == 0)
				break;
		if (i == sizeof(modes) / sizeof(modes[0]) ||
		    ntodo == sizeof(todo) / sizeof(todo[0])) {
			fprintf(stderr, "ptrace-floor: unknown or too many modes: '%s'\n", tok);
			free(list);
			return 2;
		}
		todo[ntodo++] = (enum mode)i;
	}
	free(list);

	if (o.cpu >= 0) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(o.cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set) != 0) {
			fprintf(stderr, "ptrace-floor: pin to CPU %d: %s\n", o.cpu, strerror(errno));
			return 1;
		}
	}

	for (size_t i = 0; i < ntodo; i++)
		if (run_mode(&o, todo[i]) != 0)
			failed = 1;
	return failed;
}
