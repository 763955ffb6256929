/* probe: what a program sees of its own exec, for the tests in tests/exec.
 * Built several ways from this one file: dynamic against the host's glibc
 * (probe), static-pie (probe-static-pie), static i386 (probe-32), dynamic
 * against musl (probe-musl) and static (probe-static, the exec tool of the
 * busybox roots).  Everything goes to standard output, unbuffered, so that a
 * transcript under iamroot-run can be compared line by line with the same
 * run under a real chroot.
 *
 *   probe [PREFIX...] ACTION
 *
 * PREFIX:
 *   cd DIR             chdir(DIR) first
 *   setenv NAME=VALUE  putenv
 *   pid                export PROBE_PID=getpid() (checked by show after exec)
 *
 * ACTION:
 *   show [--exe=PATH] [ARGS...]
 *       argc, argv, readlink /proc/self/exe, the ELF header read through
 *       open("/proc/self/exe") and whether that file is PATH (same st_dev and
 *       st_ino), /proc/self/comm, AT_EXECFN, AT_SECURE, how often the
 *       constructor ran, the thread count, whether PROBE_PID is our pid.
 *   maps
 *       "map DEV INODE PATH" for each file mapped (the program, its loader,
 *       its libraries), once each, in the order of /proc/self/maps.
 *   cmdline
 *       /proc/self/cmdline (NULs shown as spaces), and the same file and
 *       /proc/PPID/comm read by a child, as ps would.
 *   cat FILE
 *       FILE's content.
 *   exec FUNC TARGET ARGV0 [ARGS...]
 *       run TARGET with argv ARGV0 ARGS... through FUNC: execv, execvp,
 *       fexecve (open O_RDONLY), fexecve-cloexec (O_RDONLY|O_CLOEXEC),
 *       fexecve-opath (O_PATH), execveat:DIR (dirfd = DIR opened O_PATH),
 *       execveat-nofollow:DIR (the same with AT_SYMLINK_NOFOLLOW), thread
 *       (execv from a second thread while the leader sleeps).  When it
 *       fails: "FUNC TARGET: errno=NAME" and exit status 1.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH 0x1000
#endif
#ifndef SYS_execveat
#if defined(__x86_64__)
#define SYS_execveat 322
#elif defined(__i386__)
#define SYS_execveat 358
#endif
#endif

extern char **environ;
static int ctor_count;

__attribute__((constructor)) static void ctor(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	ctor_count++;
	printf("constructor ran\n");
}

static const char *errname(int e)
{
	static char buf[32];

	switch (e) {
	case ENOEXEC: return "ENOEXEC";
	case ELOOP: return "ELOOP";
	case EACCES: return "EACCES";
	case ENOENT: return "ENOENT";
	case ENOTDIR: return "ENOTDIR";
	case E2BIG: return "E2BIG";
	case ENAMETOOLONG: return "ENAMETOOLONG";
	case EFAULT: return "EFAULT";
	case EPERM: return "EPERM";
	case EINVAL: return "EINVAL";
	case ENOSYS: return "ENOSYS";
	case EBADF: return "EBADF";
	case ETXTBSY: return "ETXTBSY";
	case EISDIR: return "EISDIR";
	}
	snprintf(buf, sizeof(buf), "%d", e);
	return buf;
}

static void read_small(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, size - 1);

	if (n < 0) {
		snprintf(buf, size, "(%s: errno=%s)", path, errname(errno));
	} else {
		buf[n] = '\0';
		if (n && buf[n - 1] == '\n')
			buf[n - 1] = '\0';
	}
	if (fd >= 0)
		close(fd);
}

static void show_elf_header(const char *expect)
{
	unsigned char h[64];
	struct stat st, want;
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	ssize_t n;
	unsigned type, machine;

	if (fd < 0) {
		printf("exe-open: errno=%s\n", errname(errno));
		return;
	}
	n = read(fd, h, sizeof(h));
	if (n < 20 || memcmp(h, ELFMAG, SELFMAG)) {
		printf("exe-open: not an ELF file (%zd bytes read)\n", n);
	} else {
		/* e_type and e_machine are at the same offsets in both classes. */
		type = h[EI_DATA] == ELFDATA2LSB ? h[16] | h[17] << 8 : h[17] | h[16] << 8;
		machine = h[EI_DATA] == ELFDATA2LSB ? h[18] | h[19] << 8 : h[19] | h[18] << 8;
		printf("exe-open: ELF class=%s type=%s machine=%u\n",
		       h[EI_CLASS] == ELFCLASS64 ? "64" : h[EI_CLASS] == ELFCLASS32 ? "32" : "?",
		       type == ET_DYN ? "DYN" : type == ET_EXEC ? "EXEC" : "other", machine);
	}
	if (expect) {
		if (fstat(fd, &st) < 0)
			printf("exe-open: fstat errno=%s\n", errname(errno));
		else if (stat(expect, &want) < 0)
			printf("exe-open is %s: stat errno=%s\n", expect, errname(errno));
		else
			printf("exe-open is %s: %s\n", expect,
			       st.st_dev == want.st_dev && st.st_ino == want.st_ino ? "yes" : "NO");
	}
	close(fd);
}

