/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Fake root on files: what the stat calls show (fake owner, group, mode,
 * device), and the calls that change it (chown, chmod, mknod), answered at
 * the seccomp stop from the metadata store.  On disk a file stays usable
 * by the real user: owner rw (rwx for a directory), never setuid, setgid
 * or writable by others; the fake mode is what programs see.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/capability.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "emul.h"
#include "log.h"
#include "mem.h"
#include "store.h"

struct store *store;
static uid_t real_uid;
static gid_t real_gid;

int fakeroot_init(const char *store_path)
{
	int r;

	real_uid = getuid();
	real_gid = getgid();
	r = store_open(store_path, &store);
	if (r < 0) {
		log_error("cannot open the metadata store %s: %s%s%s", store_path, strerror(-r),
			  *store_error() ? ": " : "", store_error());
		return r;
	}
	fake_types_load(store);
	return 0;
}

void fakeroot_done(void)
{
	store = store_close(store);
}

/* A failure of the store is ours, not the program's: said once on stderr,
 * and the program gets what a failed chown would give it. */
static int store_result(int r)
{
	static bool said;

	if (r == -EROFS || r == -EBADMSG || r == -EIO) {
		if (!said)
			log_error("the metadata store cannot record: %s %s", strerror(-r), store_error());
		said = true;
		return -EPERM;
	}
	return r;
}

/* The mode the real file gets: usable by us, harmless to others. */
mode_t real_mode_for(mode_t fake, bool dir)
{
	/* x for the owner as soon as anyone has it: root may run it */
	return (fake & 0755) | (dir ? 0700 : 0600) | ((fake & 0111) ? 0100 : 0);
}

/* What programs see of a file: the store's fake fields, and root for what
 * belongs to the real user. */
void fake_view(const char *host, bool nofollow, struct stat *st)
{
	struct fake_meta m = { .mask = 0 };
	dev_t dev = st->st_dev;
	ino_t ino = st->st_ino;

	if (store && store_get(store, AT_FDCWD, host, nofollow, st, &m) == 0 && m.mask) {
		if (m.mask & FM_UID)
			st->st_uid = m.uid;
		if (m.mask & FM_GID)
			st->st_gid = m.gid;
		st->st_mode = m.mode;
		if (m.mask & FM_RDEV)
			st->st_rdev = m.rdev;
		if (m.mask & FM_TYPE)
			fake_type_note(dev, ino, m.mode, m.rdev);
	}
	if (!(m.mask & FM_UID) && st->st_uid == real_uid)
		st->st_uid = 0;
	if (!(m.mask & FM_GID) && st->st_gid == real_gid)
		st->st_gid = 0;
}

/* A name the kernel resolves from the tracee's working directory or dirfd,
 * as a host path of ours: through /proc/PID/cwd or /proc/PID/fd/N. */
static int kernel_relative(const struct stop *s, int dirfd_idx, const char *guest, char *host,
			   size_t size)
{
	int dirfd = dirfd_idx == NA ? AT_FDCWD : (int)arch_sword(s->arch, s->args[dirfd_idx]);
	int n = dirfd == AT_FDCWD ? snprintf(host, size, "/proc/%d/cwd/%s", s->p->tid, guest)
				  : snprintf(host, size, "/proc/%d/fd/%d/%s", s->p->tid, dirfd, guest);

	return n >= (int)size ? -ENAMETOOLONG : 0;
}

int object_host_path(struct stop *s, int dirfd_idx, const char *guest, unsigned rflags,
		     char *host, size_t size)
{
	int r = host_path_of(s, dirfd_idx, guest, rflags, host, size);

	return r == 1 ? kernel_relative(s, dirfd_idx, guest, host, size) : r;
}

/* The host path naming the object of a stat/chown/chmod family call, and
 * whether a symlink there is the object.  1: the syscall fails by itself
 * (s->skip), or needs nothing from us. */
