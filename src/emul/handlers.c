/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/capability.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emul.h"
#include "log.h"
#include "mem.h"
#include "store.h"
#include "sysent.h"

#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH 0x1000
#endif

/* Session path of what the tracee's fd dirfd (or AT_FDCWD: its working
 * directory) is, as the kernel has it.  -ENOENT: no such fd, or removed;
 * -ENOTDIR: no path (a pipe, a memfd...); -EXDEV: outside. */
int fd_session_path(const struct stop *s, int dirfd, char *ret, size_t size)
{
	char link[64], host[PATH_MAX];
	ssize_t n;

	if (dirfd == AT_FDCWD)
		snprintf(link, sizeof(link), "/proc/%d/cwd", s->p->tid);
	else
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", s->p->tid, dirfd);
	n = readlink(link, host, sizeof(host) - 1);
	if (n < 0)
		return errno == ESRCH ? -ESRCH : -ENOENT;
	host[n] = '\0';
	if (host[0] != '/')
		return -ENOTDIR;
	if (n > 10 && !strcmp(host + n - 10, " (deleted)"))
		return -ENOENT;
	return vroot_host_to_session(&session, host, ret, size);
}

/* Session path of the directory a relative path starts from: the
 * tracee's working directory or its directory fd.  -ENOTDIR also for an
 * fd that is no directory: an O_PATH|O_NOFOLLOW fd may hold a symlink,
 * which the kernel would follow on the host from there (it says ENOTDIR). */
int base_of(const struct stop *s, int dirfd, char *ret, size_t size)
{
	int r = fd_session_path(s, dirfd, ret, size);

	if (r == 0 && dirfd != AT_FDCWD && !resolve_is_dir(&session, ret))
		return -ENOTDIR;
	return r;
}

/* The part of a session path the process sees below its root. */
const char *as_seen_by(const struct proc *p, const char *session_path)
{
	size_t rlen = strlen(p->fs->root);

	if (rlen == 1 || strncmp(session_path, p->fs->root, rlen) ||
	    (session_path[rlen] && session_path[rlen] != '/'))
		return session_path;
	return session_path[rlen] ? session_path + rlen : "/";
}

static bool binding_basename(const char *name)
{
	for (unsigned i = 0; i < session.nbindings; i++) {
		const char *b = strrchr(session.bindings[i].guest, '/');
		if (b && !strcmp(b + 1, name))
			return true;
	}
	return false;
}

/* A single component with no symlink to follow cannot leave the directory
 * it is looked up in: the kernel may resolve it as it is. */
static bool kernel_can_resolve(const char *path, unsigned rflags)
{
	return (rflags & (RES_NOFOLLOW | RES_PARENT)) && !strchr(path, '/') && strcmp(path, ".") &&
	       strcmp(path, "..") && !binding_basename(path);
}

bool needs_no_translation(const struct stop *s)
{
	return vroot_is_identity() && !strcmp(s->p->fs->root, "/");
}

static const char *exe_of(pid_t pid)
{
	const struct proc *p = proc_find(pid);

	return p ? p->mm->exe : NULL;
}

/* The host path of guest resolved with root (a session path) as its root
 * and starting point: openat2's RESOLVE_IN_ROOT. */
static int host_path_in(struct stop *s, const char *root, const char *guest, unsigned rflags,
			char *ret_host, size_t size)
{
	struct resolve_ctx c = {
		.vr = &session, .root = root, .base = root,
		.tgid = s->p->tgid, .tid = s->p->tid, .exe_of = exe_of,
	};

	return resolve_path(&c, guest, rflags, ret_host, size);
}

/* openat2 with RESOLVE_IN_ROOT or RESOLVE_BENEATH: the dirfd is the root of
 * the lookup; done here, the kernel gets the host path and the rest of the
 * flags (BENEATH approximated: an absolute path is EXDEV, '..' is clamped). */
