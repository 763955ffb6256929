/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/*
 * Path resolution in the virtual root, as the kernel's path walk would do it
 * under a real chroot: component by component, symlinks followed with their
 * targets taken inside the root (absolute ones from the root, `..` clamped
 * at it), bindings (HOST appears at GUEST, deepest wins) entered as mounts.
 *
 * Paths are in "session" terms: absolute, normalised, symlink-free paths
 * below the session root (DIR).  A process that called chroot() has its
 * root at a session path; its own paths are resolved inside it.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define RESOLVE_MAX_LINKS 40	/* the kernel's MAXSYMLINKS */

struct binding {
	char *guest;		/* session path, normalised */
	size_t guest_len;
	char *host;		/* host path, normalised */
	size_t host_len;
};

struct vroot {
	char host_root[4096];	/* realpath of DIR; "" for the host's / */
	size_t host_root_len;
	struct binding *bindings;	/* sorted, longest guest path first */
	unsigned nbindings;
	uint64_t generation;	/* bumped when the namespace may have changed */
	unsigned changing;	/* syscalls that may change it, not yet over:
				 * lookups are not cached meanwhile */
};

/* The last component: a symlink there is not followed (unless a '/'
 * follows it, as for the kernel's lookups). */
#define RES_NOFOLLOW	(1u << 0)
/* The last component is a name being made or removed (mkdir, unlink,
 * rename...): only its parent is resolved, the name is kept verbatim with
 * its trailing slash.  The root itself gives -EBUSY. */
#define RES_PARENT	(1u << 1)

struct resolve_ctx {
	const struct vroot *vr;
	const char *root;	/* the process's root, a session path ("/" usually) */
	const char *base;	/* session path relative paths start from */
	pid_t tgid, tid;	/* for /proc/self and /proc/thread-self */
	/* Session path of the program process pid runs when the kernel's
	 * /proc/PID/exe names a loader instead; NULL if none. */
	const char *(*exe_of)(pid_t pid);
};

/* The host path where the kernel should act: the parent fully resolved,
 * the last component resolved too unless RES_NOFOLLOW.  A trailing slash is
 * kept so the kernel applies its own rules.  -errno as the kernel would
 * fail the walk (ENOENT, ENOTDIR, ELOOP, ENAMETOOLONG). */
int resolve_path(const struct resolve_ctx *c, const char *path, unsigned flags,
		 char *ret_host, size_t size);

/* Is session path `session` (symlink-free up to its last component) a
 * directory, the last component not followed?  Through the cache. */
bool resolve_is_dir(const struct vroot *vr, const char *session);

/* Session path of a host path (a directory from /proc/PID/cwd, say), or
 * -EXDEV when it is not below the root nor a binding. */
int vroot_host_to_session(const struct vroot *vr, const char *host, char *ret, size_t size);
/* Host path of a session path, through the bindings. */
int vroot_session_to_host(const struct vroot *vr, const char *session, char *ret, size_t size);

int vroot_add_binding(struct vroot *vr, const char *host, const char *guest);
int vroot_remove_binding(struct vroot *vr, const char *guest);
void vroot_invalidate(struct vroot *vr);

/* /proc/PID/{cwd,root,exe,fd/N} (or under task/TID): a link the kernel
 * follows to an object rather than by name. */
bool resolve_is_magic_link(const char *host);
/* What follows /proc/PID or /proc/PID/task/TID in host ("/maps", "" ...),
 * or NULL when host is no such path. */
const char *resolve_proc_pid_rest(const char *host);

/* The pid in /proc/PID/exe or /proc/PID/task/TID/exe (the TID), else 0. */
pid_t resolve_exe_link_pid(const char *host);

/* Lexical normalisation of an absolute path: no ".", no "..", no "//". */
int path_normalise(const char *in, char *ret, size_t size);