int object_of(struct stop *s, const struct sysent *e, char *host, size_t size, bool *nofollow)
{
	char guest[PATH_MAX];
	int fd_idx = e->path == NA ? 0 : e->dirfd, r;
	bool empty;

	*nofollow = (e->opts & SO_NOFOLLOW) ||
		    (e->atflags != NA && (s->args[e->atflags] & AT_SYMLINK_NOFOLLOW));
	if (e->path != NA) {
		r = read_path(s, e->path, guest, sizeof(guest));
		if (r < 0 || s->skip)
			return s->skip ? 1 : r;
	}
	empty = e->path == NA || (!guest[0] && e->atflags != NA && (s->args[e->atflags] & AT_EMPTY_PATH));
	if (empty) {
		snprintf(host, size, "/proc/%d/fd/%d", s->p->tid, (int)arch_sword(s->arch, s->args[fd_idx]));
		*nofollow = false;	/* the magic link leads to the object */
		return 0;
	}
	if (!guest[0]) {
		stop_fail(s, ENOENT);
		return 1;
	}
	/* Through the resolver even with nothing to translate: we act on
	 * the path ourselves, and /proc/self must be the tracee's. */
	r = object_host_path(s, e->dirfd, guest, *nofollow ? RES_NOFOLLOW : 0, host, size);
	if (r < 0 && r != -ESRCH) {
		stop_fail(s, -r);
		return 1;
	}
	return r;
}

static void put_field(unsigned char *buf, const struct stat_layout *l, enum stat_field f, uint64_t v)
{
	unsigned len = l->f[f].len;

	if (!len)
		return;
	if (len == 2 && (f == SF_UID || f == SF_GID) && v > 0xffff)
		v = 65534;	/* the kernel's overflow id */
	memcpy(buf + l->f[f].off, &v, len);	/* little-endian ABIs */
}

static int put_stat(struct stop *s, const struct stat_layout *l, const struct stat *st, uint64_t addr)
{
	unsigned char buf[256] = {};

	put_field(buf, l, SF_DEV, st->st_dev);
	put_field(buf, l, SF_INO, st->st_ino);
	put_field(buf, l, SF_INO_LOW, (uint32_t)st->st_ino);
	put_field(buf, l, SF_MODE, st->st_mode);
	put_field(buf, l, SF_NLINK, st->st_nlink);
	put_field(buf, l, SF_UID, st->st_uid);
	put_field(buf, l, SF_GID, st->st_gid);
	put_field(buf, l, SF_RDEV, st->st_rdev);
	put_field(buf, l, SF_SIZE, (uint64_t)st->st_size);
	put_field(buf, l, SF_BLKSIZE, (uint64_t)st->st_blksize);
	put_field(buf, l, SF_BLOCKS, (uint64_t)st->st_blocks);
	put_field(buf, l, SF_ATIME, (uint64_t)st->st_atim.tv_sec);
	put_field(buf, l, SF_ATIME_NSEC, (uint64_t)st->st_atim.tv_nsec);
	put_field(buf, l, SF_MTIME, (uint64_t)st->st_mtim.tv_sec);
	put_field(buf, l, SF_MTIME_NSEC, (uint64_t)st->st_mtim.tv_nsec);
	put_field(buf, l, SF_CTIME, (uint64_t)st->st_ctim.tv_sec);
	put_field(buf, l, SF_CTIME_NSEC, (uint64_t)st->st_ctim.tv_nsec);
	return mem_write(s->p->tid, addr, buf, l->size);
}

