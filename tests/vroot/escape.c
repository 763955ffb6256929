/* escape MODE CANARY [ARG]: one family of attempts to reach CANARY, a file
 * outside the guest root (at its host path), from inside it.  Every attempt
 * prints one line; a successful read prints the bytes read, so the caller
 * only has to look for the canary's secret in the transcript and check the
 * file is unchanged.  Lines starting with "control" are attempts on guest
 * files that must work: they show the mechanism was exercised at all.
 *
 * The caller (tests/vroot/escape-*.sh) lays out, with W the canary's
 * directory and the guest root at W/root:
 *   W/canary                "#!/bin/cat\nSECRET-...\n", mode 0755
 *   ROOT/etc/vroot-marker   "guest-root-marker"
 *   ROOT/etc/guest-script   "#!/bin/cat\nGUEST-SCRIPT\n", mode 0755
 *   ROOT<W>/canary          "#!/bin/cat\nDECOY\n", mode 0755: what the
 *                           canary's host path names inside the root
 *   ROOT/escape             this program
 * so "/../canary" and "../canary" (from /) name the canary when `..` is not
 * clamped at the root, and the host path names it when absolute paths are
 * not translated. */
#include "vroot-prog.h"

#include <dirent.h>
#include <linux/io_uring.h>
#include <linux/openat2.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <time.h>

static const char *host;	/* the canary's host path */
static char hostdir[4096];	/* its directory */
static char deep[8192];		/* "/../../..(x12)" + host */
static char up_canary[] = "/../canary";

static void attempt_write(const char *label, int dirfd, const char *path, int flags)
{
	int fd = openat(dirfd, path, O_WRONLY | O_APPEND | O_CLOEXEC | flags);

	if (fd < 0) {
		say("%s: %s", label, ename(errno));
		return;
	}
	if (write(fd, "PWNED\n", 6) == 6)
		say("%s: ok WROTE", label);
	else
		say("%s: open ok, write %s", label, ename(errno));
	close(fd);
}

/* read + write attempts on one name */
static void attempt(const char *what, int dirfd, const char *path)
{
	char l[8400];

	snprintf(l, sizeof(l), "open %s", what);
	open_read(l, dirfd, path, 0);
	snprintf(l, sizeof(l), "open-write %s", what);
	attempt_write(l, dirfd, path, 0);
}

/* Every change of the canary that leaves it in place: the caller compares
 * content, size, mode and times. */
static void attempt_meta(const char *what, int dirfd, const char *path)
{
	struct timespec ts[2] = { { 1, 0 }, { 1, 0 } };
	char l[8400];

	if (dirfd == AT_FDCWD) {
		snprintf(l, sizeof(l), "truncate %s", what);
		res(l, truncate(path, 1));
		snprintf(l, sizeof(l), "setxattr %s", what);
		res(l, setxattr(path, "user.pwned", "1", 1, 0));
	}
	snprintf(l, sizeof(l), "fchmodat %s", what);
	res(l, fchmodat(dirfd, path, 0600, 0));
	snprintf(l, sizeof(l), "utimensat %s", what);
	res(l, utimensat(dirfd, path, ts, 0));
}

static void run_child_exec(const char *label, void (*fn)(const void *), const void *arg)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		fn(arg);
		say("%s: %s", label, ename(errno));
		_exit(127);
	}
	waitpid(pid, &status, 0);
	if (WIFSIGNALED(status))
		say("%s: killed by signal %d", label, WTERMSIG(status));
	else if (WEXITSTATUS(status) != 127)
		say("%s: exit %d", label, WEXITSTATUS(status));
}

/* ---- openat2 ---- */

static long openat2(int dirfd, const char *path, int flags, unsigned long long resolve)
{
	struct open_how how = { .flags = (unsigned long long)flags | O_CLOEXEC, .resolve = resolve };
	return syscall(SYS_openat2, dirfd, path, &how, sizeof(how));
}

static void mode_openat2(void)
{
	static const struct { unsigned long long r; const char *name; } res_flags[] = {
		{ 0, "0" },
		{ RESOLVE_IN_ROOT, "IN_ROOT" },
		{ RESOLVE_BENEATH, "BENEATH" },
		{ RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS, "NO_SYMLINKS|NO_MAGICLINKS" },
		{ RESOLVE_NO_XDEV, "NO_XDEV" },
	};
	const char *paths[] = { up_canary, deep, host, "../canary" };
	int rootfd = open("/", O_RDONLY | O_DIRECTORY);
	char l[9000];

	res("control open / O_DIRECTORY", rootfd);
	fd_content("control openat2 AT_FDCWD /etc/vroot-marker 0",
		   openat2(AT_FDCWD, "/etc/vroot-marker", O_RDONLY, 0));
	fd_content("control openat2 rootfd etc/vroot-marker IN_ROOT",
		   openat2(rootfd, "etc/vroot-marker", O_RDONLY, RESOLVE_IN_ROOT));
	fd_content("control openat2 rootfd /etc/vroot-marker IN_ROOT",
		   openat2(rootfd, "/etc/vroot-marker", O_RDONLY, RESOLVE_IN_ROOT));
	fd_content("control openat2 AT_FDCWD <host path> 0 (the decoy)",
		   openat2(AT_FDCWD, host, O_RDONLY, 0));
	for (unsigned i = 0; i < sizeof(res_flags) / sizeof(res_flags[0]); i++)
		for (unsigned j = 0; j < sizeof(paths) / sizeof(paths[0]); j++)
			for (int d = 0; d < 2; d++) {
				int dirfd = d ? rootfd : AT_FDCWD;
				long fd;

				snprintf(l, sizeof(l), "openat2 %s %s %s", d ? "rootfd" : "AT_FDCWD",
					 paths[j] == deep ? "/../..(x12)<host path>" :
					 paths[j] == host ? "<host path>" : paths[j], res_flags[i].name);
				fd_content(l, openat2(dirfd, paths[j], O_RDONLY, res_flags[i].r));
				strcat(l, " O_WRONLY|O_APPEND");
				fd = openat2(dirfd, paths[j], O_WRONLY | O_APPEND, res_flags[i].r);
				if (fd < 0)
					say("%s: %s", l, ename(errno));
				else {
					say("%s: ok %s", l, write(fd, "PWNED\n", 6) == 6 ? "WROTE" : "write failed");
					close(fd);
				}
			}
	fd_content("openat2 AT_FDCWD /../canary O_WRONLY|O_TRUNC",
		   openat2(AT_FDCWD, up_canary, O_WRONLY | O_TRUNC, 0));
	fd_content("openat2 AT_FDCWD ../canary O_WRONLY|O_TRUNC",
		   openat2(AT_FDCWD, "../canary", O_WRONLY | O_TRUNC, 0));
}