static int threads(void)
{
	char buf[4096], *p;

	read_small("/proc/self/status", buf, sizeof(buf));
	p = strstr(buf, "\nThreads:");
	return p ? atoi(p + 9) : -1;
}

static int show(int argc, char **argv)
{
	char buf[4096];
	const char *expect = NULL, *execfn, *pid;
	ssize_t n;

	printf("argc=%d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("argv[%d]=%s\n", i, argv[i]);
	for (int i = 1; i < argc; i++)
		if (!strncmp(argv[i], "--exe=", 6))
			expect = argv[i] + 6;
	n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	if (n < 0)
		printf("exe: errno=%s\n", errname(errno));
	else
		printf("exe=%.*s\n", (int)n, buf);
	show_elf_header(expect);
	read_small("/proc/self/comm", buf, sizeof(buf));
	printf("comm=%s\n", buf);
	execfn = (const char *)getauxval(AT_EXECFN);
	printf("execfn=%s\n", execfn ? execfn : "(none)");
	printf("secure=%lu\n", getauxval(AT_SECURE));
	printf("constructor runs=%d\n", ctor_count);
	printf("threads=%d\n", threads());
	pid = getenv("PROBE_PID");
	if (pid)
		printf("pid kept across exec: %s\n", atoi(pid) == getpid() ? "yes" : "NO");
	return 0;
}

static int maps(void)
{
	FILE *f = fopen("/proc/self/maps", "re");
	char line[4096], seen[64][512];
	unsigned nseen = 0;

	if (!f) {
		printf("maps: errno=%s\n", errname(errno));
		return 1;
	}
	while (fgets(line, sizeof(line), f)) {
		char dev[32], path[512];
		unsigned long inode;
		unsigned i;

		path[0] = '\0';
		if (sscanf(line, "%*s %*s %*s %31s %lu %511[^\n]", dev, &inode, path) < 3 || path[0] != '/')
			continue;
		for (i = 0; i < nseen && strcmp(seen[i], path); i++)
			;
		if (i < nseen || nseen == 64)
			continue;
		snprintf(seen[nseen++], sizeof(seen[0]), "%s", path);
		printf("map %s %lu %s\n", dev, inode, path);
	}
	fclose(f);
	return 0;
}

static void print_cmdline(const char *label, const char *path)
{
	char buf[4096];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf));

	if (n < 0) {
		printf("%s: errno=%s\n", label, errname(errno));
	} else {
		for (ssize_t i = 0; i < n; i++)
			if (!buf[i])
				buf[i] = ' ';
		printf("%s=%.*s\n", label, (int)n, buf);
	}
	if (fd >= 0)
		close(fd);
}

static int cmdline(void)
{
	char path[64];
	pid_t pid, parent = getpid();
	int st;

	print_cmdline("cmdline", "/proc/self/cmdline");
	pid = fork();
	if (pid == 0) {
		char comm[64];

		snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)parent);
		print_cmdline("cmdline seen by a child", path);
		snprintf(path, sizeof(path), "/proc/%d/comm", (int)parent);
		read_small(path, comm, sizeof(comm));
		printf("comm seen by a child=%s\n", comm);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	return 0;
}

