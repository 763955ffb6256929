/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A directory tree, read one of two ways:
 *
 * - as it is (SIDE_TREE): lstat and the real xattrs, what real root sees
 *   in a tree real root built;
 * - through the metadata store (SIDE_FAKE): what a program run under
 *   iamroot-run sees, i.e. fake_view() and the xattr handler of src/emul:
 *   the store's fake owner, group, mode, type and device number, the real
 *   user's own ids shown as 0 where the owner is not fake, the emulated
 *   security.* / trusted.* / system.* xattrs instead of the real ones, and
 *   the store's own user.iamroot.* names hidden.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "store.h"
#include "treecmp.h"

static struct store *store;
static char *temp_store_dir;	/* an empty stand-in when the store file does not exist */

/* The store iamroot-run would use: --store, else its own default. */
static const char *default_store_path(char *buf, size_t size)
{
	const char *env = getenv("IAMROOT_RUN_STORE"), *xdg = getenv("XDG_DATA_HOME"),
		   *home = getenv("HOME"), *tmp = getenv("TMPDIR");

	if (env && *env)
		return env;
	if (xdg && *xdg == '/')
		snprintf(buf, size, "%s/iamroot-run/store", xdg);
	else if (home && *home == '/')
		snprintf(buf, size, "%s/.local/share/iamroot-run/store", home);
	else
		snprintf(buf, size, "%s/iamroot-run-%u/store", tmp && *tmp ? tmp : "/tmp", getuid());
	return buf;
}

static void remove_temp_store(void)
{
	char path[PATH_MAX];

	store = store_close(store);
	if (!temp_store_dir)
		return;
	snprintf(path, sizeof(path), "%s/store", temp_store_dir);
	unlink(path);
	rmdir(temp_store_dir);
	free(temp_store_dir);
	temp_store_dir = NULL;
}

/* Open the store read as it is.  store_open creates a missing file; a
 * comparison must change nothing, so a missing store is an empty one made
 * in a temporary directory and removed at exit. */