/* ---- execve / execveat ---- */

static char *const probe_argv[] = { "escape", "probe", NULL };
static char *const cat_argv[] = { "x", NULL };
static int exec_dirfd;

static void ex_execve(const void *p) { execve(p, cat_argv, environ); }
static void ex_execveat(const void *p) { syscall(SYS_execveat, AT_FDCWD, p, cat_argv, environ, 0); }
static void ex_execveat_root(const void *p) { syscall(SYS_execveat, exec_dirfd, p, cat_argv, environ, 0); }
static void ex_empty_path(const void *p)
{
	int fd = open(p, O_PATH | O_CLOEXEC);
	if (fd >= 0)
		syscall(SYS_execveat, fd, "", strcmp(p, "/escape") ? cat_argv : probe_argv,
			environ, AT_EMPTY_PATH);
}

static void mode_execveat(void)
{
	const char *paths[] = { host, up_canary, deep, "../canary" };
	char l[9000];

	exec_dirfd = open("/", O_RDONLY | O_DIRECTORY);
	run_child_exec("control execve /etc/guest-script", ex_execve, "/etc/guest-script");
	run_child_exec("control execveat rootfd etc/guest-script", ex_execveat_root, "etc/guest-script");
	run_child_exec("control execveat fd-of-/escape AT_EMPTY_PATH", ex_empty_path, "/escape");
	run_child_exec("control execve <host path> (the decoy)", ex_execve, host);
	for (unsigned j = 0; j < sizeof(paths) / sizeof(paths[0]); j++) {
		const char *name = paths[j] == deep ? "/../..(x12)<host path>" :
				   paths[j] == host ? "<host path>" : paths[j];
		snprintf(l, sizeof(l), "execve %s", name);
		run_child_exec(l, ex_execve, paths[j]);
		snprintf(l, sizeof(l), "execveat AT_FDCWD %s", name);
		run_child_exec(l, ex_execveat, paths[j]);
		snprintf(l, sizeof(l), "execveat rootfd %s", name);
		run_child_exec(l, ex_execveat_root, paths[j]);
		snprintf(l, sizeof(l), "execveat O_PATH-fd-of(%s) AT_EMPTY_PATH", name);
		run_child_exec(l, ex_empty_path, paths[j]);
	}
}

/* ---- raw system calls: x86_64 syscall, i386 int $0x80, x32 ---- */

#if defined(__x86_64__)
static long int80(long nr, long a, long b, long c)
{
	long ret;
	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(a), "c"(b), "d"(c)
			 : "memory", "r8", "r9", "r10", "r11");
	return ret;
}

