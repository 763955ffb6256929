/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What a new file looks like: owned by the creator's fake fsuid and fsgid,
 * or the directory's group under a setgid directory (a new directory then
 * setgid too), its mode the requested one masked by the umask.  On disk it
 * gets a mode usable by the real user; the store keeps what differs from
 * what programs would see anyway (root's own files with ordinary modes
 * cost nothing).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emul.h"
#include "log.h"
#include "mem.h"
#include "store.h"

struct new_attrs {
	uid_t uid;
	gid_t gid;
	mode_t mode;	/* permission bits only */
};

static void parent_of(const char *host, char *ret, size_t size)
{
	size_t len = strlen(host);
	const char *slash;

	while (len > 1 && host[len - 1] == '/')
		len--;
	snprintf(ret, size, "%.*s", (int)len, host);
	slash = strrchr(ret, '/');
	if (slash == ret)
		ret[1] = '\0';
	else if (slash)
		ret[slash - ret] = '\0';
}

/* new_file_owner() for a file made in the directory parent. */
static void owner_in(const struct stop *s, const char *parent, uid_t *uid, gid_t *gid,
		     mode_t *mode, bool dir)
{
	const struct creds *c = &s->p->creds;
	struct stat real, fake;

	*uid = c->fsuid;
	*gid = c->fsgid;
	if (current(parent, false, &real, &fake) == 0 && (fake.st_mode & S_ISGID)) {
		*gid = fake.st_gid;
		if (dir)
			*mode |= S_ISGID;
	}
}

void new_file_owner(const struct stop *s, const char *host, uid_t *uid, gid_t *gid, mode_t *mode,
		    bool dir)
{
	char parent[PATH_MAX];

	parent_of(host, parent, sizeof(parent));
	owner_in(s, parent, uid, gid, mode, dir);
}

/* A new file's attributes in the directory parent. */
static void attrs_in(const struct stop *s, const char *parent, mode_t requested, bool dir,
		     struct new_attrs *ret)
{
	ret->mode = requested & 07777 & ~s->p->fs->umask;
	owner_in(s, parent, &ret->uid, &ret->gid, &ret->mode, dir);
}

static void attrs_for_new(const struct stop *s, const char *host, mode_t requested, bool dir,
			  struct new_attrs *ret)
{
	char parent[PATH_MAX];

	parent_of(host, parent, sizeof(parent));
	attrs_in(s, parent, requested, dir, ret);
}

/* What programs would see with nothing stored: root's, the real mode. */
static bool attrs_shown_anyway(const struct new_attrs *a, mode_t real_mode)
{
	return a->uid == 0 && a->gid == 0 && a->mode == (real_mode & 07777);
}

static int record(const char *host, bool nofollow, const struct new_attrs *a)
{
	struct fake_meta m = { .mask = FM_UID | FM_GID | FM_MODE, .uid = a->uid, .gid = a->gid,
			       .mode = a->mode };
	struct stat st;

	if (!store)
		return 0;
	if (fstatat(AT_FDCWD, host, &st, nofollow ? AT_SYMLINK_NOFOLLOW : 0) < 0)
		return -errno;
	return store_set(store, AT_FDCWD, host, nofollow, &st, &m);
}

/* The host path of the name a call creates (its parent resolved). */
static int new_name(struct stop *s, int dirfd_idx, int path_idx, char *guest, char *host, size_t size)
{
	int r = read_path(s, path_idx, guest, PATH_MAX);

	if (r < 0 || s->skip)
		return s->skip ? 1 : r;
	r = guest[0] ? object_host_path(s, dirfd_idx, guest, RES_PARENT, host, size) : -ENOENT;
	if (r < 0 && r != -ESRCH) {
		stop_fail(s, r == -EBUSY ? root_name_error(s->id) : -r);
		return 1;
	}
	return r;
}

int handle_mkdir(struct stop *s, const struct sysent *e)
{
	char guest[PATH_MAX], host[PATH_MAX];
	struct new_attrs a;
	mode_t real;
	int r = new_name(s, e->dirfd, e->path, guest, host, sizeof(host));

	if (r != 0)
		return r < 0 ? r : 0;
	attrs_for_new(s, host, (mode_t)s->args[e->path + 1], true, &a);
	real = real_mode_for(a.mode, true);
	r = mkdir(host, real) < 0 ? -errno : 0;
	if (r == 0 && !attrs_shown_anyway(&a, real))
		r = record(host, true, &a);
	stop_fail(s, r < 0 ? -r : 0);
	return 0;
}