static int cat(const char *path)
{
	char buf[4096];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0) {
		printf("cat %s: errno=%s\n", path, errname(errno));
		return 1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, (size_t)n, stdout);
	close(fd);
	return 0;
}

static const char *thread_target;
static char **thread_argv;

static void *exec_thread(void *arg)
{
	(void)arg;
	execv(thread_target, thread_argv);
	printf("thread %s: errno=%s\n", thread_target, errname(errno));
	exit(1);
	return NULL;
}

static int do_exec(const char *func, const char *target, char **argv)
{
	int fd = -1, e;

	if (!strcmp(func, "execv")) {
		execv(target, argv);
	} else if (!strcmp(func, "execvp")) {
		execvp(target, argv);
	} else if (!strcmp(func, "fexecve") || !strcmp(func, "fexecve-cloexec") ||
		   !strcmp(func, "fexecve-opath")) {
		int flags = !strcmp(func, "fexecve") ? O_RDONLY
			  : !strcmp(func, "fexecve-cloexec") ? O_RDONLY | O_CLOEXEC : O_PATH;

		fd = open(target, flags);
		if (fd < 0) {
			printf("%s %s: open errno=%s\n", func, target, errname(errno));
			return 1;
		}
		/* fexecve(3) as glibc and musl do it, without their fallback. */
		syscall(SYS_execveat, fd, "", argv, environ, AT_EMPTY_PATH);
	} else if (!strncmp(func, "execveat:", 9) || !strncmp(func, "execveat-nofollow:", 18)) {
		const char *dir = strchr(func, ':') + 1;
		int flags = strncmp(func, "execveat:", 9) ? AT_SYMLINK_NOFOLLOW : 0;

		fd = open(dir, O_PATH | O_DIRECTORY);
		if (fd < 0) {
			printf("%s: open errno=%s\n", func, errname(errno));
			return 1;
		}
		syscall(SYS_execveat, fd, target, argv, environ, flags);
	} else if (!strcmp(func, "thread")) {
		pthread_t t;

		thread_target = target;
		thread_argv = argv;
		if (pthread_create(&t, NULL, exec_thread, NULL)) {
			printf("pthread_create failed\n");
			return 1;
		}
		for (;;)
			pause();
	} else {
		printf("unknown exec function %s\n", func);
		return 2;
	}
	e = errno;
	printf("%s %s: errno=%s\n", func, target, errname(e));
	return 1;
}

int main(int argc, char **argv)
{
	int i = 1;
	char pidbuf[64];

	while (i < argc) {
		if (!strcmp(argv[i], "cd") && i + 1 < argc) {
			if (chdir(argv[i + 1]) < 0) {
				printf("cd %s: errno=%s\n", argv[i + 1], errname(errno));
				return 1;
			}
			i += 2;
		} else if (!strcmp(argv[i], "setenv") && i + 1 < argc) {
			putenv(argv[i + 1]);
			i += 2;
		} else if (!strcmp(argv[i], "pid")) {
			snprintf(pidbuf, sizeof(pidbuf), "PROBE_PID=%d", (int)getpid());
			putenv(pidbuf);
			i++;
		} else {
			break;
		}
	}
	if (i >= argc || !strcmp(argv[i], "show"))
		return show(argc, argv);
	if (!strcmp(argv[i], "maps"))
		return maps();
	if (!strcmp(argv[i], "cmdline"))
		return cmdline();
	if (!strcmp(argv[i], "cat") && i + 1 < argc)
		return cat(argv[i + 1]);
	if (!strcmp(argv[i], "exec") && i + 3 < argc)
		return do_exec(argv[i + 1], argv[i + 2], argv + i + 3);
	printf("usage: probe [cd DIR|setenv N=V|pid]... show|maps|cmdline|cat FILE|exec FUNC TARGET ARGV0 [ARGS...]\n");
	return 2;
}