static void i386_open_read(const char *label, const char *path, int dirfd_at)
{
	/* arguments must be 32-bit pointers */
	char *mem = mmap(NULL, 16384, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	long fd, n;

	if (mem == MAP_FAILED) {
		say("%s: mmap MAP_32BIT %s", label, ename(errno));
		return;
	}
	snprintf(mem, 8192, "%s", path);
	if (dirfd_at) {
		/* i386 openat = 295; AT_FDCWD as a 32-bit value */
		long ret;
		__asm__ volatile("int $0x80"
				 : "=a"(ret)
				 : "a"(295L), "b"((long)(unsigned)AT_FDCWD), "c"((long)mem), "d"((long)O_RDONLY), "S"(0L)
				 : "memory", "r8", "r9", "r10", "r11");
		fd = ret;
	} else {
		fd = int80(5, (long)mem, O_RDONLY, 0);	/* i386 open */
	}
	if (fd < 0) {
		say("%s: %s", label, ename(-fd));
	} else {
		n = int80(3, fd, (long)(mem + 8192), 200);	/* i386 read */
		if (n < 0)
			say("%s: open ok, read %s", label, ename(-n));
		else
			say("%s: ok read \"%s\"", label, printable(mem + 8192, n));
		int80(6, fd, 0, 0);	/* i386 close */
	}
	munmap(mem, 16384);
}

static void x32_open(const void *p)
{
	/* no x32 ABI in the kernel: ENOSYS; x32 not allowed by the filter: killed */
	long fd = syscall(2 | 0x40000000L, p, O_RDONLY);	/* x32 open */
	fd_content("x32 open <host path>", fd);
	_exit(0);
}
#endif

static void mode_raw(void)
{
	fd_content("control SYS_open /etc/vroot-marker", syscall(SYS_open, "/etc/vroot-marker", O_RDONLY));
	fd_content("control SYS_open <host path> (the decoy)", syscall(SYS_open, host, O_RDONLY));
	fd_content("SYS_open /../canary", syscall(SYS_open, up_canary, O_RDONLY));
	fd_content("SYS_open /../..(x12)<host path>", syscall(SYS_open, deep, O_RDONLY));
	fd_content("SYS_openat AT_FDCWD ../canary", syscall(SYS_openat, AT_FDCWD, "../canary", O_RDONLY));
	fd_content("SYS_openat AT_FDCWD <host path>", syscall(SYS_openat, AT_FDCWD, host, O_RDONLY));
#if defined(__x86_64__)
	i386_open_read("control i386 open /etc/vroot-marker", "/etc/vroot-marker", 0);
	i386_open_read("control i386 open <host path> (the decoy)", host, 0);
	i386_open_read("i386 open /../canary", up_canary, 0);
	i386_open_read("i386 openat AT_FDCWD ../canary", "../canary", 1);
	i386_open_read("i386 openat AT_FDCWD /../canary", up_canary, 1);
	run_child_exec("x32 open <host path>", (void (*)(const void *))x32_open, host);
#endif
	/* writes and changes */
	{
		long fd = syscall(SYS_open, up_canary, O_WRONLY | O_APPEND);
		if (fd < 0)
			say("SYS_open /../canary O_WRONLY: %s", ename(errno));
		else
			say("SYS_open /../canary O_WRONLY: ok %s", write(fd, "PWNED\n", 6) == 6 ? "WROTE" : "");
	}
	res("SYS_truncate /../canary", syscall(SYS_truncate, up_canary, 1));
	res("SYS_chmod /../canary", syscall(SYS_chmod, up_canary, 0600));
	res("SYS_chmod ../canary", syscall(SYS_chmod, "../canary", 0600));
	res("SYS_utimes /../canary", syscall(SYS_utimes, up_canary, NULL));
	res("SYS_link /../canary /stolen", syscall(SYS_link, up_canary, "/stolen"));
	fd_content("open /stolen", open("/stolen", O_RDONLY));
	res("SYS_creat /../canary", syscall(SYS_creat, up_canary, 0644));
	res("SYS_rename /../canary /stolen2", syscall(SYS_rename, up_canary, "/stolen2"));
	fd_content("open /stolen2", open("/stolen2", O_RDONLY));
	res("SYS_unlink ../canary", syscall(SYS_unlink, "../canary"));
	res("SYS_unlink /../canary", syscall(SYS_unlink, up_canary));
}

/* ---- symlinks whose targets climb out ---- */

static void mode_symlink_dotdot(void)
{
	char p[8400];

	res("symlink ../canary /gesc1", symlink("../canary", "/gesc1"));
	snprintf(p, sizeof(p), "../../../../../../../../../../..%s", host);
	res("symlink ../..(x11)<host path> /gesc2", symlink(p, "/gesc2"));
	res("symlink ../../../../../../../../.. /gescdir", symlink("../../../../../../../../..", "/gescdir"));
	open_read("control open /esc2 (the decoy)", AT_FDCWD, "/esc2", 0);
	open_read("control open /gesc2 (the decoy)", AT_FDCWD, "/gesc2", 0);
	open_read("control open /escdir/etc/vroot-marker", AT_FDCWD, "/escdir/etc/vroot-marker", 0);
	attempt("/esc1", AT_FDCWD, "/esc1");
	attempt("/esc2", AT_FDCWD, "/esc2");
	attempt("/sub/esc3", AT_FDCWD, "/sub/esc3");
	attempt("/gesc1", AT_FDCWD, "/gesc1");
	attempt("/gesc2", AT_FDCWD, "/gesc2");
	snprintf(p, sizeof(p), "/escdir%s", host);
	attempt("/escdir<host path>", AT_FDCWD, p);
	attempt("/escdir/../canary", AT_FDCWD, "/escdir/../canary");
	snprintf(p, sizeof(p), "/gescdir%s", host);
	attempt("/gescdir<host path>", AT_FDCWD, p);
	attempt("sub/esc3 (relative)", AT_FDCWD, "sub/esc3");
	attempt_meta("/esc1", AT_FDCWD, "/esc1");
	attempt_meta("/sub/esc3", AT_FDCWD, "/sub/esc3");
	attempt_meta("/gesc1", AT_FDCWD, "/gesc1");
	res("linkat /esc1 /stolen AT_SYMLINK_FOLLOW", linkat(AT_FDCWD, "/esc1", AT_FDCWD, "/stolen", AT_SYMLINK_FOLLOW));
	open_read("open /stolen", AT_FDCWD, "/stolen", 0);
	res("linkat /sub/esc3 /stolen3 AT_SYMLINK_FOLLOW",
	    linkat(AT_FDCWD, "/sub/esc3", AT_FDCWD, "/stolen3", AT_SYMLINK_FOLLOW));
	open_read("open /stolen3", AT_FDCWD, "/stolen3", 0);
	/* an O_PATH fd of the link itself, opened again through /proc: the
	 * kernel follows the link's target from where the link is */
	{
		static const char *const links[] = { "/esc1", "/esc2", "/sub/esc3", "/gesc1" };
		for (unsigned i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
			int fd = open(links[i], O_PATH | O_NOFOLLOW);
			char l[128], q[64];
			snprintf(q, sizeof(q), "/proc/self/fd/%d", fd);
			snprintf(l, sizeof(l), "/proc/self/fd/N (O_PATH of %s)", links[i]);
			attempt(l, AT_FDCWD, q);
			close(fd);
		}
	}
	res("chdir /escdir", chdir("/escdir"));
	raw_getcwd("getcwd");
	open_read("open canary (relative)", AT_FDCWD, "canary", 0);
	open_read("open <host path> without its / (relative)", AT_FDCWD, host + 1, 0);
}

/* ---- `..` from a dirfd of "/" ---- */

static void mode_dirfd_dotdot(void)
{
	struct stat root_st, st;
	int rootfd = open("/", O_RDONLY | O_DIRECTORY);
	int pathfd = open("/", O_PATH | O_DIRECTORY);
	int etcfd = open("/etc", O_RDONLY | O_DIRECTORY);
	int pfd;
	char p[8400];

	stat("/", &root_st);
	res("control open / O_DIRECTORY", rootfd);
	open_read("control openat rootfd etc/vroot-marker", rootfd, "etc/vroot-marker", 0);
	snprintf(p, sizeof(p), "../../../../../../../../../../..%s", host);
	open_read("control openat rootfd ../..(x11)<host path> (the decoy)", rootfd, p, 0);
	pfd = openat(rootfd, "..", O_RDONLY | O_DIRECTORY);
	if (pfd >= 0 && fstat(pfd, &st) == 0)
		say("control openat rootfd ..: ok%s", same_file(&st, &root_st) ? " same-as-/" : " NOT-/");
	else
		say("control openat rootfd ..: %s", ename(errno));
	attempt("rootfd ../canary", rootfd, "../canary");
	attempt("pathfd ../canary", pathfd, "../canary");
	attempt("etcfd ../../canary", etcfd, "../../canary");
	attempt("rootfd ../../canary", rootfd, "../../canary");
	if (pfd >= 0) {
		attempt("(rootfd ..) canary", pfd, "canary");
		close(pfd);
	}
	pfd = openat(pathfd, "..", O_PATH | O_DIRECTORY);
	if (pfd >= 0) {
		attempt("(pathfd ..) canary", pfd, "canary");
		pfd = openat(pfd, "..", O_PATH | O_DIRECTORY);
		if (pfd >= 0 && fstat(pfd, &st) == 0)
			say("(pathfd ../..): ok%s", same_file(&st, &root_st) ? " same-as-/" : " NOT-/");
	}
	attempt_meta("rootfd ../canary", rootfd, "../canary");
	if (fstatat(rootfd, "../canary", &st, 0) == 0)
		say("fstatat rootfd ../canary: ok size=%lld", (long long)st.st_size);
	else
		say("fstatat rootfd ../canary: %s", ename(errno));
	res("linkat rootfd ../canary rootfd stolen", linkat(rootfd, "../canary", rootfd, "stolen", 0));
	open_read("open /stolen", AT_FDCWD, "/stolen", 0);
	res("renameat rootfd ../canary rootfd stolen2", renameat(rootfd, "../canary", rootfd, "stolen2"));
	open_read("open /stolen2", AT_FDCWD, "/stolen2", 0);
	res("mkdirat rootfd ../escaped-dir", mkdirat(rootfd, "../escaped-dir", 0755));
	res("symlinkat x rootfd ../escaped-link", symlinkat("x", rootfd, "../escaped-link"));
	res("mknodat rootfd ../escaped-fifo", mknodat(rootfd, "../escaped-fifo", S_IFIFO | 0644, 0));
	attempt_write("openat rootfd ../escaped-file O_CREAT", rootfd, "../escaped-file", O_CREAT);
	res("unlinkat rootfd ../canary", unlinkat(rootfd, "../canary", 0));

	/* a dirfd that is a symlink (O_PATH|O_NOFOLLOW) to the canary's host
	 * directory: the kernel says ENOTDIR, never follows it */
	res("symlink <host dir> /dirlink", symlink(hostdir, "/dirlink"));
	open_read("control open /dirlink/canary (the decoy)", AT_FDCWD, "/dirlink/canary", 0);
	pfd = open("/dirlink", O_PATH | O_NOFOLLOW);
	res("open /dirlink O_PATH|O_NOFOLLOW", pfd);
	attempt("(O_PATH fd of /dirlink) canary", pfd, "canary");
	attempt_meta("(O_PATH fd of /dirlink) canary", pfd, "canary");
}

/* ---- file handles ---- */

/* A file handle with room for MAX_HANDLE_SZ bytes. */
union handle {
	struct file_handle fh;
	unsigned char raw[sizeof(struct file_handle) + 128];
};
#define HANDLE_BYTES(h) ((h)->raw + offsetof(struct file_handle, f_handle))

static void show_handle(const char *label, int dirfd, const char *path)
{
	union handle h;
	int mount_id;
	char hex[300] = "";

	h.fh.handle_bytes = 128;
	if (name_to_handle_at(dirfd, path, &h.fh, &mount_id, 0) < 0) {
		say("%s: %s", label, ename(errno));
		return;
	}
	for (unsigned i = 0; i < h.fh.handle_bytes && i < 128; i++)
		sprintf(hex + 2 * i, "%02x", HANDLE_BYTES(&h)[i]);
	say("%s: ok handle %d:%s", label, h.fh.handle_type, hex);
}

static void mode_handle(const char *native_handle)
{
	int rootfd = open("/", O_RDONLY | O_DIRECTORY);

	show_handle("control name_to_handle_at /etc/vroot-marker", AT_FDCWD, "/etc/vroot-marker");
	show_handle("name_to_handle_at <host path>", AT_FDCWD, host);
	show_handle("name_to_handle_at /../canary", AT_FDCWD, up_canary);
	show_handle("name_to_handle_at ../canary", AT_FDCWD, "../canary");
	show_handle("name_to_handle_at rootfd ../canary", rootfd, "../canary");
	/* open the canary by the handle the caller got for it natively */
	if (native_handle) {
		union handle h;
		int type, n = 0;
		const char *hex = strchr(native_handle, ':');

		if (hex && sscanf(native_handle, "%d:", &type) == 1) {
			hex++;
			while (n < 128 && sscanf(hex + 2 * n, "%2hhx", &HANDLE_BYTES(&h)[n]) == 1)
				n++;
			h.fh.handle_bytes = n;
			h.fh.handle_type = type;
			fd_content("open_by_handle_at rootfd <the canary's handle>",
				   open_by_handle_at(rootfd, &h.fh, O_RDONLY));
			fd_content("open_by_handle_at AT_FDCWD <the canary's handle>",
				   open_by_handle_at(AT_FDCWD, &h.fh, O_RDONLY));
			fd_content("open_by_handle_at rootfd <the canary's handle> O_WRONLY",
				   open_by_handle_at(rootfd, &h.fh, O_WRONLY | O_APPEND));
		}
	}
	{
		union handle h;
		int mount_id;
		h.fh.handle_bytes = 128;
		if (name_to_handle_at(AT_FDCWD, "/etc/vroot-marker", &h.fh, &mount_id, 0) == 0)
			fd_content("control open_by_handle_at <handle of /etc/vroot-marker>",
				   open_by_handle_at(rootfd, &h.fh, O_RDONLY));
	}
}

/* ---- io_uring ---- */

static long uring_op(int ring, void *sq, void *cq, struct io_uring_sqe *sqes,
		     const struct io_uring_params *p, const struct io_uring_sqe *op)
{
	unsigned *sq_tail = (unsigned *)((char *)sq + p->sq_off.tail);
	unsigned *sq_mask = (unsigned *)((char *)sq + p->sq_off.ring_mask);
	unsigned *sq_array = (unsigned *)((char *)sq + p->sq_off.array);
	unsigned *cq_head = (unsigned *)((char *)cq + p->cq_off.head);
	unsigned *cq_tail = (unsigned *)((char *)cq + p->cq_off.tail);
	unsigned *cq_mask = (unsigned *)((char *)cq + p->cq_off.ring_mask);
	struct io_uring_cqe *cqes = (struct io_uring_cqe *)((char *)cq + p->cq_off.cqes);
	unsigned tail = *sq_tail, idx = tail & *sq_mask, head;
	long r;

	sqes[idx] = *op;
	sq_array[idx] = idx;
	__atomic_store_n(sq_tail, tail + 1, __ATOMIC_RELEASE);
	alarm(5);	/* an operation that never completes must not hang the test */
	r = syscall(426 /* io_uring_enter */, ring, 1, 1, IORING_ENTER_GETEVENTS, NULL, 0);
	alarm(0);
	if (r < 0)
		return -errno;
	head = *cq_head;
	if (head == __atomic_load_n(cq_tail, __ATOMIC_ACQUIRE))
		return -EAGAIN;
	r = cqes[head & *cq_mask].res;
	__atomic_store_n(cq_head, head + 1, __ATOMIC_RELEASE);
	return r;
}

static void uring_try(const char *label, unsigned flags)
{
	struct io_uring_params p;
	long ring;

	memset(&p, 0, sizeof(p));
	p.flags = flags;
	ring = syscall(SYS_io_uring_setup, 8, &p);
	if (ring < 0) {
		say("%s: %s", label, ename(errno));
		return;
	}
	say("%s: ok (ring fd)", label);
	{
		size_t sq_sz = p.sq_off.array + p.sq_entries * sizeof(unsigned);
		size_t cq_sz = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
		void *sq, *cq;
		struct io_uring_sqe *sqes, op;
		static char buf[256];
		const char *paths[] = { host, up_canary };
		long fd, n;

		if (p.features & IORING_FEAT_SINGLE_MMAP)
			sq_sz = cq_sz = sq_sz > cq_sz ? sq_sz : cq_sz;
		sq = mmap(NULL, sq_sz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_SQ_RING);
		cq = (p.features & IORING_FEAT_SINGLE_MMAP) ? sq :
		     mmap(NULL, cq_sz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_CQ_RING);
		sqes = mmap(NULL, p.sq_entries * sizeof(*sqes), PROT_READ | PROT_WRITE,
			    MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_SQES);
		if (sq == MAP_FAILED || cq == MAP_FAILED || sqes == MAP_FAILED) {
			say("%s: mmap %s", label, ename(errno));
			return;
		}
		for (unsigned i = 0; i < 2; i++) {
			memset(&op, 0, sizeof(op));
			op.opcode = IORING_OP_OPENAT;
			op.fd = AT_FDCWD;
			op.addr = (unsigned long)paths[i];
			op.open_flags = O_RDONLY;
			fd = uring_op(ring, sq, cq, sqes, &p, &op);
			if (fd < 0) {
				say("%s: IORING_OP_OPENAT %s: %s", label, i ? "/../canary" : "<host path>", ename(-fd));
				continue;
			}
			memset(&op, 0, sizeof(op));
			op.opcode = IORING_OP_READ;
			op.fd = fd;
			op.addr = (unsigned long)buf;
			op.len = sizeof(buf) - 1;
			n = uring_op(ring, sq, cq, sqes, &p, &op);
			if (n < 0)
				say("%s: IORING_OP_OPENAT ok, READ %s", label, ename(-n));
			else
				say("%s: IORING_OP_OPENAT %s + READ: ok read \"%s\"", label,
				    i ? "/../canary" : "<host path>", printable(buf, n));
		}
	}
	close(ring);
}

static void on_alarm(int sig)
{
	(void)sig;
}

static void mode_io_uring(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };	/* no SA_RESTART: EINTR */

	sigaction(SIGALRM, &sa, NULL);
	uring_try("io_uring_setup", 0);
	uring_try("io_uring_setup IORING_SETUP_SQPOLL", IORING_SETUP_SQPOLL);
	{
		struct io_uring_params p;
		memset(&p, 0, sizeof(p));
		res("io_uring_setup (bad entries 0)", syscall(SYS_io_uring_setup, 0, &p));
	}
}

