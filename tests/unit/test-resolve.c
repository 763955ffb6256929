/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * resolve_path() against what the kernel does under a real chroot.
 *
 * A group setup builds a real tree under mkdtemp (DIR), two binding
 * directories elsewhere in /tmp, and a "tracee" child whose /proc/PID the
 * resolver reads for /proc/self.  Every row of `rows` is run through
 * resolve_path() and the host path (or -errno) compared exactly.
 *
 * The oracle is the kernel.  Each expectation was checked by running the
 * same walk in a real chroot as root: a probe (kept out of the tree),
 * started in a private mount namespace, bind-mounted the binding
 * directories where the rows' bindings put them, mounted proc,
 * pivot_root'ed into DIR (so that DIR is the real "/" and `..` stops there
 * as the session root makes it stop),
 * then for each row chdir(base), chroot(root) without chdir, and
 * open(path, O_PATH [| O_NOFOLLOW]); the fd went to the unchrooted parent
 * over SCM_RIGHTS and was read back with readlink(/proc/self/fd/N).  Where
 * the open failed with ENOENT, the would-be path was learnt by creating it
 * (open O_CREAT, or mkdir for a trailing slash) and removing it again.
 * An expectation ending in "/" on a non-directory (or "f/x" not followed)
 * is a host path on which the kernel fails as it did under the chroot
 * (ENOTDIR).  Set TEST_RESOLVE_KEEP=1 to keep the tree and print its paths
 * for such a check.  Which rows that covers is said above each group: all
 * of them, with the /proc rows compared up to the pid.
 *
 * Rows where the resolver disagrees with the kernel are marked BUG_OK /
 * BUG_ER with the reason: the expectation stays the kernel's, the row is
 * reported as a known bug and does not fail the test, and it DOES fail the
 * test once the resolver agrees, so that the mark gets dropped.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "resolve.h"

/* ---- the tree ---- */

static struct {
	char tree[PATH_MAX];	/* DIR, realpath */
	char bind[PATH_MAX];	/* appears at /mnt/b */
	char bind2[PATH_MAX];	/* appears at /mnt/b/inner */
	struct vroot plain;	/* DIR, no bindings */
	struct vroot bound;	/* DIR with /mnt/b, /mnt/b/inner and /proc */
	struct vroot identity;	/* the host's own / */
	pid_t tracee;		/* cwd DIR/d; fd 100 DIR/d/f, 101 a pipe, 102 DIR/d */
} T;

#define NAME255 255
#define DEEP_LEVELS 16		/* of 250 chars, then one of 60: a session path of 4082 */

static void at(char *buf, size_t size, const char *top, const char *rel)
{
	int n = snprintf(buf, size, "%s/%s", top, rel);

	assert_true(n > 0 && (size_t)n < size);
}

static void mk_dir(const char *top, const char *rel)
{
	char p[PATH_MAX];

	at(p, sizeof(p), top, rel);
	if (mkdir(p, 0755) < 0)
		fail_msg("mkdir %s: %m", p);
}

static void mk_file(const char *top, const char *rel)
{
	char p[PATH_MAX];
	int fd;

	at(p, sizeof(p), top, rel);
	fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0)
		fail_msg("create %s: %m", p);
	close(fd);
}

static void mk_link(const char *target, const char *top, const char *rel)
{
	char p[PATH_MAX];

	at(p, sizeof(p), top, rel);
	if (symlink(target, p) < 0)
		fail_msg("symlink %s: %m", p);
}

static char *repeat(char *buf, const char *unit, unsigned times)
{
	size_t u = strlen(unit);

	for (unsigned i = 0; i < times; i++)
		memcpy(buf + i * u, unit, u);
	buf[times * u] = '\0';
	return buf;
}

static const char *long_name(unsigned len)
{
	static char n255[NAME255 + 1], n256[NAME255 + 2];
	char *b = len == NAME255 ? n255 : n256;

	memset(b, 'n', len);
	b[len] = '\0';
	return b;
}

/* "/deep/ppp…(250)/…(16 levels)/qqq…(60)": a session path short enough
 * for the kernel, a host path (DIR + it) longer than PATH_MAX. */
static const char *deep_base(void)
{
	static char path[PATH_MAX];

	if (!path[0]) {
		char *p = stpcpy(path, "/deep");

		for (unsigned i = 0; i < DEEP_LEVELS; i++) {
			*p++ = '/';
			memset(p, 'p', 250);
			p += 250;
		}
		*p++ = '/';
		memset(p, 'q', 60);
		p[60] = '\0';
	}
	return path;
}

/* The tree below DIR/deep, built with *at() calls: its host paths are too
 * long for one path argument. */
static void mk_deep(void)
{
	char d[PATH_MAX];
	int fd;

	at(d, sizeof(d), T.tree, "deep");
	fd = open(d, O_PATH | O_DIRECTORY);
	assert_true(fd >= 0);
	for (const char *c = deep_base() + strlen("/deep/"); *c;) {
		const char *e = strchrnul(c, '/');
		char name[NAME255 + 1];
		int next;

		memcpy(name, c, (size_t)(e - c));
		name[e - c] = '\0';
		assert_int_equal(mkdirat(fd, name, 0755), 0);
		next = openat(fd, name, O_PATH | O_DIRECTORY);
		assert_true(next >= 0);
		close(fd);
		fd = next;
		c = *e ? e + 1 : e;
	}
	{
		int f = openat(fd, "x", O_WRONLY | O_CREAT | O_EXCL, 0644);

		assert_true(f >= 0);
		close(f);
	}
	close(fd);
}

static void rm_rf_at(int dfd, const char *name)
{
	int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	DIR *d;
	struct dirent *de;

	if (fd < 0) {
		unlinkat(dfd, name, 0);
		return;
	}
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			rm_rf_at(dirfd(d), de->d_name);
	closedir(d);
	unlinkat(dfd, name, AT_REMOVEDIR);
}