static int openat2_in_root(struct stop *s, const struct open_how *how, unsigned rflags)
{
	char guest[PATH_MAX], host[PATH_MAX], root[PATH_MAX];
	struct open_how copy = *how;
	uint64_t addr;
	int r = read_path(s, 1, guest, sizeof(guest));

	if (r < 0 || s->skip)
		return s->skip ? 0 : r;
	r = base_of(s, (int)arch_sword(s->arch, s->args[0]), root, sizeof(root));
	if (r == -ESRCH)
		return r;
	if (r == 0 && (how->resolve & RESOLVE_BENEATH) && guest[0] == '/')
		r = -EXDEV;
	if (r == 0)
		r = host_path_in(s, root, guest, rflags, host, sizeof(host));
	if (r < 0) {
		stop_fail(s, r == -ENOTDIR || r == -EXDEV || r == -ENOENT ? -r : EBADF);
		return 0;
	}
	r = put_path_arg(s, 1, host);
	if (r < 0 || s->reexec)
		return r;
	copy.resolve &= ~(uint64_t)(RESOLVE_IN_ROOT | RESOLVE_BENEATH);
	r = scratch_put(s, &copy, sizeof(copy), &addr);
	if (r < 0)
		return r;
	stop_set_arg(s, 2, addr);
	stop_set_arg(s, 3, sizeof(copy));
	return 0;
}

/* The host path for path argument idx, looked up from dirfd argument
 * dirfd_idx (NA: the working directory).  1: leave the argument as it is. */
int host_path_of(struct stop *s, int dirfd_idx, const char *guest, unsigned rflags,
			char *ret_host, size_t size)
{
	char base[PATH_MAX];
	struct resolve_ctx c = {
		.vr = &session, .root = s->p->fs->root, .base = base,
		.tgid = s->p->tgid, .tid = s->p->tid, .exe_of = exe_of,
	};
	int r;

	if (guest[0] != '/') {
		int dirfd = dirfd_idx == NA ? AT_FDCWD : (int)arch_sword(s->arch, s->args[dirfd_idx]);

		if (kernel_can_resolve(guest, rflags))
			return 1;
		r = base_of(s, dirfd, base, sizeof(base));
		if (r == -ESRCH)
			return r;
		if (r < 0)
			return 1;	/* the kernel gives EBADF or ENOTDIR, or the fd is outside */
	}
	return resolve_path(&c, guest, rflags, ret_host, size);
}

int read_path(struct stop *s, int idx, char *buf, size_t size)
{
	int r = mem_read_string(s->p->tid, arch_word(s->arch, s->args[idx]), buf, size);

	if (r == -EFAULT || r == -ENAMETOOLONG)
		stop_fail(s, -r);
	return r < 0 ? r : 0;
}

int put_data_arg(struct stop *s, int idx, const void *data, size_t len)
{
	uint64_t addr;
	int r = scratch_prepare(s);

	if (r != 0)
		return r < 0 ? r : 0;	/* re-executed once the scratch is mapped */
	r = scratch_put(s, data, len, &addr);
	if (r < 0)
		return r;
	stop_set_arg(s, (unsigned)idx, addr);
	return 0;
}

int put_path_arg(struct stop *s, int idx, const char *host)
{
	return put_data_arg(s, idx, host, strlen(host) + 1);
}

/* What the kernel says when the name to make or remove is the root itself
 * (resolve_path gives -EBUSY for it): mkdir("/") is EEXIST, for one. */
int root_name_error(unsigned id)
{
	switch (id) {
	case ID_mkdir: case ID_mkdirat: case ID_mknod: case ID_mknodat: case ID_symlink:
	case ID_symlinkat: case ID_link: case ID_linkat:
		return EEXIST;
	case ID_unlink: case ID_unlinkat: case ID_open: case ID_openat: case ID_creat:
		return EISDIR;
	default:
		return EBUSY;
	}
}

/* Translate path argument path_idx (and its dirfd) in place. */
/* Translate path argument path_idx, already read as guest, in place. */
int translate_guest(struct stop *s, int dirfd_idx, int path_idx, unsigned rflags, const char *guest)
{
	char host[PATH_MAX];
	int r;

	if (!guest[0])
		return 0;	/* AT_EMPTY_PATH on the fd, or ENOENT from the kernel */
	r = host_path_of(s, dirfd_idx, guest, rflags, host, sizeof(host));
	if (r == 1)
		return 0;
	if (r == -ESRCH)
		return r;
	if (r < 0) {
		stop_fail(s, r == -EBUSY ? root_name_error(s->id) : -r);
		return 0;
	}
	return put_path_arg(s, path_idx, host);
}