/* ---- AF_UNIX sockets outside the root ---- */

static socklen_t mkaddr(struct sockaddr_un *a, const char *path)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	strncpy(a->sun_path, path, sizeof(a->sun_path) - 1);
	return offsetof(struct sockaddr_un, sun_path) + strlen(a->sun_path) + 1;
}

static void stream_try(const char *label, const char *path)
{
	struct sockaddr_un a;
	socklen_t len = mkaddr(&a, path);
	int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (connect(s, (struct sockaddr *)&a, len) < 0)
		say("%s: %s", label, ename(errno));
	else {
		struct pollfd pfd = { .fd = s, .events = POLLIN };
		char buf[256];
		ssize_t n = poll(&pfd, 1, 5000) > 0 ? read(s, buf, sizeof(buf)) : 0;
		say("%s: ok read \"%s\"", label, n > 0 ? printable(buf, n) : "");
	}
	close(s);
}

static void dgram_try(const char *label, const char *path, int connected)
{
	struct sockaddr_un a;
	socklen_t len = mkaddr(&a, path);
	int s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	long r;

	if (connected) {
		r = connect(s, (struct sockaddr *)&a, len);
		if (r == 0)
			r = send(s, "PWNED-DGRAM\n", 12, 0);
	} else if (connected == 0) {
		r = sendto(s, "PWNED-DGRAM\n", 12, 0, (struct sockaddr *)&a, len);
	}
	res(label, r);
	close(s);
}