static void rm_rf(const char *path)
{
	if (path[0])
		rm_rf_at(AT_FDCWD, path);
}

static void make_tmp(char *ret, const char *tmpl)
{
	char t[PATH_MAX], *r;

	snprintf(t, sizeof(t), "%s", tmpl);
	assert_non_null(mkdtemp(t));
	r = realpath(t, NULL);
	assert_non_null(r);
	snprintf(ret, PATH_MAX, "%s", r);
	free(r);
}

static void build_tree(void)
{
	const char *D = T.tree;
	char name[PATH_MAX], target[2 * PATH_MAX];

	mk_file(D, "f");
	mk_dir(D, "d");
	mk_file(D, "d/f");
	mk_dir(D, "d/e");
	mk_file(D, "d/e/g");
	mk_link("../../..", D, "d/e/up");
	mk_link("../f", D, "d/e/back");
	mk_link("/d/e", D, "d/mid");		/* absolute, in the middle of paths */
	snprintf(name, sizeof(name), "d/%s", long_name(NAME255));
	mk_file(D, name);

	mk_link("d/f", D, "rel");
	mk_link("d", D, "reld");
	mk_link("/d/e", D, "abs");
	mk_link("/d/e/g", D, "absf");
	mk_link("/", D, "absroot");
	mk_link("chain2", D, "chain1");
	mk_link("chain3", D, "chain2");
	mk_link("reld", D, "chain3");
	mk_link("/chain1", D, "chainabs");
	mk_link("loop2", D, "loop1");
	mk_link("loop1", D, "loop2");
	mk_link("selfloop", D, "selfloop");
	mk_link("nowhere", D, "dangling");
	mk_link("/d/nowhere", D, "danglingabs");
	mk_link("nowhere/sub", D, "danglingdir");
	mk_link("f/", D, "fslash");
	mk_link("nowhere/", D, "nslash");
	mk_link("f/..", D, "fdotdot");

	/* l0 -> l1 -> ... -> l40 -> ../f: l1 takes 40 links, l0 41. */
	mk_dir(D, "links");
	for (int i = 0; i <= 40; i++) {
		snprintf(name, sizeof(name), "links/l%d", i);
		if (i == 40)
			snprintf(target, sizeof(target), "../f");
		else
			snprintf(target, sizeof(target), "l%d", i + 1);
		mk_link(target, D, name);
	}

	/* Nested links whose bodies each end in ~4 KiB of "./": what is still
	 * to walk after three of them exceeds any 2*PATH_MAX buffer, and the
	 * kernel, which stacks the bodies, does not care. */
	{
		char dots[4100];

		repeat(dots, "./", 2040);
		for (int i = 1; i <= 3; i++) {
			snprintf(name, sizeof(name), "n%d", i);
			snprintf(target, sizeof(target), "n%d/%s", i + 1, dots);
			mk_link(target, D, name);
		}
		mk_link("d", D, "n4");
	}

	mk_dir(D, "a");
	mk_dir(D, "a/b");
	mk_dir(D, "a/b/c");
	mk_dir(D, "a/b/c/d");
	mk_dir(D, "a/b/c/d/e");
	mk_dir(D, "a/b/c/d/e/f");
	mk_dir(D, "a/b/c/d/e/f/g");
	mk_dir(D, "a/b/c/d/e/f/g/h");
	mk_file(D, "a/b/c/d/e/f/g/h/leaf");

	/* A chroot target, and a directory outside it to chroot from. */
	mk_dir(D, "jail");
	mk_file(D, "jail/f");
	mk_dir(D, "jail/d");
	mk_file(D, "jail/d/g");
	mk_link("/d", D, "jail/abs");
	mk_link("../../..", D, "jail/up");
	mk_link("/../..", D, "jail/esc");
	mk_dir(D, "outside");
	mk_dir(D, "outside/sub");
	mk_file(D, "outside/sub/h");
	mk_link("/f", D, "outside/abs");

	/* Mount points of the bindings (a real mount needs them too). */
	mk_dir(D, "mnt");
	mk_dir(D, "mnt/b");
	mk_file(D, "mnt/b/shadow");		/* hidden by the binding */
	mk_dir(D, "proc");
	mk_link("/mnt/b/bf", D, "tobind");
	mk_link("mnt/b/inner/x", D, "tobind2");

	mk_dir(D, "deep");
	mk_deep();
	mk_dir(D, "scratch");

	mk_file(T.bind, "bf");
	mk_dir(T.bind, "sub");
	mk_file(T.bind, "sub/s");
	mk_dir(T.bind, "inner");
	mk_file(T.bind, "inner/hidden");	/* hidden by the deeper binding */
	mk_link("../..", T.bind, "up");
	mk_link("/d", T.bind, "abs");
	mk_link("sub/s", T.bind, "rel");

	mk_file(T.bind2, "x");
	mk_link("../bf", T.bind2, "y");
}