/* statx: ours with the caller's flags and mask, the fake fields patched. */
static int answer_statx(struct stop *s, const char *host, bool nofollow)
{
	unsigned flags = (unsigned)s->args[2] & (AT_STATX_SYNC_TYPE | AT_NO_AUTOMOUNT);
	struct statx stx;
	struct stat st = {};

	if (statx(AT_FDCWD, host, flags | (nofollow ? AT_SYMLINK_NOFOLLOW : 0),
		  (unsigned)s->args[3], &stx) < 0)
		return -errno;
	st.st_dev = makedev(stx.stx_dev_major, stx.stx_dev_minor);
	st.st_ino = stx.stx_ino;
	st.st_mode = stx.stx_mode;
	st.st_uid = stx.stx_uid;
	st.st_gid = stx.stx_gid;
	st.st_nlink = stx.stx_nlink;
	st.st_rdev = makedev(stx.stx_rdev_major, stx.stx_rdev_minor);
	fake_view(host, nofollow, &st);
	stx.stx_uid = st.st_uid;
	stx.stx_gid = st.st_gid;
	stx.stx_mode = (uint16_t)st.st_mode;
	stx.stx_rdev_major = major(st.st_rdev);
	stx.stx_rdev_minor = minor(st.st_rdev);
	return mem_write(s->p->tid, arch_word(s->arch, s->args[4]), &stx, sizeof(stx));
}

int handle_stat(struct stop *s, const struct sysent *e)
{
	char host[PATH_MAX];
	const struct stat_layout *l = s->arch->stat[(e->opts & SO_STAT64) ? STAT_64 : STAT_PLAIN];
	struct stat st;
	bool nofollow;
	int r, buf_idx;

	if ((e->opts & SO_OLDSTAT) || (!l && !(e->opts & SO_STATX)))
		return handle_paths(s, e);	/* translated, not faked */
	r = object_of(s, e, host, sizeof(host), &nofollow);
	if (r != 0)
		return r < 0 ? r : 0;
	if (e->opts & SO_STATX) {
		r = answer_statx(s, host, nofollow);
	} else if (fstatat(AT_FDCWD, host, &st, nofollow ? AT_SYMLINK_NOFOLLOW : 0) < 0) {
		r = -errno;
	} else {
		fake_view(host, nofollow, &st);
		buf_idx = e->path == NA ? 1 : e->path + 1;
		r = put_stat(s, l, &st, arch_word(s->arch, s->args[buf_idx]));
	}
	if (r == -ESRCH)
		return r;
	stop_fail(s, r < 0 ? -r : 0);
	return 0;
}

/* The fake owner, group and mode of an object, and its real stat. */
int current(const char *host, bool nofollow, struct stat *real, struct stat *fake)
{
	if (fstatat(AT_FDCWD, host, real, nofollow ? AT_SYMLINK_NOFOLLOW : 0) < 0)
		return -errno;
	*fake = *real;
	fake_view(host, nofollow, fake);
	return 0;
}

bool in_groups(const struct creds *c, gid_t gid)
{
	if (gid == c->fsgid)
		return true;
	for (unsigned i = 0; i < c->ngroups; i++)
		if (c->groups[i] == gid)
			return true;
	return false;
}

static uint32_t id_arg(const struct stop *s, const struct sysent *e, unsigned i)
{
	uint64_t v = arch_word(s->arch, s->args[i]);
	bool narrow = (e->opts & SO_UID16) && sysent_abi(s->arch)->nr[ID_chown32] >= 0;

	if (narrow)
		return (uint16_t)v == 0xffff ? (uint32_t)-1 : (uint16_t)v;
	return (uint32_t)v;
}