static void dgram_sendmsg(const char *label, const char *path)
{
	struct sockaddr_un a;
	socklen_t len = mkaddr(&a, path);
	int s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct iovec iov = { .iov_base = "PWNED-DGRAM\n", .iov_len = 12 };
	struct msghdr mh = { .msg_name = &a, .msg_namelen = len, .msg_iov = &iov, .msg_iovlen = 1 };

	res(label, sendmsg(s, &mh, 0));
	close(s);
}

/* A decoy server in the guest at the host path of the outside socket. */
static pid_t guest_server(const char *path)
{
	struct sockaddr_un a;
	socklen_t len = mkaddr(&a, path);
	int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	pid_t pid;

	if (bind(s, (struct sockaddr *)&a, len) < 0 || listen(s, 16) < 0) {
		say("control guest decoy server bind: %s", ename(errno));
		close(s);
		return -1;
	}
	say("control guest decoy server bind: ok");
	pid = fork();
	if (pid == 0) {
		for (;;) {
			int c = accept(s, NULL, NULL);
			if (c < 0)
				_exit(0);
			if (write(c, "DECOY-SOCK\n", 11) < 0)
				_exit(1);
			close(c);
		}
	}
	close(s);
	return pid;
}

static void mode_unix(void)
{
	char sock[4200], dgram[4200], p[8400];
	int d;
	pid_t srv;

	snprintf(sock, sizeof(sock), "%s/outside.sock", hostdir);
	snprintf(dgram, sizeof(dgram), "%s/outside.dgram", hostdir);
	srv = guest_server(sock);
	{
		struct sockaddr_un a;
		socklen_t len = mkaddr(&a, dgram);
		d = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		res("control guest decoy dgram bind", bind(d, (struct sockaddr *)&a, len));
	}
	stream_try("control connect <host path of outside.sock> (the decoy)", sock);
	stream_try("connect /../outside.sock", "/../outside.sock");
	stream_try("connect ../outside.sock", "../outside.sock");
	snprintf(p, sizeof(p), "/../../../../..%s", sock);
	stream_try("connect /../..(x5)<host path of outside.sock>", p);
	dgram_try("control sendto <host path of outside.dgram> (the decoy)", dgram, 0);
	{
		char buf[64];
		ssize_t n = recv(d, buf, sizeof(buf), MSG_DONTWAIT);
		say("control decoy dgram received: %s", n < 0 ? ename(errno) : "ok");
	}
	dgram_try("sendto /../outside.dgram", "/../outside.dgram", 0);
	dgram_try("sendto ../outside.dgram", "../outside.dgram", 0);
	dgram_try("connect+send /../outside.dgram", "/../outside.dgram", 1);
	dgram_sendmsg("sendmsg /../outside.dgram", "/../outside.dgram");
	snprintf(p, sizeof(p), "/../../../../..%s", dgram);
	dgram_try("sendto /../..(x5)<host path of outside.dgram>", p, 0);
	if (srv > 0) {
		kill(srv, SIGKILL);
		waitpid(srv, NULL, 0);
	}
	close(d);
}