static int translate(struct stop *s, int dirfd_idx, int path_idx, unsigned rflags)
{
	char guest[PATH_MAX];
	int r = read_path(s, path_idx, guest, sizeof(guest));

	if (r < 0 || s->skip)
		return s->skip ? 0 : r;
	return translate_guest(s, dirfd_idx, path_idx, rflags, guest);
}

int read_open_how(struct stop *s, struct open_how *how)
{
	size_t size = arch_word(s->arch, s->args[3]);

	memset(how, 0, sizeof(*how));
	if (size < 24)	/* OPEN_HOW_SIZE_VER0 */
		return 0;	/* the kernel says EINVAL */
	return mem_read(s->p->tid, arch_word(s->arch, s->args[2]), how,
			size < sizeof(*how) ? size : sizeof(*how));
}

/* Does the syscall follow a symlink in the last component of its first
 * path?  From the table, AT_* flags, open flags or inotify's mask. */
int first_path_flags(struct stop *s, const struct sysent *e, unsigned *ret)
{
	unsigned flags = (e->opts & SO_NOFOLLOW) ? RES_NOFOLLOW : 0;
	uint64_t oflags = 0;

	if (e->opts & SO_PARENT) {
		*ret = RES_PARENT;
		return 0;
	}
	if (e->atflags != NA) {
		uint64_t at = s->args[e->atflags];
		bool follow_flag = s->id == ID_linkat || s->id == ID_name_to_handle_at;

		if (follow_flag)
			flags = (at & AT_SYMLINK_FOLLOW) ? 0 : RES_NOFOLLOW;
		else if (at & AT_SYMLINK_NOFOLLOW)
			flags |= RES_NOFOLLOW;
	}
	if (e->opts & SO_HAS_OFLAGS)
		oflags = s->args[SO_OFLAGS_ARG(e->opts)];
	if (e->opts & SO_OPENHOW) {
		struct open_how how;
		int r = read_open_how(s, &how);
		if (r < 0)
			return r;
		oflags = how.flags;
	}
	if ((oflags & O_NOFOLLOW) || (oflags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		flags |= RES_NOFOLLOW;
	if (s->id == ID_inotify_add_watch && (s->args[2] & IN_DONT_FOLLOW))
		flags |= RES_NOFOLLOW;
	*ret = flags;
	return 0;
}

/* The name unlink removes or rename replaces, when it is the last link of
 * a file that is not a directory: its fallback record goes with it (so a
 * new file reusing the inode number does not inherit it).  Done before the
 * syscall runs: a failed unlink of a last link is rare enough. */
static void forget_dying_name(struct stop *s, const struct sysent *e)
{
	bool rename = e->path2 != NA;
	int path_idx = rename ? e->path2 : e->path, dirfd_idx = rename ? e->dirfd2 : e->dirfd;
	char guest[PATH_MAX], host[PATH_MAX];
	struct stat st;
	int r;

	if (!store || s->id == ID_rmdir || s->id == ID_pivot_root ||
	    (s->id == ID_unlinkat && (s->args[2] & AT_REMOVEDIR)) ||
	    (s->id == ID_renameat2 && (s->args[4] & RENAME_EXCHANGE)))
		return;
	if (mem_read_string(s->p->tid, arch_word(s->arch, s->args[path_idx]), guest, sizeof(guest)) <= 0)
		return;
	r = object_host_path(s, dirfd_idx, guest, RES_PARENT, host, sizeof(host));
	if (r == 0 && lstat(host, &st) == 0 && !S_ISDIR(st.st_mode) && st.st_nlink == 1) {
		(void)store_forget(store, &st);
		fake_type_forget(st.st_dev, st.st_ino);
	}
}

int handle_paths(struct stop *s, const struct sysent *e)
{
	unsigned rflags;
	int r;

	if (e->opts & SO_INVALIDATE) {
		vroot_invalidate(&session);
		if (!s->p->invalidate_next)
			session.changing++;
		s->p->invalidate_next = true;
		forget_dying_name(s, e);
	}
	if (needs_no_translation(s))
		return 0;
	if (e->path != NA && !((e->opts & SO_NULLPATH) && s->args[e->path] == 0)) {
		r = first_path_flags(s, e, &rflags);
		if (r < 0)
			return r;
		if (e->opts & SO_OPENHOW) {
			struct open_how how;

			r = read_open_how(s, &how);
			if (r < 0)
				return r;
			if (how.resolve & (RESOLVE_IN_ROOT | RESOLVE_BENEATH))
				return openat2_in_root(s, &how, rflags);
		}
		r = translate(s, e->dirfd, e->path, rflags);
		if (r < 0 || s->skip || s->reexec)
			return r;
	}
	if (e->path2 != NA)
		return translate(s, e->dirfd2, e->path2, RES_PARENT);
	return 0;
}

/* getcwd: answered from the kernel's working directory, seen from the
 * process's root, with no syscall run. */
static int handle_getcwd(struct stop *s)
{
	char session_cwd[PATH_MAX], unreachable[PATH_MAX + 16];
	const char *seen;
	size_t len, size = arch_word(s->arch, s->args[1]);
	int r;

	if (needs_no_translation(s))
		return 0;
	r = base_of(s, AT_FDCWD, session_cwd, sizeof(session_cwd));
	if (r == -ESRCH)
		return r;
	if (r < 0) {
		stop_fail(s, r == -EXDEV ? ENOENT : -r);
		return 0;
	}
	seen = as_seen_by(s->p, session_cwd);
	if (seen == session_cwd && strcmp(s->p->fs->root, "/")) {
		/* outside its root (a chroot without chdir): as the kernel says it */
		snprintf(unreachable, sizeof(unreachable), "(unreachable)%s", session_cwd);
		seen = unreachable;
	}
	len = strlen(seen) + 1;
	if (len > size) {
		stop_fail(s, ERANGE);
		return 0;
	}
	r = mem_write(s->p->tid, arch_word(s->arch, s->args[0]), seen, len);
	if (r < 0 && r != -EFAULT)
		return r;
	s->skip = true;
	s->ret = r < 0 ? r : (int64_t)len;
	return 0;
}

/* readlink of /proc/PID/{cwd,root,exe,fd/N}: the target as the process
 * would see it under a real chroot, never a host path. */
static int answer_magic_link(struct stop *s, const char *host, int buf_idx)
{
	char target[PATH_MAX], session_path[PATH_MAX];
	const char *seen = target, *exe = exe_of(resolve_exe_link_pid(host));
	size_t len, size = arch_word(s->arch, s->args[buf_idx + 1]);
	ssize_t n = readlink(host, target, sizeof(target) - 1);
	int r;

	if (n < 0) {
		stop_fail(s, errno);
		return 0;
	}
	target[n] = '\0';
	if (exe)	/* the program, not the loader it runs through */
		(void)vroot_session_to_host(&session, exe, target, sizeof(target));
	if (target[0] == '/') {
		r = vroot_host_to_session(&session, target, session_path, sizeof(session_path));
		seen = r < 0 ? "/" : as_seen_by(s->p, session_path);
	}
	if ((int64_t)size <= 0) {
		stop_fail(s, EINVAL);
		return 0;
	}
	len = strlen(seen);
	if (len > size)
		len = size;
	r = mem_write(s->p->tid, arch_word(s->arch, s->args[buf_idx]), seen, len);
	if (r < 0 && r != -EFAULT)
		return r;
	s->skip = true;
	s->ret = r < 0 ? r : (int64_t)len;
	return 0;
}

static int handle_readlink(struct stop *s, const struct sysent *e)
{
	char guest[PATH_MAX], host[PATH_MAX];
	int r;

	if (needs_no_translation(s))
		return 0;
	r = read_path(s, e->path, guest, sizeof(guest));
	if (r < 0 || s->skip || !guest[0])
		return s->skip ? 0 : r;
	r = host_path_of(s, e->dirfd, guest, RES_NOFOLLOW, host, sizeof(host));
	if (r == 1)
		return 0;
	if (r < 0) {
		if (r != -ESRCH)
			stop_fail(s, -r);
		return r == -ESRCH ? r : 0;
	}
	if (resolve_is_magic_link(host))
		return answer_magic_link(s, host, e->path + 1);
	return put_path_arg(s, e->path, host);
}

/* chroot(2), emulated: the process's root becomes that directory for the
 * resolution of its paths; the kernel's root never changes. */
static int handle_chroot(struct stop *s, const struct sysent *e)
{
	char guest[PATH_MAX], host[PATH_MAX], root[PATH_MAX];
	struct stat st;
	int r = read_path(s, e->path, guest, sizeof(guest));

	if (r < 0 || s->skip)
		return s->skip ? 0 : r;
	r = guest[0] ? host_path_of(s, NA, guest, 0, host, sizeof(host)) : -ENOENT;
	if (r == 1)
		r = -ENOENT;	/* a working directory outside the session */
	if (r == 0 && !creds_capable(&s->p->creds, CAP_SYS_CHROOT))
		r = -EPERM;
	if (r == 0 && stat(host, &st) < 0)
		r = -errno;
	if (r == 0 && !S_ISDIR(st.st_mode))
		r = -ENOTDIR;
	if (r == 0)
		r = vroot_host_to_session(&session, host, root, sizeof(root));
	if (r == 0)
		r = fs_set_root(s->p->fs, root);
	if (r == -ESRCH)
		return r;
	log_v(1, "%d: chroot %s -> %s", s->p->tid, guest, r < 0 ? strerror(-r) : root);
	stop_fail(s, -r);
	return 0;
}

void emul_after_syscall(struct proc *p)
{
	if (p->invalidate_next) {
		vroot_invalidate(&session);
		session.changing--;
		p->invalidate_next = false;
	}
	while (p->nheld)
		close(p->held_fds[--p->nheld]);
	pending_exec_free(p->exec);	/* an exec that failed */
	p->exec = NULL;
}

int emul_syscall_exit(struct proc *p, const struct arch_def *a, int64_t rval)
{
	switch (p->exit_id) {
	case ID_accept:
	case ID_accept4:
	case ID_getsockname:
	case ID_getpeername:
	case ID_recvfrom:
		return handle_sock_exit(p, a, rval);
	case ID_sendmmsg:
		return handle_sendmmsg_exit(p, a, rval);
	case ID_open:
	case ID_openat:
	case ID_creat:
	case ID_openat2:
		return handle_open_exit(p, a, rval);
	case ID_getdents64:
		return handle_getdents_exit(p, a, rval);
	case ID_sched_getaffinity:
		return handle_affinity_exit(p, a, rval);
	default:
		return 0;
	}
}

int emul_syscall(struct stop *s)
{
	const struct sysent *e = &sysent[s->id];

	emul_after_syscall(s->p);
	exec_execfn_late(s);
	switch (e->family) {
	case FAM_GETCWD:
		return handle_getcwd(s);
	case FAM_READLINK:
		return handle_readlink(s, e);
	case FAM_CHROOT:
		return handle_chroot(s, e);
	case FAM_MOUNT:
		return handle_mount(s, e);
	case FAM_SOCK:
		return handle_sock(s);
	case FAM_EXEC:
		return handle_exec(s, e);
	case FAM_IDENTITY:
		return handle_identity(s);
	case FAM_STAT:
	case FAM_FSTAT:
		return handle_stat(s, e);
	case FAM_CHOWN:
	case FAM_CHMOD:
		return handle_chown_chmod(s, e);
	case FAM_MKNOD:
		return handle_mknod(s, e);
	case FAM_UMASK:
		return handle_umask(s);
	case FAM_ACCESS:
		return handle_access(s, e);
	case FAM_MKDIR:
		return handle_mkdir(s, e);
	case FAM_SYMLINK:
		return handle_symlink(s, e);
	case FAM_OPEN:
		return handle_open(s, e);
	case FAM_XATTR:
		return handle_xattr(s, e);
	case FAM_AFFINITY:
		return handle_affinity(s);
	case FAM_GETDENTS:
		return handle_getdents(s);
	case FAM_PRCTL:
		return handle_prctl(s);
	default:
		return handle_paths(s, e);
	}
}