static int do_chown(struct stop *s, const struct sysent *e, const char *host, bool nofollow)
{
	unsigned uid_i = e->path == NA ? 1 : (unsigned)e->path + 1;
	uint32_t uid = id_arg(s, e, uid_i), gid = id_arg(s, e, uid_i + 1);
	const struct creds *c = &s->p->creds;
	struct fake_meta m = { .mask = 0 };
	struct stat real, fake;
	int r = current(host, nofollow, &real, &fake);

	if (r < 0)
		return r;
	if (!creds_capable(c, CAP_CHOWN) &&
	    ((uid != (uint32_t)-1 && uid != fake.st_uid) || c->fsuid != fake.st_uid ||
	     (gid != (uint32_t)-1 && gid != fake.st_gid && !in_groups(c, gid))))
		return -EPERM;
	if (uid != (uint32_t)-1) {
		m.mask |= FM_UID;
		m.uid = uid;
	}
	if (gid != (uint32_t)-1) {
		m.mask |= FM_GID;
		m.gid = gid;
	}
	/* As the kernel: a chown drops setuid, and setgid where group-exec is
	 * set, on anything but a directory, and the file capabilities. */
	if (!S_ISDIR(fake.st_mode) && (fake.st_mode & (S_ISUID | S_ISGID))) {
		m.mask |= FM_MODE;
		m.mode = fake.st_mode & ~(mode_t)S_ISUID;
		if (m.mode & S_IXGRP)
			m.mode &= ~(mode_t)S_ISGID;
	}
	if (store)
		(void)store_xattr_remove(store, AT_FDCWD, host, nofollow, &real, "security.capability");
	return store_result(store ? store_set(store, AT_FDCWD, host, nofollow, &real, &m) : -EPERM);
}

static int do_chmod(struct stop *s, const struct sysent *e, const char *host, bool nofollow)
{
	unsigned mode_i = e->path == NA ? 1 : (unsigned)e->path + 1;
	mode_t mode = (mode_t)s->args[mode_i] & 07777;
	const struct creds *c = &s->p->creds;
	struct fake_meta m = { .mask = FM_MODE };
	struct stat real, fake;
	int r = current(host, nofollow, &real, &fake);

	if (r < 0)
		return r;
	if (S_ISLNK(real.st_mode))
		return -EOPNOTSUPP;	/* fchmodat2 AT_SYMLINK_NOFOLLOW, as the kernel */
	if (!creds_capable(c, CAP_FOWNER) && c->fsuid != fake.st_uid)
		return -EPERM;
	if (!creds_capable(c, CAP_FSETID) && !in_groups(c, fake.st_gid))
		mode &= ~(mode_t)S_ISGID;
	m.mode = mode;
	if (fchmodat(AT_FDCWD, host, real_mode_for(mode, S_ISDIR(real.st_mode)), 0) < 0 &&
	    errno != EPERM)
		return -errno;	/* EPERM: not ours on disk; the fake mode still holds */
	return store_result(store ? store_set(store, AT_FDCWD, host, nofollow, &real, &m) : -EPERM);
}

/* chown and chmod families: the fake owner or mode is recorded, the real
 * file keeps ours (its mode made safe), the syscall does not run. */
int handle_chown_chmod(struct stop *s, const struct sysent *e)
{
	char host[PATH_MAX];
	bool nofollow;
	int r = object_of(s, e, host, sizeof(host), &nofollow);

	if (r != 0)
		return r < 0 ? r : 0;
	r = e->family == FAM_CHOWN ? do_chown(s, e, host, nofollow) : do_chmod(s, e, host, nofollow);
	if (r == -ESRCH)
		return r;
	log_v(1, "%d: %s %s: %s", s->p->tid, e->name, host, r < 0 ? strerror(-r) : "recorded");
	stop_fail(s, r < 0 ? -r : 0);
	return 0;
}

/* mknod: devices become empty regular files with the fake type and device
 * number; fifos, sockets and regular files are made for real. */