/* The native servers the caller starts outside the root. */
static int serve_stream(const char *path, const char *file)
{
	struct sockaddr_un a;
	socklen_t len = mkaddr(&a, path);
	int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	time_t end = time(NULL) + 110;

	unlink(path);
	if (bind(s, (struct sockaddr *)&a, len) < 0 || listen(s, 16) < 0)
		return 1;
	while (time(NULL) < end) {
		struct pollfd pfd = { .fd = s, .events = POLLIN };
		if (poll(&pfd, 1, 1000) <= 0)
			continue;
		int c = accept(s, NULL, NULL);
		if (c < 0)
			continue;
		int fd = open(file, O_RDONLY);
		char buf[256];
		ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf)) : 0;
		if (n > 0 && write(c, buf, n) < 0)
			n = 0;
		if (fd >= 0)
			close(fd);
		close(c);
	}
	return 0;
}

static int serve_dgram(const char *path, const char *log)
{
	struct sockaddr_un a;
	socklen_t len = mkaddr(&a, path);
	int s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	time_t end = time(NULL) + 110;

	unlink(path);
	if (bind(s, (struct sockaddr *)&a, len) < 0)
		return 1;
	while (time(NULL) < end) {
		struct pollfd pfd = { .fd = s, .events = POLLIN };
		char buf[256];
		if (poll(&pfd, 1, 1000) <= 0)
			continue;
		ssize_t n = recv(s, buf, sizeof(buf), 0);
		int fd = open(log, O_WRONLY | O_APPEND | O_CREAT, 0644);
		if (fd >= 0 && n > 0 && write(fd, buf, n) < 0)
			n = 0;
		if (fd >= 0)
			close(fd);
	}
	return 0;
}

/* ---- fchdir to "/" and `..`; the classic chroot break ---- */

/* ---- a tmpfs mounted in the root, worked in relative to its cwd ---- */

static void mode_tmpfs_cwd(void)
{
	char p[8400];

	res("mkdir /mnt", mkdir("/mnt", 0755));
	res("mount tmpfs /mnt", mount("none", "/mnt", "tmpfs", 0, NULL));
	res("chdir /mnt", chdir("/mnt"));
	res("symlink / l", symlink("/", "l"));
	snprintf(p, sizeof(p), "/mnt/l%s", host);
	open_read("control open /mnt/l<host path> (the decoy)", AT_FDCWD, p, 0);
	attempt("l<host path> (relative)", AT_FDCWD, p + 5);
	snprintf(p, sizeof(p), "../../../../../../../..%s", host);
	attempt("../..(x8)<host path> (relative)", AT_FDCWD, p);
}

static void mode_fchdir(void)
{
	int fd;

	open_read("control open <host path> (the decoy)", AT_FDCWD, host, 0);
	res("mkdir /jail", mkdir("/jail", 0755));
	res("mkdir /jail2", mkdir("/jail2", 0755));
	fd = open("/", O_RDONLY | O_DIRECTORY);
	res("open / (kept)", fd);

	/* A: fchdir back to "/" and climb */
	res("chdir /jail", chdir("/jail"));
	res("fchdir (fd of /)", fchdir(fd));
	for (int i = 0; i < 20; i++)
		chdir("..");
	raw_getcwd("getcwd after fchdir and 20 x chdir ..");
	attempt("canary (relative)", AT_FDCWD, "canary");
	attempt("../canary (relative)", AT_FDCWD, "../canary");
	attempt("<host path> without its / (relative)", AT_FDCWD, host + 1);
	open_read("control open etc/vroot-marker (relative)", AT_FDCWD, "etc/vroot-marker", 0);

	/* B: chroot into a subdirectory without entering it, climb, chroot(".") */
	res("chdir /", chdir("/"));
	res("chroot /jail (cwd left outside)", chroot("/jail"));
	for (int i = 0; i < 20; i++)
		chdir("..");
	raw_getcwd("getcwd after 20 x chdir ..");
	attempt("<host path> without its / (relative)", AT_FDCWD, host + 1);
	attempt("../canary (relative)", AT_FDCWD, "../canary");
	res("chroot .", chroot("."));
	attempt("<host path>", AT_FDCWD, host);
	open_read("control open /etc/vroot-marker (back in the root)", AT_FDCWD, "/etc/vroot-marker", 0);

	/* C: the same through the kept fd of "/" */
	res("chroot /jail2", chroot("/jail2"));
	res("chdir /", chdir("/"));
	res("fchdir (fd of the first /)", fchdir(fd));
	for (int i = 0; i < 20; i++)
		chdir("..");
	raw_getcwd("getcwd after fchdir and 20 x chdir ..");
	attempt("<host path> without its / (relative)", AT_FDCWD, host + 1);
	attempt("canary (relative)", AT_FDCWD, "canary");
	res("chroot .", chroot("."));
	attempt("<host path>", AT_FDCWD, host);
	attempt("/../canary", AT_FDCWD, up_canary);
	open_read("control open /etc/vroot-marker (back in the root)", AT_FDCWD, "/etc/vroot-marker", 0);
	attempt_meta("../canary", AT_FDCWD, "../canary");
}

/* ---- a symlink whose absolute target is the canary's host path ---- */

