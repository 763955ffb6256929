/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Fake device nodes are empty regular files on disk.  Two things would give
 * them away: directory listings (getdents64's d_type, which `find -type c`
 * trusts) and opening them.  So the inodes whose fake type differs are
 * kept in a set (from the store's log at start, mknod and stat since), and
 * while it is not empty getdents64 results are patched at the syscall's
 * exit and opens of the usual character devices go to the host's.
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

#include "emul.h"
#include "mem.h"
#include "store.h"
#include "util.h"

struct fake_type {
	dev_t dev;
	ino_t ino;
	mode_t mode;
	dev_t rdev;
};

static struct fake_type *types;
static size_t ntypes, cap;

static struct fake_type *find_type(dev_t dev, ino_t ino)
{
	for (size_t i = 0; i < ntypes; i++)
		if (types[i].ino == ino && types[i].dev == dev)
			return &types[i];
	return NULL;
}

void fake_type_note(dev_t dev, ino_t ino, mode_t mode, dev_t rdev)
{
	struct fake_type *t = find_type(dev, ino);

	if (!t) {
		if (ntypes == cap) {
			struct fake_type *n = realloc(types, (cap = cap ? cap * 2 : 64) * sizeof(*n));
			if (!n)
				return;
			types = n;
		}
		t = &types[ntypes++];
	}
	*t = (struct fake_type){ dev, ino, mode, rdev };
}

void fake_type_forget(dev_t dev, ino_t ino)
{
	struct fake_type *t = find_type(dev, ino);

	if (t)
		*t = types[--ntypes];
}

static int note_entry(const struct store_entry *e, void *data)
{
	if (e->meta.mask & FM_TYPE)
		fake_type_note((dev_t)e->dev, (ino_t)e->ino, e->meta.mode, e->meta.rdev);
	return 0;
}

void fake_types_load(struct store *s)
{
	(void)store_foreach(s, note_entry, NULL);
}

bool fake_devices_exist(void)
{
	return ntypes > 0;
}

/* getdents64: an exit stop to patch d_type, only while there is anything
 * to patch. */
int handle_getdents(struct stop *s)
{
	char fdpath[64];
	struct stat st;

	if (!ntypes)
		return 0;
	snprintf(fdpath, sizeof(fdpath), "/proc/%d/fd/%d", s->p->tid, (int)arch_sword(s->arch, s->args[0]));
	if (stat(fdpath, &st) < 0)
		return 0;
	s->want_exit = true;
	s->p->exit_id = s->id;
	s->p->exit_args[0] = arch_word(s->arch, s->args[1]);
	s->p->exit_args[1] = st.st_dev;
	s->p->exit_args[2] = (uint64_t)arch_sword(s->arch, s->args[0]);
	return 0;
}

/* An entry whose inode number is in the set: is it that file still (and
 * not a new one that got the number of a removed device)? */
static bool still_fake(const struct proc *p, int dirfd, const char *name, const struct fake_type *t)
{
	char host[PATH_MAX];
	struct stat st;

	if (snprintf(host, sizeof(host), "/proc/%d/fd/%d/%s", p->tid, dirfd, name) >= (int)sizeof(host) ||
	    lstat(host, &st) < 0 || st.st_ino != t->ino)
		return false;
	fake_view(host, true, &st);
	return (st.st_mode & S_IFMT) == (t->mode & S_IFMT);
}

int handle_getdents_exit(struct proc *p, const struct arch_def *a, int64_t rval)
{
	int64_t n = arch_sword(a, (uint64_t)rval);
	_cleanup_free_ unsigned char *buf = NULL;
	bool changed = false;

	if (n <= 0 || !(buf = malloc((size_t)n)))
		return 0;
	if (mem_read(p->tid, p->exit_args[0], buf, (size_t)n) < 0)
		return 0;
	for (int64_t off = 0; off + 19 < n;) {
		uint64_t ino;
		uint16_t reclen;
		const struct fake_type *t;

		memcpy(&ino, buf + off, 8);
		memcpy(&reclen, buf + off + 16, 2);
		if (reclen < 20)
			break;
		t = find_type((dev_t)p->exit_args[1], (ino_t)ino);
		if (t && off + reclen <= n && memchr(buf + off + 19, '\0', reclen - 19) &&
		    still_fake(p, (int)p->exit_args[2], (const char *)buf + off + 19, t)) {
			buf[off + 18] = (unsigned char)IFTODT(t->mode);
			changed = true;
		}
		off += reclen;
	}
	return changed ? mem_write(p->tid, p->exit_args[0], buf, (size_t)n) : 0;
}

/* The host's node for a fake character device the kernel provides to
 * anyone: null, zero, full, random, urandom, tty, ptmx. */
const char *host_device_for(const char *host)
{
	static const struct { unsigned major, minor; const char *path; } known[] = {
		{ 1, 3, "/dev/null" }, { 1, 5, "/dev/zero" }, { 1, 7, "/dev/full" },
		{ 1, 8, "/dev/random" }, { 1, 9, "/dev/urandom" }, { 5, 0, "/dev/tty" },
		{ 5, 2, "/dev/ptmx" },
	};
	const struct fake_type *t;
	struct stat st;

	if (!ntypes || stat(host, &st) < 0 || !S_ISREG(st.st_mode))
		return NULL;
	t = find_type(st.st_dev, st.st_ino);
	if (!t || !S_ISCHR(t->mode))
		return NULL;
	for (unsigned i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (major(t->rdev) == known[i].major && minor(t->rdev) == known[i].minor)
			return known[i].path;
	return NULL;
}