int handle_mknod(struct stop *s, const struct sysent *e)
{
	char guest[PATH_MAX], host[PATH_MAX];
	const struct creds *c = &s->p->creds;
	mode_t mode = (mode_t)s->args[e->path + 1], type = mode & S_IFMT;
	uint64_t dev = arch_word(s->arch, s->args[e->path + 2]);
	struct fake_meta m = { .mask = FM_MODE | FM_UID | FM_GID };
	struct stat st;
	int r = read_path(s, e->path, guest, sizeof(guest));

	if (r < 0 || s->skip)
		return s->skip ? 0 : r;
	r = guest[0] ? object_host_path(s, e->dirfd, guest, RES_PARENT, host, sizeof(host)) : -ENOENT;
	if (r == -ESRCH)
		return r;
	if (r == -EBUSY)
		r = -root_name_error(s->id);
	if (r == 0 && (type == S_IFCHR || type == S_IFBLK) && !creds_capable(c, CAP_MKNOD))
		r = -EPERM;
	if (r == 0 && type != 0 && type != S_IFREG && type != S_IFCHR && type != S_IFBLK &&
	    type != S_IFIFO && type != S_IFSOCK)
		r = -EINVAL;
	mode &= 07777 & ~(mode_t)s->p->fs->umask;
	if (r == 0) {
		bool device = type == S_IFCHR || type == S_IFBLK;
		int fd;

		if (device || type == 0 || type == S_IFREG) {
			fd = open(host, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, real_mode_for(mode, false));
			r = fd < 0 ? -errno : (close(fd), 0);
		} else {
			r = mknod(host, type | real_mode_for(mode, false), 0) < 0 ? -errno : 0;
		}
		if (device) {
			m.mask |= FM_TYPE | FM_RDEV;
			m.rdev = dev;
		}
	}
	new_file_owner(s, host, &m.uid, &m.gid, &mode, false);
	m.mode = (type ? type : S_IFREG) | mode;
	if (r == 0 && lstat(host, &st) == 0 && store)
		r = store_set(store, AT_FDCWD, host, true, &st, &m);
	if (r == 0 && (m.mask & FM_TYPE))
		fake_type_note(st.st_dev, st.st_ino, m.mode, m.rdev);
	log_v(1, "%d: mknod %s %o %llx: %s", s->p->tid, guest, (unsigned)(type | mode),
	      (unsigned long long)dev, r < 0 ? strerror(-r) : "made");
	stop_fail(s, r < 0 ? -r : 0);
	return 0;
}

int handle_umask(struct stop *s)
{
	s->p->fs->umask = (mode_t)s->args[0] & 0777;
	return 0;	/* the kernel's umask too, for what it creates */
}

/* access, faccessat, faccessat2: as the checking identity (the real one,
 * or the effective one with AT_EACCESS) would be answered by the kernel
 * given the fake owner and mode; root passes every check but X, which
 * needs an x bit somewhere (or a directory). */
int handle_access(struct stop *s, const struct sysent *e)
{
	char host[PATH_MAX];
	const struct creds *c = &s->p->creds;
	int mode = (int)s->args[e->path + 1], flags = e->atflags != NA ? (int)s->args[e->atflags] : 0;
	bool eaccess = flags & AT_EACCESS, nofollow;
	uid_t uid = eaccess ? c->euid : c->ruid;
	gid_t gid = eaccess ? c->egid : c->rgid;
	struct stat real, fake;
	int bits;
	int r;

	if (mode & ~(R_OK | W_OK | X_OK)) {
		stop_fail(s, EINVAL);
		return 0;
	}
	r = object_of(s, e, host, sizeof(host), &nofollow);
	if (r != 0)
		return r < 0 ? r : 0;
	r = current(host, nofollow, &real, &fake);
	if (r == 0 && mode != F_OK) {
		if (uid == 0)
			bits = (mode & X_OK) && !S_ISDIR(fake.st_mode) && !(fake.st_mode & 0111) ? 0 : 7;
		else if (uid == fake.st_uid)
			bits = (fake.st_mode >> 6) & 7;
		else if (gid == fake.st_gid || in_groups(c, fake.st_gid))
			bits = (fake.st_mode >> 3) & 7;
		else
			bits = fake.st_mode & 7;
		if ((mode & bits) != mode)
			r = -EACCES;
	}
	if (r == -ESRCH)
		return r;
	stop_fail(s, r < 0 ? -r : 0);
	return 0;
}
