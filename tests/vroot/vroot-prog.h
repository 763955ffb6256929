/* Shared helpers for the tests/vroot programs.  These programs do not check
 * themselves: each prints one line per system call it makes ("LABEL: ok",
 * "LABEL: ok DETAIL" or "LABEL: ENAME"), so that the shell test can compare
 * the transcript of a run under iamroot-run with the same program run under
 * a real chroot(2) (or with exact expected lines).  They are linked
 * statically: they run inside a busybox guest root that has no libc. */
#ifndef VROOT_PROG_H
#define VROOT_PROG_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Numbers newer than some libc headers (one number on every ABI from 424). */
#ifndef SYS_io_uring_setup
#define SYS_io_uring_setup 425
#endif
#ifndef SYS_openat2
#define SYS_openat2 437
#endif
#ifndef SYS_faccessat2
#define SYS_faccessat2 439
#endif
#ifndef SYS_fchmodat2
#define SYS_fchmodat2 452
#endif

/* The errno's name ("ENOENT"), as the transcripts show it. */
static inline const char *ename(int e)
{
	static char buf[32];
	const char *n = strerrorname_np(e);

	if (n)
		return n;
	snprintf(buf, sizeof(buf), "E%d", e);
	return buf;
}

/* say("fmt", ...): one transcript line, written at once (no stdio buffer to
 * be duplicated by fork or lost by exec). */
static inline void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline void say(const char *fmt, ...)
{
	char buf[8192];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	for (int off = 0; off < n;) {
		ssize_t w = write(1, buf + off, n - off);
		if (w <= 0)
			return;
		off += w;
	}
}

/* res("label", r): "label: ok" when r >= 0, else "label: ENAME" (errno). */
static inline long res(const char *label, long r)
{
	if (r < 0)
		say("%s: %s", label, ename(errno));
	else
		say("%s: ok", label);
	return r;
}

/* The bytes of buf made printable on one line: \n as "\n", others as \xNN. */
static inline const char *printable(const char *s, size_t n)
{
	static char out[1024];
	size_t o = 0;

	for (size_t i = 0; i < n && o + 5 < sizeof(out); i++) {
		unsigned char c = s[i];
		if (c == '\n') {
			out[o++] = '\\';
			out[o++] = 'n';
		} else if (c < 0x20 || c >= 0x7f || c == '\\') {
			o += snprintf(out + o, sizeof(out) - o, "\\x%02x", c);
		} else {
			out[o++] = c;
		}
	}
	out[o] = '\0';
	return out;
}

/* fd_content("label", fd): "label: ok read "CONTENT"" (up to 200 bytes) or
 * the errno of the read; closes fd.  fd < 0 prints the errno of the open. */
static inline void fd_content(const char *label, int fd)
{
	char buf[201];
	ssize_t n;

	if (fd < 0) {
		say("%s: %s", label, ename(errno));
		return;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	if (n < 0)
		say("%s: open ok, read %s", label, ename(errno));
	else
		say("%s: ok read \"%s\"", label, printable(buf, n));
	close(fd);
}

/* open_read("label", dirfd, path, flags): open and show the content. */
static inline void open_read(const char *label, int dirfd, const char *path, int flags)
{
	fd_content(label, openat(dirfd, path, flags | O_RDONLY | O_CLOEXEC));
}

/* The type of a stat mode as ls -l would show it, spelled out. */
static inline const char *ftype(mode_t m)
{
	switch (m & S_IFMT) {
	case S_IFREG: return "reg";
	case S_IFDIR: return "dir";
	case S_IFLNK: return "lnk";
	case S_IFIFO: return "fifo";
	case S_IFSOCK: return "sock";
	case S_IFCHR: return "chr";
	case S_IFBLK: return "blk";
	}
	return "?";
}

/* The kernel's getcwd(2) without glibc's rewriting of "(unreachable)". */
static inline void raw_getcwd(const char *label)
{
	char buf[4096];
	long r = syscall(SYS_getcwd, buf, sizeof(buf));

	if (r < 0)
		say("%s: %s", label, ename(errno));
	else
		say("%s: ok \"%s\"", label, printable(buf, strlen(buf)));
}

static inline int same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

#endif
