/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * THE list of syscalls iamroot-run handles.  It drives the portable ids
 * (enum sys_id), the handler table and the seccomp filter, so what is handled
 * and what traps cannot disagree.  Numbers are never written here: each
 * ABI's number comes from libseccomp at start-up, and a name an ABI lacks
 * (stat64 on x86_64) simply does not trap there.
 *
 * SC(name, family, dirfd, path, dirfd2, path2, atflags, opts)
 *   family   what the handler does (enum sys_family in sysent.h)
 *   dirfd    argument index of the dirfd of path, NA for AT_FDCWD
 *   path     argument index of the path, NA if none
 *   dirfd2/path2  the second path of link/rename/symlink
 *   atflags  argument index of AT_* flags (AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH)
 *   opts     SO_* bits (sysent.h)
 *
 * SCU(name, nr, ...) is the same for a syscall newer than the libseccomp we
 * may be built against: nr is its number in the kernel's unified table
 * (every syscall from 424 on has one number on every ABI), used only when
 * libseccomp cannot resolve the name.
 */

/* open family */
SC(open,		OPEN,	NA, 0, NA, NA, NA, SO_OPENFLAGS(1))
SC(openat,		OPEN,	0, 1, NA, NA, NA, SO_OPENFLAGS(2))
SC(creat,		OPEN,	NA, 0, NA, NA, NA, 0)
SC(openat2,		OPEN,	0, 1, NA, NA, NA, SO_OPENHOW)
SC(name_to_handle_at,	PATH,	0, 1, NA, NA, 4, 0)
SC(open_by_handle_at,	REFUSE_EPERM, NA, NA, NA, NA, NA, 0)

/* stat family */
SC(stat,		STAT,	NA, 0, NA, NA, NA, 0)
SC(lstat,		STAT,	NA, 0, NA, NA, NA, SO_NOFOLLOW)
SC(stat64,		STAT,	NA, 0, NA, NA, NA, SO_STAT64)
SC(lstat64,		STAT,	NA, 0, NA, NA, NA, SO_NOFOLLOW | SO_STAT64)
SC(oldstat,		STAT,	NA, 0, NA, NA, NA, SO_OLDSTAT)
SC(oldlstat,		STAT,	NA, 0, NA, NA, NA, SO_NOFOLLOW | SO_OLDSTAT)
SC(newfstatat,		STAT,	0, 1, NA, NA, 3, 0)
SC(fstatat64,		STAT,	0, 1, NA, NA, 3, SO_STAT64)
SC(statx,		STAT,	0, 1, NA, NA, 2, SO_STATX)
SC(fstat,		FSTAT,	NA, NA, NA, NA, NA, 0)
SC(fstat64,		FSTAT,	NA, NA, NA, NA, NA, SO_STAT64)
SC(oldfstat,		FSTAT,	NA, NA, NA, NA, NA, SO_OLDSTAT)
SC(statfs,		PATH,	NA, 0, NA, NA, NA, 0)
SC(statfs64,		PATH,	NA, 0, NA, NA, NA, 0)
SCU(statmount, 457,	ALLOW,	NA, NA, NA, NA, NA, 0)
SCU(listmount, 458,	ALLOW,	NA, NA, NA, NA, NA, 0)

/* access */
SC(access,		ACCESS,	NA, 0, NA, NA, NA, 0)
SC(faccessat,		ACCESS,	0, 1, NA, NA, NA, 0)
SC(faccessat2,		ACCESS,	0, 1, NA, NA, 3, 0)

/* exec */
SC(execve,		EXEC,	NA, 0, NA, NA, NA, 0)
SC(execveat,		EXEC,	0, 1, NA, NA, 4, 0)
SC(uselib,		REFUSE_ENOSYS, NA, NA, NA, NA, NA, 0)

/* directory entries */
SC(mkdir,		MKDIR,	NA, 0, NA, NA, NA, SO_PARENT)
SC(mkdirat,		MKDIR,	0, 1, NA, NA, NA, SO_PARENT)
SC(mknod,		MKNOD,	NA, 0, NA, NA, NA, SO_PARENT)
SC(mknodat,		MKNOD,	0, 1, NA, NA, NA, SO_PARENT)
SC(rmdir,		PATH,	NA, 0, NA, NA, NA, SO_PARENT | SO_INVALIDATE)
SC(unlink,		PATH,	NA, 0, NA, NA, NA, SO_PARENT | SO_INVALIDATE)
SC(unlinkat,		PATH,	0, 1, NA, NA, NA, SO_PARENT | SO_INVALIDATE)
SC(link,		PATH,	NA, 0, NA, 1, NA, SO_NOFOLLOW)
SC(linkat,		PATH,	0, 1, 2, 3, 4, SO_NOFOLLOW)
SC(symlink,		SYMLINK,	NA, NA, NA, 1, NA, 0)
SC(symlinkat,		SYMLINK,	NA, NA, 1, 2, NA, 0)
SC(rename,		PATH,	NA, 0, NA, 1, NA, SO_PARENT | SO_INVALIDATE)
SC(renameat,		PATH,	0, 1, 2, 3, NA, SO_PARENT | SO_INVALIDATE)
SC(renameat2,		PATH,	0, 1, 2, 3, NA, SO_PARENT | SO_INVALIDATE)
SC(readlink,		READLINK, NA, 0, NA, NA, NA, SO_NOFOLLOW)
SC(readlinkat,		READLINK, 0, 1, NA, NA, NA, SO_NOFOLLOW)

