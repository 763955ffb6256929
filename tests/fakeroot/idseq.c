/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * idseq OP...: run a sequence of identity and file operations and print,
 * for each, its result and then the credentials, so that a run under
 * iamroot-run can be compared line for line with the same run as real root.
 *
 * Operations (ids are decimal, -1 allowed; lists are comma-separated):
 *   ids                       print the credentials
 *   setuid=U seteuid=U setreuid=R,E setresuid=R,E,S setfsuid=U
 *   setgid=G setegid=G setregid=R,E setresgid=R,E,S setfsgid=G
 *   setgroups=G,G,...         (setgroups= for none)
 *   keepcaps=0|1              prctl(PR_SET_KEEPCAPS)
 *   chown=PATH,U,G lchown=PATH,U,G
 *   chmod=PATH,OCTAL
 *   create=PATH               open(O_CREAT|O_EXCL, 0666), fstat printed
 *   create2=PATH,OCTAL        the same by openat2 with that mode
 *   tmpfile=DIR,NAME          open(DIR, O_TMPFILE, 0640), linked as NAME
 *                             through /proc/self/fd, fstat printed
 *   mkdir=PATH                mkdir(0777), stat printed
 *   stat=PATH                 lstat: uid gid mode(octal, with type)
 *   access=PATH  eaccess=PATH access() / faccessat(AT_EACCESS) for
 *                             F_OK, R_OK, W_OK, X_OK, R|W, R|W|X
 *   exec                      execv(argv[0]) with the remaining operations
 *   fork                      the remaining operations in a child, waited for
 *
 * Every result is "ok" or the errno's name.  Capabilities are shown masked
 * with the capabilities a container's root usually keeps (Docker's default
 * set), so that the oracle does not depend on the bounding set of the
 * machine that runs the suite.  Exit status 0, or 2 for a bad operation.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define CAPS_SHOWN ((1ull << CAP_CHOWN) | (1ull << CAP_DAC_OVERRIDE) | (1ull << CAP_FOWNER) | \
		    (1ull << CAP_FSETID) | (1ull << CAP_KILL) | (1ull << CAP_SETGID) | \
		    (1ull << CAP_SETUID) | (1ull << CAP_SETPCAP) | \
		    (1ull << CAP_NET_BIND_SERVICE) | (1ull << CAP_NET_RAW) | \
		    (1ull << CAP_SYS_CHROOT) | (1ull << CAP_MKNOD) | (1ull << CAP_AUDIT_WRITE) | \
		    (1ull << CAP_SETFCAP))

static const char *res(int r)
{
	static char buf[64];

	if (r >= 0)
		return "ok";
	snprintf(buf, sizeof(buf), "%s", strerrorname_np(errno) ? strerrorname_np(errno) : "E?");
	return buf;
}

static void print_ids(void)
{
	uid_t ru, eu, su;
	gid_t rg, eg, sg, groups[64];
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2] = {};
	unsigned long long eff, perm;
	int n, i;

	getresuid(&ru, &eu, &su);
	getresgid(&rg, &eg, &sg);
	printf("  uid %d %d %d fs %d  gid %d %d %d fs %d  groups", (int)ru, (int)eu, (int)su,
	       setfsuid(-1), (int)rg, (int)eg, (int)sg, setfsgid(-1));
	n = getgroups(64, groups);
	for (i = 0; i < n; i++)
		printf("%c%d", i ? ',' : ' ', (int)groups[i]);
	if (n <= 0)
		printf(" -");
	if (syscall(SYS_capget, &h, d) < 0) {
		printf("  capget %s\n", res(-1));
		return;
	}
	eff = d[0].effective | (unsigned long long)d[1].effective << 32;
	perm = d[0].permitted | (unsigned long long)d[1].permitted << 32;
	printf("  caps eff %llx perm %llx\n", eff & CAPS_SHOWN, perm & CAPS_SHOWN);
}

static void print_stat(const struct stat *st)
{
	printf("  %d %d %o\n", (int)st->st_uid, (int)st->st_gid, (unsigned)st->st_mode);
}

/* The result of an open that makes a file, and the file's fstat. */
static void print_opened(int fd)
{
	struct stat st;

	printf(" %s", res(fd));
	if (fd >= 0 && fstat(fd, &st) == 0)
		print_stat(&st);
	else
		printf("\n");
	if (fd >= 0)
		close(fd);
}

/* Up to 3 comma-separated integers after the path (or none). */
static int nums(char *s, long v[3])
{
	int n = 0;
	char *tok;

	while (n < 3 && (tok = strsep(&s, ",")))
		v[n++] = strtol(tok, NULL, 0);
	return n;
}