static void open_store(void)
{
	char buf[PATH_MAX], tmpl[PATH_MAX];
	const char *path = opt.store_path ? opt.store_path : default_store_path(buf, sizeof(buf));
	const char *tmp = getenv("TMPDIR");
	struct stat st;
	int r;

	if (store)
		return;
	if (stat(path, &st) < 0 && errno == ENOENT) {
		fprintf(stderr, "%s: note: no metadata store at %s: only the xattrs on the files are "
			"read\n", prog, path);
		snprintf(tmpl, sizeof(tmpl), "%s/iamroot-treecmp.XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(tmpl))
			die("cannot make a temporary directory %s: %s", tmpl, strerror(errno));
		temp_store_dir = xstrdup(tmpl);
		atexit(remove_temp_store);
		if ((size_t)snprintf(buf, sizeof(buf), "%s/store", temp_store_dir) >= sizeof(buf))
			die("%s: path too long", temp_store_dir);
		path = buf;
	} else if (!temp_store_dir) {
		atexit(remove_temp_store);
	}
	r = store_open(path, &store);
	if (r < 0)
		die("cannot open the metadata store %s: %s%s%s", path, strerror(-r),
		    *store_error() ? ": " : "", store_error());
}

/* A walk: where the tree is and how it is read. */
struct walk {
	struct side *s;
	bool fake;
	dev_t top_dev;
	uid_t real_uid;
	gid_t real_gid;
};

/* The xattr names of full (not following a symlink), NUL-separated, in a
 * malloc'ed buffer; *len 0 when there are none or the filesystem has none. */
static char *list_real(const char *full, ssize_t *len)
{
	char *buf = NULL;
	ssize_t n;

	for (;;) {
		n = llistxattr(full, NULL, 0);
		if (n <= 0)
			break;
		buf = xrealloc(buf, (size_t)n);
		n = llistxattr(full, buf, (size_t)n);
		if (n >= 0 || errno != ERANGE)
			break;
	}
	if (n < 0 && errno != ENOTSUP && errno != ENOENT)
		warn("%s: listxattr: %s", full, strerror(errno));
	*len = n < 0 ? 0 : n;
	return buf;
}

static void read_real_xattrs(struct walk *w, struct entry *e, const char *full)
{
	ssize_t len, n;
	char *names = list_real(full, &len);

	for (const char *p = names; p && p < names + len; p += strlen(p) + 1) {
		unsigned char *v = NULL;

		/* Under iamroot-run the store's names are invisible, and the
		 * emulated namespaces are answered by the store alone. */
		if (w->fake && (store_xattr_is_internal(p) || store_xattr_is_emulated(p)))
			continue;
		if (xattr_ignored(p))
			continue;
		for (;;) {
			n = lgetxattr(full, p, NULL, 0);
			if (n < 0)
				break;
			v = xrealloc(v, n ? (size_t)n : 1);
			n = lgetxattr(full, p, v, (size_t)n);
			if (n >= 0 || errno != ERANGE)
				break;
		}
		if (n >= 0)
			entry_add_xattr(e, p, v, (size_t)n);
		else if (errno != ENODATA)
			warn("%s: getxattr %s: %s", full, p, strerror(errno));
		free(v);
	}
	free(names);
}

/* The emulated xattrs, as store_xattr_list/get give them to the handler. */
static void read_store_xattrs(struct entry *e, int dfd, const char *name, const char *full,
			      const struct stat *st)
{
	char *list = NULL;
	ssize_t len;

	for (;;) {
		len = store_xattr_list(store, dfd, name, true, st, NULL, 0);
		if (len <= 0)
			break;
		list = xrealloc(list, (size_t)len);
		len = store_xattr_list(store, dfd, name, true, st, list, (size_t)len);
		if (len != -ERANGE)
			break;
	}
	if (len < 0) {
		warn("%s: reading the store's xattrs: %s%s%s", full, strerror((int)-len),
		     *store_error() ? ": " : "", store_error());
		len = 0;
	}
	for (const char *p = list; p && p < list + len; p += strlen(p) + 1) {
		unsigned char *v = NULL;
		ssize_t n;

		if (xattr_ignored(p))
			continue;
		for (;;) {
			n = store_xattr_get(store, dfd, name, true, st, p, NULL, 0);
			if (n < 0)
				break;
			v = xrealloc(v, n ? (size_t)n : 1);
			n = store_xattr_get(store, dfd, name, true, st, p, v, (size_t)n);
			if (n != -ERANGE)
				break;
		}
		if (n >= 0)
			entry_add_xattr(e, p, v, (size_t)n);
		else if (n != -ENODATA)
			warn("%s: reading %s from the store: %s", full, p, strerror((int)-n));
		free(v);
	}
	free(list);
}

static void read_content(struct entry *e, int dfd, const char *name, const char *full)
{
	unsigned char buf[65536];
	struct sha256 c;
	ssize_t n;
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOATIME);

	if (fd < 0 && errno == EPERM)	/* O_NOATIME on a file of another user */
		fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		warn("%s: cannot read: %s", full, strerror(errno));
		return;
	}
	sha256_init(&c);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		sha256_update(&c, buf, (size_t)n);
	if (n < 0)
		warn("%s: read: %s", full, strerror(errno));
	else {
		sha256_final(&c, e->digest);
		e->has_digest = true;
	}
	close(fd);
}

static char *read_target(int dfd, const char *name, const char *full, off_t hint)
{
	size_t size = hint > 0 ? (size_t)hint + 1 : 256;

	for (;;) {
		char *buf = xmalloc(size);
		ssize_t n = readlinkat(dfd, name, buf, size);

		if (n < 0) {
			warn("%s: readlink: %s", full, strerror(errno));
			free(buf);
			return NULL;
		}
		if ((size_t)n < size) {
			buf[n] = '\0';
			return buf;
		}
		free(buf);
		size *= 2;
	}
}

static struct when when_of(struct timespec ts)
{
	return (struct when){ .sec = ts.tv_sec, .nsec = (uint32_t)ts.tv_nsec, .prec = P_NSEC };
}

/* One object: name relative to dfd, rel its path in the comparison, full
 * its host path (for messages and the path-only xattr calls). */