static void mode_symlink_abs(void)
{
	char p[8400];

	res("symlink <host path> /guestlink", symlink(host, "/guestlink"));
	open_read("control open /hostlink (the decoy)", AT_FDCWD, "/hostlink", 0);
	open_read("control open /guestlink (the decoy)", AT_FDCWD, "/guestlink", 0);
	{
		char buf[4096];
		ssize_t n = readlink("/guestlink", buf, sizeof(buf));
		say("control readlink /guestlink: %s", n < 0 ? ename(errno) :
		    strncmp(buf, host, n) == 0 && (size_t)n == strlen(host) ? "ok <host path>" : "ok other");
	}
	attempt("/hostlink", AT_FDCWD, "/hostlink");
	attempt("/guestlink", AT_FDCWD, "/guestlink");
	snprintf(p, sizeof(p), "/hostdir/canary");
	attempt("/hostdir/canary", AT_FDCWD, p);
	attempt("/hostdir/../canary", AT_FDCWD, "/hostdir/../canary");
	attempt_meta("/hostlink", AT_FDCWD, "/hostlink");
	attempt_meta("/guestlink", AT_FDCWD, "/guestlink");
	res("linkat /hostlink /stolen AT_SYMLINK_FOLLOW",
	    linkat(AT_FDCWD, "/hostlink", AT_FDCWD, "/stolen", AT_SYMLINK_FOLLOW));
	open_read("open /stolen", AT_FDCWD, "/stolen", 0);
	res("chdir /hostdir", chdir("/hostdir"));
	open_read("open canary (relative)", AT_FDCWD, "canary", 0);
	open_read("open ../canary (relative)", AT_FDCWD, "../canary", 0);
	res("chdir /", chdir("/"));
	{
		int fd = open("/hostlink", O_PATH | O_NOFOLLOW);
		char buf[64];
		snprintf(buf, sizeof(buf), "/proc/self/fd/%d", fd);
		/* the O_PATH fd is the link itself; opening it through /proc
		 * follows the link again, in the guest */
		attempt("/proc/self/fd/N (O_PATH of /hostlink)", AT_FDCWD, buf);
		close(fd);
	}
}

/* ---- /proc/self/cwd, /proc/self/root and other magic links ---- */

static void mode_proc_cwd(void)
{
	char p[8400], buf[4096];
	int rootfd, cwdfd;
	ssize_t n;

	n = readlink("/proc/self/cwd", buf, sizeof(buf));
	say("control readlink /proc/self/cwd: %s%s%s", n < 0 ? ename(errno) : "ok \"",
	    n < 0 ? "" : printable(buf, n), n < 0 ? "" : "\"");
	n = readlink("/proc/self/root", buf, sizeof(buf));
	say("control readlink /proc/self/root: %s%s%s", n < 0 ? ename(errno) : "ok \"",
	    n < 0 ? "" : printable(buf, n), n < 0 ? "" : "\"");
	open_read("control open /proc/self/cwd/etc/vroot-marker", AT_FDCWD, "/proc/self/cwd/etc/vroot-marker", 0);
	snprintf(p, sizeof(p), "/proc/self/root%s", host);
	open_read("control open /proc/self/root<host path> (the decoy)", AT_FDCWD, p, 0);

	attempt("/proc/self/cwd/../canary", AT_FDCWD, "/proc/self/cwd/../canary");
	snprintf(p, sizeof(p), "/proc/self/cwd/../../../../../../../../../..%s", host);
	attempt("/proc/self/cwd/../..(x10)<host path>", AT_FDCWD, p);
	attempt("/proc/self/root/../canary", AT_FDCWD, "/proc/self/root/../canary");
	snprintf(p, sizeof(p), "/proc/self/root/../../../../../../../../../..%s", host);
	attempt("/proc/self/root/../..(x10)<host path>", AT_FDCWD, p);
	attempt("/proc/thread-self/cwd/../canary", AT_FDCWD, "/proc/thread-self/cwd/../canary");
	attempt("/proc/thread-self/root/../canary", AT_FDCWD, "/proc/thread-self/root/../canary");
	snprintf(p, sizeof(p), "/proc/%d/cwd/../canary", getpid());
	attempt("/proc/PID/cwd/../canary", AT_FDCWD, p);
	snprintf(p, sizeof(p), "/proc/%d/task/%d/root/../canary", getpid(), getpid());
	attempt("/proc/PID/task/PID/root/../canary", AT_FDCWD, p);
	attempt("/proc/self/cwd/../../canary", AT_FDCWD, "/proc/self/cwd/../../canary");
	cwdfd = open("/proc/self/cwd", O_RDONLY | O_DIRECTORY);
	res("open /proc/self/cwd", cwdfd);
	attempt("(fd of /proc/self/cwd) ../canary", cwdfd, "../canary");
	rootfd = open("/", O_RDONLY | O_DIRECTORY);
	snprintf(p, sizeof(p), "/proc/self/fd/%d/../canary", rootfd);
	attempt("/proc/self/fd/<fd of />/../canary", AT_FDCWD, p);
	snprintf(p, sizeof(p), "/proc/self/fd/%d/..", rootfd);
	{
		struct stat a, b;
		if (stat(p, &a) == 0 && fstat(rootfd, &b) == 0)
			say("stat /proc/self/fd/<fd of />/..: ok%s", same_file(&a, &b) ? " same-as-/" : " NOT-/");
		else
			say("stat /proc/self/fd/<fd of />/..: %s", ename(errno));
	}
	attempt_meta("/proc/self/cwd/../canary", AT_FDCWD, "/proc/self/cwd/../canary");
	res("chdir /proc/self/cwd/..", chdir("/proc/self/cwd/.."));
	raw_getcwd("getcwd");
	attempt("canary (relative)", AT_FDCWD, "canary");
	res("chdir /proc/self/root/../..", chdir("/proc/self/root/../.."));
	raw_getcwd("getcwd");
	attempt("canary (relative)", AT_FDCWD, "canary");
	res("chdir /etc", chdir("/etc"));
	attempt("/proc/self/cwd/../../canary (cwd /etc)", AT_FDCWD, "/proc/self/cwd/../../canary");
	res("chdir /proc/self/cwd/../..", chdir("/proc/self/cwd/../.."));
	raw_getcwd("getcwd");
	attempt("canary (relative)", AT_FDCWD, "canary");
	/* exe: the guest path; a file, so nothing below it */
	n = readlink("/proc/self/exe", buf, sizeof(buf));
	say("readlink /proc/self/exe: %s%s%s", n < 0 ? ename(errno) : "ok \"",
	    n < 0 ? "" : printable(buf, n), n < 0 ? "" : "\"");
	attempt("/proc/self/exe/../../canary", AT_FDCWD, "/proc/self/exe/../../canary");
}

