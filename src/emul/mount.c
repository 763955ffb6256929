/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * mount(2) and umount(2), emulated as bindings of the session: what a
 * chroot script or a maintainer script mounts becomes visible to every
 * process of the session, as a real mount would be in their namespace.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/capability.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "emul.h"
#include "log.h"
#include "mem.h"

/* Kernel filesystems whose host instance stands in for a new one. */
static const struct {
	const char *type;
	const char *host;
} kernel_trees[] = {
	{ "proc", "/proc" },
	{ "sysfs", "/sys" },
	{ "devtmpfs", "/dev" },
	{ "devpts", "/dev/pts" },
};

/* Session path of the directory (or file) a path argument names. */
static int session_target(struct stop *s, int idx, unsigned rflags, char *ret, size_t size)
{
	char guest[PATH_MAX], host[PATH_MAX];
	struct stat st;
	int r = read_path(s, idx, guest, sizeof(guest));

	if (r < 0)
		return r;
	if (!guest[0])
		return -ENOENT;
	r = host_path_of(s, NA, guest, rflags, host, sizeof(host));
	if (r == 1)
		r = -EXDEV;
	if (r < 0)
		return r;
	if (stat(host, &st) < 0)
		return -errno;
	return vroot_host_to_session(&session, host, ret, size);
}

/* A fresh empty directory standing for a tmpfs, in the session's own. */
static int new_tmpfs_dir(char *ret, size_t size)
{
	const char *dir;
	int r = session_tmpdir(&dir);

	if (r < 0)
		return r;
	if (snprintf(ret, size, "%s/tmpfs.XXXXXX", dir) >= (int)size)
		return -ENAMETOOLONG;
	return mkdtemp(ret) ? 0 : -errno;
}

static int host_for_fstype(const char *type, char *ret, size_t size)
{
	for (unsigned i = 0; i < sizeof(kernel_trees) / sizeof(kernel_trees[0]); i++)
		if (!strcmp(type, kernel_trees[i].type)) {
			snprintf(ret, size, "%s", kernel_trees[i].host);
			return 0;
		}
	if (!strcmp(type, "tmpfs") || !strcmp(type, "ramfs"))
		return new_tmpfs_dir(ret, size);
	return -ENODEV;
}

static int do_move(struct stop *s, const char *target)
{
	char source[PATH_MAX];
	int r = session_target(s, 0, 0, source, sizeof(source));

	for (unsigned i = 0; r == 0 && i < session.nbindings; i++)
		if (!strcmp(session.bindings[i].guest, source)) {
			char host[PATH_MAX];

			snprintf(host, sizeof(host), "%s", session.bindings[i].host);
			vroot_remove_binding(&session, source);
			return vroot_add_binding(&session, host, target);
		}
	return r < 0 ? r : -EINVAL;
}

static int do_mount(struct stop *s)
{
	char target[PATH_MAX], host[PATH_MAX], type[64] = "";
	unsigned long flags = (unsigned long)arch_word(s->arch, s->args[3]);
	int r = session_target(s, 1, 0, target, sizeof(target));

	if (r < 0)
		return r;
	if (flags & MS_REMOUNT)
		return 0;	/* options of an emulated mount: nothing to change */
	if (flags & MS_MOVE)
		return do_move(s, target);
	if (flags & MS_BIND) {
		char source[PATH_MAX];

		r = session_target(s, 0, 0, source, sizeof(source));
		if (r == 0)
			r = vroot_session_to_host(&session, source, host, sizeof(host));
		return r < 0 ? r : vroot_add_binding(&session, host, target);
	}
	if (flags & (MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE))
		return 0;	/* propagation: meaningless for bindings */
	if (s->args[2] && mem_read_string(s->p->tid, arch_word(s->arch, s->args[2]),
					  type, sizeof(type)) < 0)
		return -EFAULT;
	r = host_for_fstype(type, host, sizeof(host));
	if (r == -ENODEV) {
		log_v(1, "%d: mount -t %s on %s: accepted without effect", s->p->tid, type, target);
		return 0;
	}
	return r < 0 ? r : vroot_add_binding(&session, host, target);
}

static int do_umount(struct stop *s)
{
	char target[PATH_MAX];
	unsigned long flags = s->id == ID_umount2 ? (unsigned long)s->args[1] : 0;
	int r = session_target(s, 0, (flags & UMOUNT_NOFOLLOW) ? RES_NOFOLLOW : 0,
			       target, sizeof(target));

	if (r < 0)
		return r;
	return vroot_remove_binding(&session, target);	/* -EINVAL: not mounted */
}

int handle_mount(struct stop *s, const struct sysent *e)
{
	int r;

	vroot_invalidate(&session);
	if (!creds_capable(&s->p->creds, CAP_SYS_ADMIN))
		r = -EPERM;
	else
		r = s->id == ID_mount ? do_mount(s) : do_umount(s);
	if (r == -ESRCH || s->skip)
		return r == -ESRCH ? r : 0;
	log_v(1, "%d: %s: %s", s->p->tid, e->name, r < 0 ? strerror(-r) : "done");
	stop_fail(s, -r);
	return 0;
}