/* directory listings: d_type of fake devices */
SC(getdents64,		GETDENTS, NA, NA, NA, NA, NA, 0)

/* working and root directory */
SC(chdir,		CWD,	NA, 0, NA, NA, NA, 0)
SC(umask,		UMASK,	NA, NA, NA, NA, NA, 0)
SC(getcwd,		GETCWD,	NA, NA, NA, NA, NA, 0)
SC(chroot,		CHROOT,	NA, 0, NA, NA, NA, 0)
SC(pivot_root,		PATH,	NA, 0, NA, 1, NA, SO_INVALIDATE)

/* modes and owners */
SC(chmod,		CHMOD,	NA, 0, NA, NA, NA, 0)
SC(fchmod,		CHMOD,	NA, NA, NA, NA, NA, 0)
SC(fchmodat,		CHMOD,	0, 1, NA, NA, NA, 0)
SC(fchmodat2,		CHMOD,	0, 1, NA, NA, 3, 0)
SC(chown,		CHOWN,	NA, 0, NA, NA, NA, SO_UID16)
SC(lchown,		CHOWN,	NA, 0, NA, NA, NA, SO_NOFOLLOW | SO_UID16)
SC(fchown,		CHOWN,	NA, NA, NA, NA, NA, SO_UID16)
SC(fchownat,		CHOWN,	0, 1, NA, NA, 4, 0)
SC(chown32,		CHOWN,	NA, 0, NA, NA, NA, 0)
SC(lchown32,		CHOWN,	NA, 0, NA, NA, NA, SO_NOFOLLOW)
SC(fchown32,		CHOWN,	NA, NA, NA, NA, NA, 0)

/* contents and times */
SC(truncate,		PATH,	NA, 0, NA, NA, NA, 0)
SC(truncate64,		PATH,	NA, 0, NA, NA, NA, 0)
SC(utime,		PATH,	NA, 0, NA, NA, NA, 0)
SC(utimes,		PATH,	NA, 0, NA, NA, NA, 0)
/* a NULL path means the fd (futimens): nothing to translate, no trap */
SC(futimesat,		PATH,	0, 1, NA, NA, NA, SO_NULLPATH | SO_IF_ARG(1))
SC(utimensat,		PATH,	0, 1, NA, NA, 3, SO_NULLPATH | SO_IF_ARG(1))
SC(utimensat_time64,	PATH,	0, 1, NA, NA, 3, SO_NULLPATH | SO_IF_ARG(1))

/* extended attributes */
SC(setxattr,		XATTR,	NA, 0, NA, NA, NA, 0)
SC(lsetxattr,		XATTR,	NA, 0, NA, NA, NA, SO_NOFOLLOW)
SC(getxattr,		XATTR,	NA, 0, NA, NA, NA, 0)
SC(lgetxattr,		XATTR,	NA, 0, NA, NA, NA, SO_NOFOLLOW)
SC(listxattr,		XATTR,	NA, 0, NA, NA, NA, 0)
SC(llistxattr,		XATTR,	NA, 0, NA, NA, NA, SO_NOFOLLOW)
SC(removexattr,		XATTR,	NA, 0, NA, NA, NA, 0)
SC(lremovexattr,	XATTR,	NA, 0, NA, NA, NA, SO_NOFOLLOW)
SC(fsetxattr,		XATTR,	NA, NA, NA, NA, NA, 0)
SC(fgetxattr,		XATTR,	NA, NA, NA, NA, NA, 0)
SC(flistxattr,		XATTR,	NA, NA, NA, NA, NA, 0)
SC(fremovexattr,	XATTR,	NA, NA, NA, NA, NA, 0)
SCU(setxattrat, 463,	PATH,	0, 1, NA, NA, 2, 0)
SCU(getxattrat, 464,	PATH,	0, 1, NA, NA, 2, 0)
SCU(listxattrat, 465,	PATH,	0, 1, NA, NA, 2, 0)
SCU(removexattrat, 466,	PATH,	0, 1, NA, NA, 2, 0)
SCU(file_getattr, 468,	PATH,	0, 1, NA, NA, 4, 0)
SCU(file_setattr, 469,	PATH,	0, 1, NA, NA, 4, 0)

/* watches */
SC(inotify_add_watch,	PATH,	NA, 1, NA, NA, NA, 0)
SC(fanotify_mark,	PATH,	3, 4, NA, NA, NA, SO_NULLPATH)