/* A process whose /proc/PID the rows read, as the tracer reads a tracee's. */
static pid_t start_tracee(void)
{
	int ready[2];
	char c;
	pid_t pid;

	assert_int_equal(pipe(ready), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char p[PATH_MAX];
		int pp[2];

		at(p, sizeof(p), T.tree, "d");
		if (chdir(p) < 0 || pipe(pp) < 0 ||
		    dup2(open("f", O_RDONLY), 100) < 0 || dup2(pp[0], 101) < 0 ||
		    dup2(open(".", O_PATH | O_DIRECTORY), 102) < 0)
			_exit(1);
		if (write(ready[1], "", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(ready[1]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	return pid;
}

static void init_vroot(struct vroot *vr, const char *host_root)
{
	memset(vr, 0, sizeof(*vr));
	snprintf(vr->host_root, sizeof(vr->host_root), "%s", host_root);
	vr->host_root_len = strlen(vr->host_root);
}

static int group_setup(void **state)
{
	make_tmp(T.tree, "/tmp/test-resolve-XXXXXX");
	make_tmp(T.bind, "/tmp/test-resolve-bind-XXXXXX");
	make_tmp(T.bind2, "/tmp/test-resolve-bind2-XXXXXX");
	build_tree();

	init_vroot(&T.plain, T.tree);
	init_vroot(&T.bound, T.tree);
	assert_int_equal(vroot_add_binding(&T.bound, T.bind, "/mnt/b"), 0);
	assert_int_equal(vroot_add_binding(&T.bound, T.bind2, "/mnt/b/inner"), 0);
	assert_int_equal(vroot_add_binding(&T.bound, "/proc", "/proc"), 0);
	init_vroot(&T.identity, "");

	T.tracee = start_tracee();
	if (getenv("TEST_RESOLVE_KEEP"))
		fprintf(stderr, "TREE=%s BIND=%s BIND2=%s tracee=%d\n",
			T.tree, T.bind, T.bind2, T.tracee);
	return 0;
}

static int group_teardown(void **state)
{
	if (T.tracee > 0) {
		kill(T.tracee, SIGKILL);
		waitpid(T.tracee, NULL, 0);
	}
	while (T.bound.nbindings)
		vroot_remove_binding(&T.bound, T.bound.bindings[0].guest);
	free(T.bound.bindings);
	if (!getenv("TEST_RESOLVE_KEEP")) {
		rm_rf(T.tree);
		rm_rf(T.bind);
		rm_rf(T.bind2);
	}
	return 0;
}

/* ---- expanding the rows ---- */

/* In rows: {255} and {256} are names of that length, {deep} the deep
 * session directory, {P4095} and {P4096} paths of that many bytes,
 * {pid} the tracee.  In expectations, a leading "@" is the first binding
 * directory, "%" the second, "!" an absolute host path; anything else
 * (also "") follows DIR. */
static void expand(const char *in, char *out, size_t size)
{
	char *o = out, *end = out + size - 1;

	while (*in) {
		char tmp[PATH_MAX + 8];
		const char *rep = NULL;
		size_t skip = 0;

		if (!strncmp(in, "{255}", 5)) {
			rep = long_name(NAME255), skip = 5;
		} else if (!strncmp(in, "{256}", 5)) {
			rep = long_name(NAME255 + 1), skip = 5;
		} else if (!strncmp(in, "{deep}", 6)) {
			rep = deep_base(), skip = 6;
		} else if (!strncmp(in, "{P4095}", 7)) {	/* "/" + "./" x 2047 */
			tmp[0] = '/';
			repeat(tmp + 1, "./", 2047);
			rep = tmp, skip = 7;
		} else if (!strncmp(in, "{P4096}", 7)) {	/* the same and a "d" */
			tmp[0] = '/';
			strcat(repeat(tmp + 1, "./", 2047), "d");
			rep = tmp, skip = 7;
		} else if (!strncmp(in, "{pid}", 5)) {
			snprintf(tmp, sizeof(tmp), "%d", T.tracee);
			rep = tmp, skip = 5;
		}
		if (rep) {
			size_t n = strlen(rep);

			assert_true(o + n <= end);
			memcpy(o, rep, n);
			o += n;
			in += skip;
		} else {
			assert_true(o < end);
			*o++ = *in++;
		}
	}
	*o = '\0';
}

static void expected_host(const char *want, char *out, size_t size)
{
	char rest[2 * PATH_MAX];
	const char *top = T.tree;

	switch (want[0]) {
	case '@': top = T.bind; want++; break;
	case '%': top = T.bind2; want++; break;
	case '!': top = ""; want++; break;
	}
	expand(want, rest, sizeof(rest));
	assert_true(strlen(top) + strlen(rest) < size);
	strcpy(stpcpy(out, top), rest);
}

/* ---- the table ---- */

struct row {
	const char *root, *base;
	int set;		/* 0: no bindings; 1: /mnt/b, /mnt/b/inner, /proc */
	const char *path;
	unsigned flags;
	const char *want;	/* host path, see expand(); NULL: want_err */
	int want_err;		/* positive errno */
	const char *bug;	/* known disagreement with the kernel */
};

#define NF RES_NOFOLLOW
#define PA RES_PARENT
#define OK(ro, ba, s, pa, fl, w)		{ ro, ba, s, pa, fl, w, 0, NULL }
#define ER(ro, ba, s, pa, fl, e)		{ ro, ba, s, pa, fl, NULL, e, NULL }
#define BUG_OK(ro, ba, s, pa, fl, w, why)	{ ro, ba, s, pa, fl, w, 0, why }

static const struct row rows[] = {
	/* Plain paths, absolute and relative.  All kernel-checked. */
	OK("/", "/", 0, "/", 0, "/"),
	OK("/", "/", 0, "/f", 0, "/f"),
	OK("/", "/", 0, "/d/e/g", 0, "/d/e/g"),
	OK("/", "/", 0, "f", 0, "/f"),
	OK("/", "/d", 0, "e/g", 0, "/d/e/g"),
	OK("/", "/d", 0, ".", 0, "/d"),
	OK("/", "/d", 0, "./", 0, "/d/"),
	OK("/", "/", 0, "//d///e//g", 0, "/d/e/g"),
	OK("/", "/", 0, "/a/b/c/d/e/f/g/h/leaf", 0, "/a/b/c/d/e/f/g/h/leaf"),
	OK("/", "/a/b/c/d/e/f/g", 0, "h/leaf", NF, "/a/b/c/d/e/f/g/h/leaf"),
	OK("/", "/", 0, "/.", 0, ""),
	OK("/", "/", 0, "/./", 0, "/"),

	/* `.` and `..`: clamped at the root.  All kernel-checked. */
	OK("/", "/", 0, "/..", 0, ""),
	OK("/", "/", 0, "/../..", 0, ""),
	OK("/", "/", 0, "/../../f", 0, "/f"),
	OK("/", "/", 0, "d/../../..", 0, ""),
	OK("/", "/", 0, "..", 0, ""),
	OK("/", "/d/e", 0, "../../../..", 0, ""),
	OK("/", "/d/e", 0, "../f", 0, "/d/f"),
	OK("/", "/", 0, "/d/./e/../f", 0, "/d/f"),
	OK("/", "/", 0, "/d/e/..", 0, "/d"),
	OK("/", "/", 0, "/d/e/.", 0, "/d/e"),
	OK("/", "/", 0, "/d/e/./", 0, "/d/e/"),
	OK("/", "/", 0, "/d/e/../", 0, "/d/"),
	OK("/", "/", 0, "/a/b/c/../../../d/e/g", NF, "/d/e/g"),

	/* Symlinks: relative, absolute, in the middle, last component
	 * followed or not, trailing slash and trailing `.`/`..` after them.
	 * All kernel-checked. */
	OK("/", "/", 0, "/rel", 0, "/d/f"),
	OK("/", "/", 0, "/rel", NF, "/rel"),
	OK("/", "/", 0, "/reld/f", 0, "/d/f"),
	OK("/", "/", 0, "/reld/f", NF, "/d/f"),
	OK("/", "/", 0, "/abs", 0, "/d/e"),
	OK("/", "/", 0, "/abs", NF, "/abs"),
	OK("/", "/", 0, "/abs/g", 0, "/d/e/g"),
	OK("/", "/", 0, "/abs/g", NF, "/d/e/g"),
	OK("/", "/", 0, "/abs/", NF, "/d/e/"),	/* trailing slash: followed */
	OK("/", "/", 0, "/reld/", NF, "/d/"),
	OK("/", "/", 0, "/rel/", NF, "/d/f/"),	/* the kernel then says ENOTDIR */
	OK("/", "/", 0, "/abs/.", NF, "/d/e"),
	OK("/", "/", 0, "/abs/..", NF, "/d"),	/* `..` of the target, not lexical */
	OK("/", "/", 0, "/reld/..", NF, ""),
	OK("/", "/", 0, "/d/mid/g", 0, "/d/e/g"),
	OK("/", "/", 0, "/d/mid/g", NF, "/d/e/g"),
	OK("/", "/", 0, "/d/mid/up", NF, "/d/e/up"),
	OK("/", "/", 0, "/d/mid/up", 0, ""),
	OK("/", "/", 0, "/d/mid/up/", 0, "/"),
	OK("/", "/", 0, "/d/e/up/f", 0, "/f"),
	OK("/", "/", 0, "/d/e/up/../../d", 0, "/d"),
	OK("/", "/d/e", 0, "up/d/e/back", 0, "/d/f"),
	OK("/", "/", 0, "/absf", 0, "/d/e/g"),
	OK("/", "/", 0, "/absroot/d", 0, "/d"),
	OK("/", "/", 0, "/absroot/..", 0, ""),

	/* Chains and loops.  All kernel-checked (40 links pass, 41 do not). */
	OK("/", "/", 0, "/chain1/f", 0, "/d/f"),
	OK("/", "/", 0, "/chain1", 0, "/d"),
	OK("/", "/", 0, "/chain1", NF, "/chain1"),
	OK("/", "/", 0, "/chainabs/e", NF, "/d/e"),
	OK("/", "/", 0, "/links/l1", 0, "/f"),
	ER("/", "/", 0, "/links/l0", 0, ELOOP),
	OK("/", "/", 0, "/links/l0", NF, "/links/l0"),
	ER("/", "/", 0, "/links/l0/", NF, ELOOP),
	ER("/", "/", 0, "/loop1", 0, ELOOP),
	OK("/", "/", 0, "/loop1", NF, "/loop1"),
	ER("/", "/", 0, "/loop1/x", NF, ELOOP),
	ER("/", "/", 0, "/selfloop", 0, ELOOP),

	/* Dangling links: followed, the kernel creates the target (open
	 * O_CREAT makes DIR/nowhere); not followed, the link itself.
	 * Kernel-checked; "/dangling/" by lstat (ENOENT at nowhere) since
	 * mkdir does not follow and says EEXIST. */
	/* RES_PARENT (mkdir, unlink, rmdir, rename): the name is never
	 * followed, even with a trailing slash; checked with rmdir, mkdir and
	 * unlink in a real chroot: ENOTDIR, EEXIST and EINVAL come from the
	 * kernel on these host paths. */
	OK("/", "/", 0, "/reld/", PA, "/reld/"),
	OK("/", "/", 0, "/dangling/", PA, "/dangling/"),
	OK("/", "/", 0, "/d/.", PA, "/d/."),
	OK("/", "/", 0, "/d/..", PA, "/d/.."),
	OK("/", "/", 0, "/reld/f", PA, "/d/f"),
	OK("/", "/", 0, "/d/mid/new", PA, "/d/e/new"),
	OK("/", "/d", 0, "new", PA, "/d/new"),
	OK("/", "/", 0, "/../../new/", PA, "/new/"),
	ER("/", "/", 0, "/", PA, EBUSY),
	ER("/", "/", 0, "//", PA, EBUSY),
	ER("/", "/", 0, "/f/x", PA, ENOTDIR),
	ER("/", "/", 0, "/nowhere/x", PA, ENOENT),
	OK("/", "/", 0, "/dangling", 0, "/nowhere"),
	OK("/", "/", 0, "/dangling", NF, "/dangling"),
	ER("/", "/", 0, "/dangling/x", 0, ENOENT),
	OK("/", "/", 0, "/dangling/", NF, "/nowhere/"),
	OK("/", "/", 0, "/danglingabs", 0, "/d/nowhere"),
	ER("/", "/", 0, "/danglingdir", 0, ENOENT),

	/* A trailing slash or `..` in a link's body binds as it does in a
	 * path.  Kernel-checked: open("fslash") and open("fdotdot") fail with
	 * ENOTDIR; open("nslash", O_CREAT) fails with EISDIR, as for
	 * "nowhere/", where the resolver's "DIR/nowhere" would create a file. */
	OK("/", "/", 0, "/fslash", 0, "/f/"),
	OK("/", "/", 0, "/nslash", 0, "/nowhere/"),
	ER("/", "/", 0, "/fdotdot", 0, ENOTDIR),

	/* ENOENT in the middle vs last; ENOTDIR through a file.
	 * Kernel-checked (missing last: created where the row says). */
	OK("/", "/", 0, "/missing", 0, "/missing"),
	OK("/", "/", 0, "/missing", NF, "/missing"),
	OK("/", "/", 0, "/missing/", 0, "/missing/"),
	OK("/", "/d", 0, "missing", NF, "/d/missing"),
	ER("/", "/", 0, "/missing/x", 0, ENOENT),
	ER("/", "/", 0, "/missing/x", NF, ENOENT),
	ER("/", "/", 0, "/missing/..", 0, ENOENT),
	ER("/", "/", 0, "/missing/.", 0, ENOENT),
	ER("/", "/", 0, "/f/x", 0, ENOTDIR),
	ER("/", "/", 0, "/f/x", NF, ENOTDIR),
	ER("/", "/", 0, "/f/x/y", NF, ENOTDIR),
	ER("/", "/", 0, "/rel/x", 0, ENOTDIR),
	ER("/", "/", 0, "/d/f/x", 0, ENOTDIR),
	OK("/", "/", 0, "/f/", 0, "/f/"),	/* the kernel then says ENOTDIR */
	ER("/", "/", 0, "/f/.", 0, ENOTDIR),
	ER("/", "/", 0, "/f/..", 0, ENOTDIR),
	ER("/", "/", 0, "/rel/..", NF, ENOTDIR),
	ER("/", "/", 0, "/rel/.", NF, ENOTDIR),

	/* Names and lengths.  All kernel-checked ({deep}/x: chdir into the
	 * 4082-byte directory and open "x" succeeds). */
	OK("/", "/", 0, "/d/{255}", 0, "/d/{255}"),
	OK("/", "/", 0, "/{255}", 0, "/{255}"),
	ER("/", "/", 0, "/d/{256}", 0, ENAMETOOLONG),
	ER("/", "/", 0, "/d/{256}", NF, ENAMETOOLONG),
	ER("/", "/", 0, "/d/{256}/x", 0, ENAMETOOLONG),
	ER("/", "/", 0, "/missing/{256}", 0, ENOENT),
	ER("/", "/", 0, "/f/{256}", 0, ENOTDIR),
	OK("/", "/", 0, "{P4095}", 0, "/"),
	ER("/", "/", 0, "{P4096}", 0, ENAMETOOLONG),
	OK("/", "/", 0, "/n1/f", 0, "/d/f"),
	BUG_OK("/", "{deep}", 0, "x", NF, "{deep}/x",
	       "DIR + session path exceeds PATH_MAX: ENAMETOOLONG (no single host path can say it)"),
	OK("/", "{deep}", 0, "../../../../../../../../../../../../../../../../../f", 0, "/deep/f"),
	ER("/", "/", 0, "", 0, ENOENT),
	ER("/", "/d", 0, "", NF, ENOENT),

	/* A chroot at /jail: `..` and absolute targets stay inside.
	 * All kernel-checked. */
	OK("/jail", "/jail", 0, "/f", 0, "/jail/f"),
	OK("/jail", "/jail", 0, "/", 0, "/jail/"),
	OK("/jail", "/jail", 0, "/..", 0, "/jail"),
	OK("/jail", "/jail", 0, "/../../f", 0, "/jail/f"),
	OK("/jail", "/jail", 0, "..", 0, "/jail"),
	OK("/jail", "/jail/d", 0, "../../../g", 0, "/jail/g"),
	OK("/jail", "/jail", 0, "d/../../..", 0, "/jail"),
	OK("/jail", "/jail", 0, "/abs/g", 0, "/jail/d/g"),
	OK("/jail", "/jail", 0, "/abs", NF, "/jail/abs"),
	OK("/jail", "/jail", 0, "/up", 0, "/jail"),
	OK("/jail", "/jail", 0, "/up/f", 0, "/jail/f"),
	OK("/jail", "/jail", 0, "/esc", 0, "/jail"),
	OK("/jail", "/jail", 0, "/esc/abs/", 0, "/jail/d/"),
	OK("/jail", "/jail/d", 0, "/abs/../f", 0, "/jail/f"),

	/* chroot without chdir: the base is outside the process's root and
	 * `..` climbs from there up to the session root, as the kernel lets
	 * it (to the real root: DIR, pivot_root'ed, in the check).  Only
	 * reaching the process's root again stops it.  All kernel-checked. */
	OK("/jail", "/outside/sub", 0, "h", 0, "/outside/sub/h"),
	OK("/jail", "/outside/sub", 0, "..", 0, "/outside"),
	OK("/jail", "/outside/sub", 0, "../..", 0, ""),
	OK("/jail", "/outside/sub", 0, "../../../..", 0, ""),
	OK("/jail", "/outside/sub", 0, "../../jail/f", 0, "/jail/f"),
	OK("/jail", "/outside/sub", 0, "../../jail/..", 0, "/jail"),
	OK("/jail", "/outside/sub", 0, "../abs", 0, "/jail/f"),
	OK("/jail", "/outside/sub", 0, "/f", 0, "/jail/f"),
	OK("/jail", "/", 0, "jail/up", 0, "/jail"),
	OK("/jail", "/", 0, "..", 0, ""),
	OK("/jail", "/d", 0, "e/up/f", 0, "/f"),

	/* Bindings: /mnt/b is BIND, /mnt/b/inner is BIND2 (deepest wins),
	 * /proc is /proc.  Kernel-checked with real bind mounts. */
	OK("/", "/", 1, "/mnt/b/bf", 0, "@/bf"),
	OK("/", "/", 1, "/mnt/b", 0, "@"),
	OK("/", "/", 1, "/mnt/b/", 0, "@/"),
	OK("/", "/", 1, "/mnt/b/shadow", 0, "@/shadow"),
	OK("/", "/", 1, "/mnt/b/inner/x", 0, "%/x"),
	OK("/", "/", 1, "/mnt/b/inner", NF, "%"),
	OK("/", "/", 1, "/mnt/b/inner/hidden", 0, "%/hidden"),
	OK("/", "/", 1, "/mnt/b/inner/..", 0, "@"),
	OK("/", "/", 1, "/mnt/b/inner/../bf", 0, "@/bf"),
	OK("/", "/", 1, "/mnt/b/..", 0, "/mnt"),
	OK("/", "/", 1, "/mnt/b/../..", 0, ""),
	OK("/", "/", 1, "/mnt/b/sub/../../b/bf", 0, "@/bf"),
	OK("/", "/", 1, "/tobind", 0, "@/bf"),
	OK("/", "/", 1, "/tobind", NF, "/tobind"),
	OK("/", "/", 1, "/tobind2", 0, "%/x"),
	OK("/", "/", 1, "/mnt/b/up", 0, ""),
	OK("/", "/", 1, "/mnt/b/up", NF, "@/up"),
	OK("/", "/", 1, "/mnt/b/up/f", 0, "/f"),
	OK("/", "/", 1, "/mnt/b/abs/f", 0, "/d/f"),
	OK("/", "/", 1, "/mnt/b/rel", 0, "@/sub/s"),
	OK("/", "/", 1, "/mnt/b/inner/y", 0, "@/bf"),
	ER("/", "/", 1, "/mnt/b/bf/x", 0, ENOTDIR),
	ER("/", "/", 1, "/mnt/b/nothing/x", 0, ENOENT),
	OK("/", "/", 1, "mnt/b/inner/x", 0, "%/x"),
	OK("/", "/mnt/b", 1, "inner/x", 0, "%/x"),
	OK("/", "/mnt/b/inner", 1, "..", 0, "@"),
	OK("/", "/mnt/b/inner", 1, "../../b/inner/../../../f", 0, "/f"),
	OK("/mnt/b", "/mnt/b", 1, "/..", 0, "@"),
	OK("/mnt/b", "/mnt/b", 1, "/up", 0, "@"),
	OK("/mnt/b", "/mnt/b", 1, "/abs", 0, "@/d"),
	OK("/mnt/b", "/mnt/b", 1, "/inner/y", 0, "@/bf"),

	/* /proc/self is the tracee (cwd /d, fd 100 /d/f, 101 a pipe, 102 /d);
	 * its magic links lead to objects.  Kernel-checked with the probe
	 * as the "tracee" (its pid in place of {pid}); the pipe read back as
	 * "pipe:[…]", a link the kernel follows itself. */
	OK("/", "/d", 1, "/proc/self", NF, "!/proc/self"),
	OK("/", "/d", 1, "/proc/self", 0, "!/proc/{pid}"),
	OK("/", "/d", 1, "/proc/self/root", 0, ""),
	OK("/", "/d", 1, "/proc/self/root", NF, "!/proc/{pid}/root"),
	OK("/", "/d", 1, "/proc/self/root/f", 0, "/f"),
	OK("/", "/d", 1, "/proc/self/root/..", 0, ""),
	OK("/", "/d", 1, "/proc/thread-self/root/d", 0, "/d"),
	OK("/", "/d", 1, "/proc/self/cwd", 0, "/d"),
	OK("/", "/d", 1, "/proc/self/cwd/e/g", 0, "/d/e/g"),
	OK("/", "/d", 1, "/proc/self/fd/100", 0, "/d/f"),
	OK("/", "/d", 1, "/proc/self/fd/100", NF, "!/proc/{pid}/fd/100"),
	OK("/", "/d", 1, "/proc/self/fd/102/e/g", 0, "/d/e/g"),
	OK("/", "/d", 1, "/proc/self/fd/101", 0, "!/proc/{pid}/fd/101"),
	ER("/", "/d", 1, "/proc/self/fd/101/x", 0, ENOTDIR),
	ER("/", "/d", 1, "/proc/self/fd/100/x", 0, ENOTDIR),
	ER("/", "/d", 1, "/proc/self/fd/100/..", 0, ENOTDIR),
	OK("/jail", "/d", 1, "../proc/self/root", 0, "/jail"),
	OK("/jail", "/d", 1, "../proc/self/root/../f", 0, "/jail/f"),
};

static void print_row(unsigned i, const struct row *r, const char *want, int got, const char *host)
{
	fprintf(stderr, "row %u: root=%s base=%.60s set=%d path=\"%.80s\"%s flags=%s\n"
		"    want %.160s, got %.160s\n", i, r->root, r->base, r->set, r->path,
		strlen(r->path) > 80 ? "..." : "", r->flags ? "NOFOLLOW" : "0",
		r->want ? want : strerrorname_np(r->want_err),
		got < 0 ? strerrorname_np(-got) : host);
	if (r->bug)
		fprintf(stderr, "    BUG: %s\n", r->bug);
}

static void test_resolve_rows(void **state)
{
	unsigned failed = 0, bugs = 0;

	for (unsigned i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];
		char root[PATH_MAX], base[PATH_MAX], path[2 * PATH_MAX];
		char want[2 * PATH_MAX] = "", host[2 * PATH_MAX] = "";
		struct resolve_ctx c = {
			.vr = r->set ? &T.bound : &T.plain,
			.root = root, .base = base,
			.tgid = T.tracee, .tid = T.tracee,
		};
		bool agree;
		int got;

		expand(r->root, root, sizeof(root));
		expand(r->base, base, sizeof(base));
		expand(r->path, path, sizeof(path));
		if (r->want)
			expected_host(r->want, want, sizeof(want));
		got = resolve_path(&c, path, r->flags, host, sizeof(host));
		agree = r->want ? got == 0 && !strcmp(host, want) : got == -r->want_err;
		if (r->bug && agree) {
			fprintf(stderr, "row %u is marked BUG but now agrees with the kernel: drop the mark\n", i);
			print_row(i, r, want, got, host);
			failed++;
		} else if (r->bug) {
			fprintf(stderr, "known ");
			print_row(i, r, want, got, host);
			bugs++;
		} else if (!agree) {
			fprintf(stderr, "FAILED ");
			print_row(i, r, want, got, host);
			failed++;
		}
	}
	fprintf(stderr, "%zu rows, %u known bugs, %u failed\n",
		sizeof(rows) / sizeof(rows[0]), bugs, failed);
	assert_int_equal(failed, 0);
}

/* ---- session <-> host ---- */

static void test_session_host_round_trip(void **state)
{
	static const struct {
		int set;
		const char *session, *host;	/* host as in the rows' expectations */
	} map[] = {
		{ 0, "/", "" },
		{ 0, "/d/f", "/d/f" },
		{ 0, "/mnt/b/bf", "/mnt/b/bf" },
		{ 1, "/", "" },
		{ 1, "/mnt", "/mnt" },
		{ 1, "/mnt/b", "@" },
		{ 1, "/mnt/b/bf", "@/bf" },
		{ 1, "/mnt/b/inner", "%" },
		{ 1, "/mnt/b/inner/x", "%/x" },
		{ 1, "/mnt/bx", "/mnt/bx" },		/* a prefix, not a component */
		{ 1, "/mnt/b/innerx", "@/innerx" },
		{ 1, "/proc/1/cwd", "!/proc/1/cwd" },
		{ 1, "/proc", "!/proc" },
	};

	for (unsigned i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		const struct vroot *vr = map[i].set ? &T.bound : &T.plain;
		char want[PATH_MAX], host[PATH_MAX], back[PATH_MAX];

		expected_host(map[i].host, want, sizeof(want));
		assert_int_equal(vroot_session_to_host(vr, map[i].session, host, sizeof(host)), 0);
		if (strcmp(host, want))
			fail_msg("map %u: %s -> %s, want %s", i, map[i].session, host, want);
		assert_int_equal(vroot_host_to_session(vr, host, back, sizeof(back)), 0);
		if (strcmp(back, map[i].session))
			fail_msg("map %u: %s -> %s -> %s", i, map[i].session, host, back);
	}
}

static void test_host_to_session_outside(void **state)
{
	char host[2 * PATH_MAX], s[PATH_MAX];

	/* A sibling whose name DIR is a prefix of is not below DIR. */
	snprintf(host, sizeof(host), "%sx/f", T.tree);
	assert_int_equal(vroot_host_to_session(&T.plain, host, s, sizeof(s)), -EXDEV);
	snprintf(host, sizeof(host), "%sx", T.bind);
	assert_int_equal(vroot_host_to_session(&T.bound, host, s, sizeof(s)), -EXDEV);
	assert_int_equal(vroot_host_to_session(&T.plain, "/", s, sizeof(s)), -EXDEV);
	assert_int_equal(vroot_host_to_session(&T.plain, "/etc/passwd", s, sizeof(s)), -EXDEV);
	/* Without the binding, the binding's directory is outside. */
	snprintf(host, sizeof(host), "%s/bf", T.bind);
	assert_int_equal(vroot_host_to_session(&T.plain, host, s, sizeof(s)), -EXDEV);
	assert_int_equal(vroot_host_to_session(&T.bound, host, s, sizeof(s)), 0);
	assert_string_equal(s, "/mnt/b/bf");

	/* The host's own / as DIR: the identity. */
	assert_int_equal(vroot_host_to_session(&T.identity, "/etc/passwd", s, sizeof(s)), 0);
	assert_string_equal(s, "/etc/passwd");
	assert_int_equal(vroot_session_to_host(&T.identity, "/etc/passwd", s, sizeof(s)), 0);
	assert_string_equal(s, "/etc/passwd");
	assert_int_equal(vroot_session_to_host(&T.identity, "/", s, sizeof(s)), 0);
	assert_string_equal(s, "/");

	/* Too small a buffer. */
	assert_int_equal(vroot_session_to_host(&T.plain, "/d/f", s, strlen(T.tree) + 4), -ENAMETOOLONG);
	assert_int_equal(vroot_session_to_host(&T.plain, "/d/f", s, strlen(T.tree) + 5), 0);
}

/* ---- path_normalise ---- */

static void test_path_normalise(void **state)
{
	static const struct {
		const char *in;
		size_t size;		/* 0: PATH_MAX */
		const char *want;	/* NULL: err */
		int err;
	} norm[] = {
		{ "/", 0, "/", 0 },
		{ "//", 0, "/", 0 },
		{ "/a/b/", 0, "/a/b", 0 },
		{ "/a/./b", 0, "/a/b", 0 },
		{ "/a/../b", 0, "/b", 0 },
		{ "/a/b/..", 0, "/a", 0 },
		{ "/../..", 0, "/", 0 },
		{ "/a/b/../../..", 0, "/", 0 },
		{ "/a/b/../../../c", 0, "/c", 0 },
		{ "/a//b///c", 0, "/a/b/c", 0 },
		{ "/./.", 0, "/", 0 },
		{ "/...", 0, "/...", 0 },
		{ "/.a/..b/c.", 0, "/.a/..b/c.", 0 },
		{ "a/b", 0, NULL, EINVAL },
		{ "", 0, NULL, EINVAL },
		{ "./a", 0, NULL, EINVAL },
		{ "/abc", 5, "/abc", 0 },
		{ "/abc", 4, NULL, ENAMETOOLONG },
		{ "/a/bc", 5, NULL, ENAMETOOLONG },
		{ "/a/bc", 6, "/a/bc", 0 },
		{ "/", 1, NULL, EINVAL },
	};

	for (unsigned i = 0; i < sizeof(norm) / sizeof(norm[0]); i++) {
		char out[PATH_MAX];
		int r = path_normalise(norm[i].in, out, norm[i].size ? norm[i].size : sizeof(out));

		if (norm[i].want) {
			if (r != 0 || strcmp(out, norm[i].want))
				fail_msg("normalise %u \"%s\": %d \"%s\", want \"%s\"", i, norm[i].in,
					 r, r ? "" : out, norm[i].want);
		} else if (r != -norm[i].err) {
			fail_msg("normalise %u \"%s\": %d, want %d", i, norm[i].in, r, -norm[i].err);
		}
	}
}

/* ---- the cache ---- */

static void resolve_plain(const char *path, unsigned flags, char *ret)
{
	struct resolve_ctx c = { .vr = &T.plain, .root = "/", .base = "/",
				 .tgid = T.tracee, .tid = T.tracee };

	assert_int_equal(resolve_path(&c, path, flags, ret, PATH_MAX), 0);
}

/* A link replaced by a directory is seen as such after vroot_invalidate(). */
static void test_invalidate(void **state)
{
	char p[PATH_MAX], host[PATH_MAX], want[PATH_MAX];

	at(p, sizeof(p), T.tree, "scratch/s");
	assert_int_equal(symlink("/d", p), 0);
	resolve_plain("/scratch/s/f", 0, host);
	expected_host("/d/f", want, sizeof(want));
	assert_string_equal(host, want);

	assert_int_equal(unlink(p), 0);
	assert_int_equal(mkdir(p, 0755), 0);
	vroot_invalidate(&T.plain);
	resolve_plain("/scratch/s/f", 0, host);
	expected_host("/scratch/s/f", want, sizeof(want));
	assert_string_equal(host, want);

	assert_int_equal(rmdir(p), 0);
	vroot_invalidate(&T.plain);
	resolve_plain("/scratch/s", 0, host);
	expected_host("/scratch/s", want, sizeof(want));
	assert_string_equal(host, want);
}

/* Adding and removing a binding changes what a path reaches at once. */
static void test_binding_add_remove(void **state)
{
	char host[PATH_MAX], want[PATH_MAX];

	resolve_plain("/mnt/b/bf", 0, host);
	expected_host("/mnt/b/bf", want, sizeof(want));
	assert_string_equal(host, want);

	assert_int_equal(vroot_add_binding(&T.plain, T.bind, "/mnt/b"), 0);
	resolve_plain("/mnt/b/bf", 0, host);
	expected_host("@/bf", want, sizeof(want));
	assert_string_equal(host, want);
	resolve_plain("/mnt/b/shadow", NF, host);
	expected_host("@/shadow", want, sizeof(want));
	assert_string_equal(host, want);

	assert_int_equal(vroot_remove_binding(&T.plain, "/mnt/b"), 0);
	assert_int_equal(vroot_remove_binding(&T.plain, "/mnt/b"), -EINVAL);
	resolve_plain("/mnt/b/shadow", NF, host);
	expected_host("/mnt/b/shadow", want, sizeof(want));
	assert_string_equal(host, want);
	free(T.plain.bindings);
	T.plain.bindings = NULL;
}

static void test_magic_link_names(void **state)
{
	assert_true(resolve_is_magic_link("/proc/1/cwd"));
	assert_true(resolve_is_magic_link("/proc/12/root"));
	assert_true(resolve_is_magic_link("/proc/12/exe"));
	assert_true(resolve_is_magic_link("/proc/12/fd/3"));
	assert_true(resolve_is_magic_link("/proc/12/task/13/cwd"));
	assert_true(resolve_is_magic_link("/proc/12/task/13/fd/0"));
	assert_false(resolve_is_magic_link("/proc/self/cwd"));
	assert_false(resolve_is_magic_link("/proc/12/fd"));
	assert_false(resolve_is_magic_link("/proc/12/fd/"));
	assert_false(resolve_is_magic_link("/proc/12/fd/3x"));
	assert_false(resolve_is_magic_link("/proc/12/cwdx"));
	assert_false(resolve_is_magic_link("/proc/12/task/13/task/14/cwd"));
	assert_false(resolve_is_magic_link("/tmp/proc/12/cwd"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resolve_rows),
		cmocka_unit_test(test_session_host_round_trip),
		cmocka_unit_test(test_host_to_session_outside),
		cmocka_unit_test(test_path_normalise),
		cmocka_unit_test(test_invalidate),
		cmocka_unit_test(test_binding_add_remove),
		cmocka_unit_test(test_magic_link_names),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