/* ---- /proc/PID/root of other processes ---- */

static void mode_proc_root(const char *host_root_id)
{
	struct stat st;
	char p[8800], buf[4096], id[64];
	DIR *d;
	struct dirent *e;
	int tried = 0;
	ssize_t n;

	snprintf(p, sizeof(p), "/proc/self/root%s", host);
	open_read("control open /proc/self/root<host path> (the decoy)", AT_FDCWD, p, 0);
	open_read("control open /proc/self/root/etc/vroot-marker", AT_FDCWD, "/proc/self/root/etc/vroot-marker", 0);
	n = readlink("/proc/1/root", buf, sizeof(buf));
	say("readlink /proc/1/root: %s%s%s", n < 0 ? ename(errno) : "ok \"",
	    n < 0 ? "" : printable(buf, n), n < 0 ? "" : "\"");
	if (stat("/proc/1/root", &st) == 0) {
		snprintf(id, sizeof(id), "%llu:%llu", (unsigned long long)st.st_dev,
			 (unsigned long long)st.st_ino);
		say("stat /proc/1/root: ok%s", host_root_id && strcmp(id, host_root_id) == 0 ?
		    " REACHED-HOST-ROOT" : "");
	} else {
		say("stat /proc/1/root: %s", ename(errno));
	}
	snprintf(p, sizeof(p), "/proc/1/root%s", host);
	attempt("/proc/1/root<host path>", AT_FDCWD, p);
	attempt("/proc/1/cwd/../canary", AT_FDCWD, "/proc/1/cwd/../canary");
	snprintf(p, sizeof(p), "/proc/%d/root%s", getppid(), host);
	attempt("/proc/<parent>/root<host path>", AT_FDCWD, p);
	snprintf(p, sizeof(p), "/proc/%d/cwd/canary", getppid());
	attempt("/proc/<parent>/cwd/canary", AT_FDCWD, p);

	/* every process we can see */
	d = opendir("/proc");
	say("control opendir /proc: %s", d ? "ok" : ename(errno));
	while (d && (e = readdir(d))) {
		static const char *const tails[] = { "root", "cwd/canary", "cwd/../canary",
						     "cwd/../../canary", "cwd" };
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(p, sizeof(p), "/proc/%s/root", e->d_name);
		if (host_root_id && stat(p, &st) == 0) {
			snprintf(id, sizeof(id), "%llu:%llu", (unsigned long long)st.st_dev,
				 (unsigned long long)st.st_ino);
			if (strcmp(id, host_root_id) == 0)
				say("stat /proc/%s/root: REACHED-HOST-ROOT", e->d_name);
		}
		for (unsigned i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
			char t[8400];
			int fd;
			snprintf(t, sizeof(t), "%s%s", tails[i], i == 0 || i == 4 ? host : "");
			snprintf(p, sizeof(p), "/proc/%s/%s", e->d_name, t);
			fd = open(p, O_RDONLY | O_CLOEXEC);
			tried++;
			if (fd >= 0) {
				char l[400];
				snprintf(l, sizeof(l), "open /proc/%s/%s", e->d_name,
					 i == 0 ? "root<host path>" : i == 4 ? "cwd<host path>" : tails[i]);
				fd_content(l, fd);
			}
		}
	}
	if (d)
		closedir(d);
	say("control /proc/PID/{root,cwd} names tried: %s", tried > 0 ? "some" : "none");
}

int main(int argc, char **argv)
{
	const char *mode;
	char *slash;

	if (argc > 1 && strcmp(argv[1], "probe") == 0) {
		say("probe-ran");
		return 0;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: escape MODE CANARY [ARG]\n");
		return 2;
	}
	mode = argv[1];
	host = argv[2];
	if (strcmp(mode, "unix-serve-stream") == 0)
		return serve_stream(argv[2], argv[3]);
	if (strcmp(mode, "unix-serve-dgram") == 0)
		return serve_dgram(argv[2], argv[3]);
	if (strcmp(mode, "unix-send-dgram") == 0) {	/* the caller's sentinel */
		struct sockaddr_un a;
		socklen_t len = mkaddr(&a, argv[2]);
		int s = socket(AF_UNIX, SOCK_DGRAM, 0);
		return sendto(s, argv[3], strlen(argv[3]), 0, (struct sockaddr *)&a, len) < 0;
	}
	if (strcmp(mode, "handle-native") == 0) {
		show_handle("handle", AT_FDCWD, host);
		return 0;
	}
	alarm(100);	/* never outlive the test's timeout */
	snprintf(hostdir, sizeof(hostdir), "%s", host);
	slash = strrchr(hostdir, '/');
	if (slash)
		*slash = '\0';
	snprintf(deep, sizeof(deep), "/../../../../../../../../../../../..%s", host);

	if (strcmp(mode, "openat2") == 0)
		mode_openat2();
	else if (strcmp(mode, "execveat") == 0)
		mode_execveat();
	else if (strcmp(mode, "raw-syscall") == 0)
		mode_raw();
	else if (strcmp(mode, "symlink-dotdot") == 0)
		mode_symlink_dotdot();
	else if (strcmp(mode, "dirfd-dotdot") == 0)
		mode_dirfd_dotdot();
	else if (strcmp(mode, "handle") == 0)
		mode_handle(argc > 3 ? argv[3] : NULL);
	else if (strcmp(mode, "io-uring") == 0)
		mode_io_uring();
	else if (strcmp(mode, "unix-connect") == 0)
		mode_unix();
	else if (strcmp(mode, "fchdir-root") == 0)
		mode_fchdir();
	else if (strcmp(mode, "tmpfs-cwd") == 0)
		mode_tmpfs_cwd();
	else if (strcmp(mode, "symlink-abs") == 0)
		mode_symlink_abs();
	else if (strcmp(mode, "proc-cwd") == 0)
		mode_proc_cwd();
	else if (strcmp(mode, "proc-root") == 0)
		mode_proc_root(argc > 3 ? argv[3] : NULL);
	else {
		fprintf(stderr, "escape: unknown mode %s\n", mode);
		return 2;
	}
	say("done");
	return 0;
}