/* mounts, swap, accounting, quota: mount(2) is emulated as bindings; the
 * new mount API answers ENOSYS, which makes mount(8) fall back to mount(2) */
SC(mount,		MOUNT,	NA, 1, NA, NA, NA, SO_INVALIDATE)
SC(umount,		MOUNT,	NA, 0, NA, NA, NA, SO_INVALIDATE)
SC(umount2,		MOUNT,	NA, 0, NA, NA, NA, SO_INVALIDATE)
SC(open_tree,		REFUSE_ENOSYS, NA, NA, NA, NA, NA, 0)
SCU(open_tree_attr, 467, REFUSE_ENOSYS, NA, NA, NA, NA, NA, 0)
SC(move_mount,		REFUSE_ENOSYS, NA, NA, NA, NA, NA, 0)
SC(fsopen,		REFUSE_ENOSYS, NA, NA, NA, NA, NA, 0)
SC(fsconfig,		REFUSE_ENOSYS, NA, NA, NA, NA, NA, 0)
SC(fsmount,		REFUSE_ENOSYS, NA, NA, NA, NA, NA, 0)
SC(fspick,		REFUSE_ENOSYS, NA, NA, NA, NA, NA, 0)
SC(mount_setattr,	REFUSE_ENOSYS, NA, NA, NA, NA, NA, 0)
SC(swapon,		PATH,	NA, 0, NA, NA, NA, 0)
SC(swapoff,		PATH,	NA, 0, NA, NA, NA, 0)
SC(acct,		PATH,	NA, 0, NA, NA, NA, SO_NULLPATH)
SC(quotactl,		PATH,	NA, 1, NA, NA, NA, SO_NULLPATH)

/* AF_UNIX socket addresses */
SC(bind,		SOCK,	NA, NA, NA, NA, NA, 0)
SC(connect,		SOCK,	NA, NA, NA, NA, NA, 0)
SC(sendto,		SOCK,	NA, NA, NA, NA, NA, 0)
SC(sendmsg,		SOCK,	NA, NA, NA, NA, NA, 0)
SC(sendmmsg,		SOCK,	NA, NA, NA, NA, NA, 0)
SC(getsockname,		SOCK,	NA, NA, NA, NA, NA, 0)
SC(getpeername,		SOCK,	NA, NA, NA, NA, NA, 0)
SC(accept,		SOCK,	NA, NA, NA, NA, NA, 0)
SC(accept4,		SOCK,	NA, NA, NA, NA, NA, 0)
/* only with a sender address buffer */
SC(recvfrom,		SOCK,	NA, NA, NA, NA, NA, SO_IF_ARG(4))
SC(socketcall,		SOCK,	NA, NA, NA, NA, NA, 0)

/* identity */
SC(getuid,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(geteuid,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(getgid,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(getegid,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(getresuid,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(getresgid,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(getgroups,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(getuid32,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(geteuid32,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(getgid32,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(getegid32,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(getresuid32,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(getresgid32,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(getgroups32,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(setuid,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(setgid,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(setreuid,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(setregid,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(setresuid,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(setresgid,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(setfsuid,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(setfsgid,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(setgroups,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(setuid32,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(setgid32,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(setreuid32,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(setregid32,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(setresuid32,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(setresgid32,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(setfsuid32,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(setfsgid32,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(setgroups32,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(capget,		IDENTITY, NA, NA, NA, NA, NA, 0)
SC(capset,		IDENTITY, NA, NA, NA, NA, NA, 0)
/* only for the options in PRCTL_TRAPPED (sysent.h): the others pass */
SC(prctl,		PRCTL,	NA, NA, NA, NA, NA, 0)

/* CPU affinity: the session's CPUs shown, not where placement.c pins */
SC(sched_getaffinity,	AFFINITY, NA, NA, NA, NA, NA, 0)
SC(sched_setaffinity,	AFFINITY, NA, NA, NA, NA, NA, 0)

/* refused: no way to contain them */
SC(io_uring_setup,	REFUSE_ENOSYS, NA, NA, NA, NA, NA, 0)

/* newer than libseccomp may know, harmless: let through by the guard */
SCU(futex_wake, 454,	ALLOW,	NA, NA, NA, NA, NA, 0)
SCU(futex_wait, 455,	ALLOW,	NA, NA, NA, NA, NA, 0)
SCU(futex_requeue, 456,	ALLOW,	NA, NA, NA, NA, NA, 0)
SCU(lsm_get_self_attr, 459, ALLOW, NA, NA, NA, NA, NA, 0)
SCU(lsm_set_self_attr, 460, ALLOW, NA, NA, NA, NA, NA, 0)
SCU(lsm_list_modules, 461, ALLOW, NA, NA, NA, NA, NA, 0)
SCU(mseal, 462,		ALLOW,	NA, NA, NA, NA, NA, 0)
