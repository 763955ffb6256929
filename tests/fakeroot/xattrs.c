/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xattrs OP PATH [NAME [VALUE]]: the extended-attribute calls, with what
 * they return printed (the attr package, getfattr and setfattr, may be
 * missing).  OP is one of
 *   list PATH            listxattr: the names, sorted, one a line
 *   get PATH NAME        getxattr: the value in hex, or the errno's name
 *   set PATH NAME HEX    setxattr of the bytes HEX ("" for an empty value)
 *   setu32 PATH NAME N   setxattr of N as 4 raw little-endian bytes, as
 *                        the iamroot project writes user.iamroot.uid/gid/mode
 *   remove PATH NAME     removexattr
 * OP prefixed with l (llist, lget, ...) uses the l-call (no symlink
 * following); with f (flist, fget, ...) the f-call on a descriptor of PATH
 * opened O_RDONLY|O_NONBLOCK.
 * Exit status 0 when the call succeeded, 1 when it failed (the errno's name
 * printed), 2 on bad usage.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/xattr.h>

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int failed(const char *what)
{
	printf("%s: %s\n", what, strerrorname_np(errno) ? strerrorname_np(errno) : "E?");
	return 1;
}

static char kind;	/* 'p'lain, 'l', 'f' */
static int fd = -1;

static ssize_t x_list(const char *p, char *b, size_t n)
{
	return kind == 'l' ? llistxattr(p, b, n) : kind == 'f' ? flistxattr(fd, b, n) : listxattr(p, b, n);
}

static ssize_t x_get(const char *p, const char *name, void *b, size_t n)
{
	return kind == 'l' ? lgetxattr(p, name, b, n) : kind == 'f' ? fgetxattr(fd, name, b, n)
			   : getxattr(p, name, b, n);
}

static int x_set(const char *p, const char *name, const void *b, size_t n)
{
	return kind == 'l' ? lsetxattr(p, name, b, n, 0) : kind == 'f' ? fsetxattr(fd, name, b, n, 0)
			   : setxattr(p, name, b, n, 0);
}

static int x_remove(const char *p, const char *name)
{
	return kind == 'l' ? lremovexattr(p, name) : kind == 'f' ? fremovexattr(fd, name)
			   : removexattr(p, name);
}

int main(int argc, char **argv)
{
	static char buf[65536 * 2];
	const char *op = argc > 1 ? argv[1] : "", *path = argc > 2 ? argv[2] : "";
	ssize_t n;

	kind = 'p';
	if ((op[0] == 'l' && strncmp(op, "list", 4) != 0) || op[0] == 'f')
		kind = *op++;
	if (argc < 3)
		goto usage;
	if (kind == 'f' && (fd = open(path, O_RDONLY | O_NONBLOCK)) < 0)
		return failed("open");
	if (!strcmp(op, "list")) {
		char *names[4096];
		size_t count = 0;

		n = x_list(path, buf, sizeof(buf));
		if (n < 0)
			return failed("list");
		for (char *p = buf; p < buf + n && count < 4096; p += strlen(p) + 1)
			names[count++] = p;
		qsort(names, count, sizeof(names[0]), cmp);
		for (size_t i = 0; i < count; i++)
			printf("%s\n", names[i]);
		return 0;
	}
	if (argc < 4)
		goto usage;
	if (!strcmp(op, "get")) {
		n = x_get(path, argv[3], buf, sizeof(buf));
		if (n < 0)
			return failed("get");
		for (ssize_t i = 0; i < n; i++)
			printf("%02x", (unsigned char)buf[i]);
		printf("\n");
		return 0;
	}
	if (!strcmp(op, "remove"))
		return x_remove(path, argv[3]) < 0 ? failed("remove") : 0;
	if (argc < 5)
		goto usage;
	if (!strcmp(op, "set")) {
		size_t len = strlen(argv[4]) / 2;

		for (size_t i = 0; i < len; i++) {
			unsigned v;

			if (sscanf(argv[4] + 2 * i, "%2x", &v) != 1)
				goto usage;
			buf[i] = (char)v;
		}
		return x_set(path, argv[3], buf, len) < 0 ? failed("set") : 0;
	}
	if (!strcmp(op, "setu32")) {
		uint32_t v = (uint32_t)strtoul(argv[4], NULL, 0);
		unsigned char le[4] = { v, v >> 8, v >> 16, v >> 24 };

		return x_set(path, argv[3], le, 4) < 0 ? failed("set") : 0;
	}
usage:
	fprintf(stderr, "usage: xattrs [l|f]list|get|set|setu32|remove PATH [NAME [VALUE]]\n");
	return 2;
}