static void read_one(struct walk *w, int dfd, const char *name, const char *rel, const char *full,
		     const struct stat *st)
{
	struct entry *e = side_add(w->s, xstrdup(rel));
	uint32_t mode = st->st_mode;
	dev_t rdev = st->st_rdev;

	e->uid = st->st_uid;
	e->gid = st->st_gid;
	if (w->fake) {
		/* As fake_view() in src/emul/fakeroot.c. */
		struct fake_meta m;
		int r = store_get(store, dfd, name, true, st, &m);
		bool owned = false;

		if (r < 0)
			warn("%s: reading the store: %s%s%s", full, strerror(-r),
			     *store_error() ? ": " : "", store_error());
		else if (m.mask) {
			if (m.mask & FM_UID)
				e->uid = m.uid;
			if (m.mask & FM_GID)
				e->gid = m.gid;
			mode = m.mode;
			if (m.mask & FM_RDEV)
				rdev = (dev_t)m.rdev;
			owned = m.mask & (FM_UID | FM_GID);
		}
		if (!owned) {
			if (e->uid == w->real_uid)
				e->uid = 0;
			if (e->gid == w->real_gid)
				e->gid = 0;
		}
	}
	e->type = mode & S_IFMT;
	e->mode = mode & 07777;
	if (S_ISCHR(mode) || S_ISBLK(mode)) {
		e->major = major(rdev);
		e->minor = minor(rdev);
	}
	e->mtime = when_of(st->st_mtim);
	e->atime = when_of(st->st_atim);
	e->ctime = when_of(st->st_ctim);
	if (!S_ISDIR(st->st_mode) && st->st_nlink > 1) {
		e->dev = st->st_dev;
		e->ino = st->st_ino;
	}
	if (S_ISLNK(st->st_mode) && opt.want[F_TARGET])
		e->target = read_target(dfd, name, full, st->st_size);
	if (S_ISREG(mode) && S_ISREG(st->st_mode)) {
		e->size = (uint64_t)st->st_size;
		if (opt.want[F_CONTENT])
			read_content(e, dfd, name, full);
	}
	if (opt.want[F_XATTRS]) {
		read_real_xattrs(w, e, full);
		if (w->fake)
			read_store_xattrs(e, dfd, name, full, st);
		entry_sort_xattrs(e);
	}
}

static char *join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = xmalloc(a + b + 2);

	memcpy(p, dir, a);
	p[a] = '/';
	memcpy(p + a + 1, name, b + 1);
	return p;
}

/* The entries of the directory open at dfd, whose path is rel (host path
 * full), and below. Takes dfd. */
static void walk_dir(struct walk *w, int dfd, const char *rel, const char *full)
{
	DIR *d = fdopendir(dfd);
	struct dirent *de;

	if (!d) {
		warn("%s: %s", full, strerror(errno));
		close(dfd);
		return;
	}
	for (;;) {
		errno = 0;
		de = readdir(d);
		if (!de) {
			if (errno)
				warn("%s: readdir: %s", full, strerror(errno));
			break;
		}
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;

		char *crel = strcmp(rel, ".") ? join(rel, de->d_name) : xstrdup(de->d_name);
		char *cfull = join(full, de->d_name);
		struct stat st;

		if (path_excluded(crel))
			goto next;
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			warn("%s: %s", cfull, strerror(errno));
			goto next;
		}
		read_one(w, dirfd(d), de->d_name, crel, cfull, &st);
		if (S_ISDIR(st.st_mode) && !(opt.one_fs && st.st_dev != w->top_dev)) {
			int fd = openat(dirfd(d), de->d_name,
					O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

			if (fd < 0)
				warn("%s: %s", cfull, strerror(errno));
			else
				walk_dir(w, fd, crel, cfull);
		}
next:
		free(crel);
		free(cfull);
	}
	closedir(d);
}

void tree_read(struct side *s)
{
	struct walk w = { .s = s, .fake = s->kind == SIDE_FAKE,
			  .real_uid = opt.real_ids ? opt.real_uid : getuid(),
			  .real_gid = opt.real_ids ? opt.real_gid : getgid() };
	struct stat st;
	int fd;

	if (w.fake)
		open_store();
	fd = open(s->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0)
		die("%s: %s", s->path, strerror(errno));
	w.top_dev = st.st_dev;
	/* The top as the directory itself: "" on its fd; the xattr calls take
	 * a path, which must not be a symlink to it. */
	char *top = realpath(s->path, NULL);

	if (!top)
		die("%s: %s", s->path, strerror(errno));
	if (!path_excluded(".")) {
		read_one(&w, fd, "", ".", top, &st);
		s->has_top = true;
	}
	walk_dir(&w, fd, ".", top);
	free(top);
}