int handle_symlink(struct stop *s, const struct sysent *e)
{
	char guest[PATH_MAX], host[PATH_MAX], target[PATH_MAX];
	struct new_attrs a;
	int r = new_name(s, e->dirfd2, e->path2, guest, host, sizeof(host));

	if (r != 0)
		return r < 0 ? r : 0;
	attrs_for_new(s, host, 0777, false, &a);
	a.mode = 0777;	/* a symlink's is always that */
	if (attrs_shown_anyway(&a, 0777))
		return handle_paths(s, e);	/* the kernel makes it as it is */
	r = mem_read_string(s->p->tid, arch_word(s->arch, s->args[0]), target, sizeof(target));
	if (r == -ESRCH)
		return r;
	if (r >= 0)
		r = symlink(target, host) < 0 ? -errno : 0;
	if (r == 0)
		r = record(host, true, &a);
	stop_fail(s, r < 0 ? -r : 0);
	return 0;
}

/* Opening a fake /dev/null and the like opens the host's; /proc/PID/cmdline
 * of a program run through a loader, and /proc/PID/maps in a root, open
 * what they would natively be: 1 when redirected. */
static int open_instead(struct stop *s, const struct sysent *e, uint64_t oflags, const char *guest)
{
	char host[PATH_MAX], other[PATH_MAX];
	const char *dev = NULL;
	int r;

	if (!guest[0])
		return 0;
	r = object_host_path(s, e->dirfd, guest, (oflags & O_NOFOLLOW) ? RES_NOFOLLOW : 0, host,
			     sizeof(host));
	if (r < 0)
		return r == -ESRCH ? r : 0;
	if (strstr(guest, "cmdline") && cmdline_for(host, other, sizeof(other)) == 1)
		dev = other;
	else if (strstr(guest, "maps") && (oflags & O_ACCMODE) == O_RDONLY &&
		 maps_for(s, host, other, sizeof(other)) == 1)
		dev = other;
	else if (fake_devices_exist())
		dev = host_device_for(host);
	if (!dev)
		return 0;
	r = put_path_arg(s, e->path, dev);
	return r < 0 ? r : 1;
}

/* An open that makes nothing, in a root: the path read once, pointed
 * elsewhere if it must be, else translated. */
static int open_existing(struct stop *s, const struct sysent *e, uint64_t oflags)
{
	char guest[PATH_MAX];
	unsigned rflags;
	int r = read_path(s, e->path, guest, sizeof(guest));

	if (r < 0 || s->skip)
		return s->skip ? 0 : r;
	if (!(oflags & O_PATH) &&
	    (fake_devices_exist() || strstr(guest, "cmdline") || strstr(guest, "maps"))) {
		r = open_instead(s, e, oflags, guest);
		if (r != 0)
			return r < 0 ? r : 0;
	}
	r = first_path_flags(s, e, &rflags);
	return r < 0 ? r : translate_guest(s, e->dirfd, e->path, rflags, guest);
}

/* The mode the kernel gets for a new file: in the mode argument, or in a
 * copy of openat2's struct open_how (left alone when the caller's struct is
 * not the size we know; the exit stop puts the mode right then). */
static int give_real_mode(struct stop *s, const struct sysent *e, struct open_how *how,
			  mode_t real)
{
	if (!how) {
		stop_set_arg(s, s->id == ID_creat ? 1 : (unsigned)e->path + 2, real);
		return 0;
	}
	if (arch_word(s->arch, s->args[3]) != sizeof(*how))
		return 0;
	how->mode = real;
	return put_data_arg(s, 2, how, sizeof(*how));
}

/* The kernel makes the file; when it needs a record, with a usable real
 * mode, and the record goes on the fd at the exit stop. */
static int open_recording(struct stop *s, const struct sysent *e, const struct new_attrs *a,
			  struct open_how *how)
{
	mode_t real = real_mode_for(a->mode, false);
	int r;

	if (attrs_shown_anyway(a, real))
		return handle_paths(s, e);
	r = handle_paths(s, e);
	if (r < 0 || s->skip || s->reexec)
		return r;
	r = give_real_mode(s, e, how, real);
	if (r < 0 || s->reexec)
		return r;
	s->want_exit = true;
	s->p->exit_id = s->id;
	s->p->exit_args[0] = a->uid;
	s->p->exit_args[1] = a->gid;
	s->p->exit_args[2] = a->mode;
	return 0;
}