static void do_access(const char *path, int flags)
{
	static const struct { int mode; const char *name; } modes[] = {
		{ F_OK, "F" }, { R_OK, "R" }, { W_OK, "W" }, { X_OK, "X" },
		{ R_OK | W_OK, "RW" }, { R_OK | W_OK | X_OK, "RWX" },
	};

	for (unsigned i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		printf(" %s:%s", modes[i].name,
		       res(faccessat(AT_FDCWD, path, modes[i].mode, flags)));
	printf("\n");
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 1; i < argc; i++) {
		char *op = argv[i], *arg = strchr(op, '='), *path;
		long v[3] = { -1, -1, -1 };
		struct stat st;
		int r;

		if (arg)
			*arg++ = '\0';
		if (!strcmp(op, "exec")) {
			fflush(stdout);
			argv[i] = argv[0];
			execv(argv[0], argv + i);
			printf("exec: %s\n", res(-1));
			return 2;
		}
		if (!strcmp(op, "fork")) {
			pid_t pid;
			int status;

			fflush(stdout);
			pid = fork();
			if (pid == 0)
				continue;	/* the child does the rest */
			waitpid(pid, &status, 0);
			printf("fork: child exited %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
			return 0;
		}
		printf("%s%s%s:", op, arg ? "=" : "", arg ? arg : "");
		if (!strcmp(op, "ids")) {
			printf("\n");
			print_ids();
			continue;
		}
		if (!arg) {
			printf(" needs an argument\n");
			return 2;
		}
		if (!strncmp(op, "set", 3) || !strcmp(op, "keepcaps")) {
			if (!strcmp(op, "setgroups")) {
				gid_t g[64];
				int n = 0;
				char *tok;

				while (n < 64 && (tok = strsep(&arg, ",")))
					if (*tok)
						g[n++] = (gid_t)strtol(tok, NULL, 0);
				r = setgroups(n, g);
			} else {
				nums(arg, v);
				if (!strcmp(op, "setuid")) r = setuid(v[0]);
				else if (!strcmp(op, "seteuid")) r = seteuid(v[0]);
				else if (!strcmp(op, "setreuid")) r = setreuid(v[0], v[1]);
				else if (!strcmp(op, "setresuid")) r = setresuid(v[0], v[1], v[2]);
				else if (!strcmp(op, "setfsuid")) { printf(" old %d", setfsuid(v[0])); r = 0; }
				else if (!strcmp(op, "setgid")) r = setgid(v[0]);
				else if (!strcmp(op, "setegid")) r = setegid(v[0]);
				else if (!strcmp(op, "setregid")) r = setregid(v[0], v[1]);
				else if (!strcmp(op, "setresgid")) r = setresgid(v[0], v[1], v[2]);
				else if (!strcmp(op, "setfsgid")) { printf(" old %d", setfsgid(v[0])); r = 0; }
				else if (!strcmp(op, "keepcaps")) r = prctl(PR_SET_KEEPCAPS, v[0], 0, 0, 0);
				else { printf(" unknown\n"); return 2; }
			}
			printf(" %s\n", res(r));
			print_ids();
			continue;
		}
		path = strsep(&arg, ",");
		if (!strcmp(op, "chown") || !strcmp(op, "lchown")) {
			nums(arg, v);
			r = (op[0] == 'l' ? lchown : chown)(path, (uid_t)v[0], (gid_t)v[1]);
			printf(" %s\n", res(r));
		} else if (!strcmp(op, "chmod")) {
			r = chmod(path, (mode_t)strtol(arg ? arg : "0", NULL, 8));
			printf(" %s\n", res(r));
		} else if (!strcmp(op, "create")) {
			print_opened(open(path, O_WRONLY | O_CREAT | O_EXCL, 0666));
		} else if (!strcmp(op, "create2")) {
			struct open_how how = {
				.flags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
				.mode = (uint64_t)strtol(arg ? arg : "0", NULL, 8),
			};

			print_opened((int)syscall(SYS_openat2, AT_FDCWD, path, &how, sizeof(how)));
		} else if (!strcmp(op, "tmpfile")) {
			int fd = open(path, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0640);
			char proc[64];

			snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
			if (fd >= 0 && linkat(AT_FDCWD, proc, AT_FDCWD, arg ? arg : "", AT_SYMLINK_FOLLOW) < 0) {
				close(fd);
				fd = -1;
			}
			print_opened(fd);
		} else if (!strcmp(op, "mkdir")) {
			r = mkdir(path, 0777);
			printf(" %s", res(r));
			if (r == 0 && lstat(path, &st) == 0)
				print_stat(&st);
			else
				printf("\n");
		} else if (!strcmp(op, "stat")) {
			r = lstat(path, &st);
			printf(" %s", res(r));
			if (r == 0)
				print_stat(&st);
			else
				printf("\n");
		} else if (!strcmp(op, "access")) {
			do_access(path, 0);
		} else if (!strcmp(op, "eaccess")) {
			do_access(path, AT_EACCESS);
		} else {
			printf(" unknown\n");
			return 2;
		}
	}
	return 0;
}