/* O_CREAT: a name open may make, if it does not exist yet. */
static int open_creating(struct stop *s, const struct sysent *e, mode_t mode,
			 struct open_how *how)
{
	char guest[PATH_MAX], host[PATH_MAX];
	struct new_attrs a;
	struct stat st;
	int r = new_name(s, e->dirfd, e->path, guest, host, sizeof(host));

	if (r != 0)
		return r < 0 ? r : 0;
	if (lstat(host, &st) == 0 || errno != ENOENT)
		return handle_paths(s, e);	/* it exists: opened, not made */
	attrs_for_new(s, host, mode, false, &a);
	return open_recording(s, e, &a, how);
}

/* O_TMPFILE: an unnamed file in the directory the path names. */
static int open_tmpfile(struct stop *s, const struct sysent *e, mode_t mode,
			struct open_how *how)
{
	char guest[PATH_MAX], dir[PATH_MAX];
	struct new_attrs a;
	int r = read_path(s, e->path, guest, sizeof(guest));

	if (r < 0 || s->skip)
		return s->skip ? 0 : r;
	r = guest[0] ? object_host_path(s, e->dirfd, guest, 0, dir, sizeof(dir)) : -ENOENT;
	if (r < 0)
		return r == -ESRCH ? r : handle_paths(s, e);	/* the kernel's errno */
	attrs_in(s, dir, mode, false, &a);
	return open_recording(s, e, &a, how);
}

static bool makes_a_name(uint64_t oflags)
{
	return (oflags & O_CREAT) && (oflags & __O_TMPFILE) != __O_TMPFILE;
}

static bool makes_a_tmpfile(uint64_t oflags)
{
	return (oflags & __O_TMPFILE) == __O_TMPFILE;
}

/* open with O_CREAT: the kernel must make it (the fd is the caller's). */
int handle_open(struct stop *s, const struct sysent *e)
{
	char guest[PATH_MAX];
	unsigned mode_i = s->id == ID_creat ? 1 : (unsigned)e->path + 2;
	uint64_t oflags = s->id == ID_creat ? O_CREAT : s->args[SO_OFLAGS_ARG(e->opts)];
	struct open_how how;
	int r;

	if (s->id == ID_openat2) {	/* flags and mode are in struct open_how */
		r = read_open_how(s, &how);
		/* dirfd as the root: the name is not the one new_name() sees */
		if (r < 0 || (how.resolve & (RESOLVE_IN_ROOT | RESOLVE_BENEATH)))
			return handle_paths(s, e);
		if (makes_a_tmpfile(how.flags))
			return open_tmpfile(s, e, (mode_t)how.mode, &how);
		if (!makes_a_name(how.flags))
			return handle_paths(s, e);
		return open_creating(s, e, (mode_t)how.mode, &how);
	}
	if (makes_a_tmpfile(oflags))
		return open_tmpfile(s, e, (mode_t)s->args[mode_i], NULL);
	if (!(oflags & O_CREAT) && !needs_no_translation(s))
		return open_existing(s, e, oflags);
	if (!(oflags & (O_EXCL | O_PATH)) && fake_devices_exist()) {
		r = read_path(s, e->path, guest, sizeof(guest));
		if (r < 0 || s->skip)
			return s->skip ? 0 : r;
		r = open_instead(s, e, oflags, guest);
		if (r != 0)
			return r < 0 ? r : 0;
	}
	if (!makes_a_name(oflags))
		return handle_paths(s, e);
	return open_creating(s, e, (mode_t)s->args[mode_i], NULL);
}

int handle_open_exit(struct proc *p, const struct arch_def *a, int64_t rval)
{
	struct new_attrs attrs = { (uid_t)p->exit_args[0], (gid_t)p->exit_args[1],
				   (mode_t)p->exit_args[2] };
	char host[64];
	int64_t fd = arch_sword(a, (uint64_t)rval);

	if (fd < 0)
		return 0;
	snprintf(host, sizeof(host), "/proc/%d/fd/%d", p->tid, (int)fd);
	/* the tracee's umask applied to the mode we gave: put it right */
	(void)chmod(host, real_mode_for(attrs.mode, false));
	return record(host, false, &attrs);
}
