/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/*
 * Portable syscall ids and their per-ABI numbers, generated from
 * syscall-list.h.  The ids are ours; the numbers come from libseccomp (or the
 * kernel's unified table for syscalls newer than libseccomp) at start-up.
 */

#include <stdint.h>
#include <sys/prctl.h>

#include "arch.h"

#define NA (-1)

/* What a syscall's handler does.  REFUSE_* and ALLOW never stop the tracee:
 * the filter answers them itself. */
enum sys_family {
	FAM_PATH,		/* path arguments translated, nothing else */
	FAM_STAT,
	FAM_FSTAT,
	FAM_EXEC,
	FAM_MKNOD,
	FAM_READLINK,
	FAM_CWD,
	FAM_GETCWD,
	FAM_CHROOT,
	FAM_CHMOD,
	FAM_CHOWN,
	FAM_MOUNT,
	FAM_SOCK,
	FAM_IDENTITY,
	FAM_UMASK,
	FAM_ACCESS,
	FAM_MKDIR,
	FAM_SYMLINK,
	FAM_OPEN,
	FAM_XATTR,
	FAM_GETDENTS,
	FAM_PRCTL,		/* traps only for arg0 in PRCTL_TRAPPED */
	FAM_AFFINITY,
	FAM_ALLOW,		/* listed so the new-syscall guard lets it pass */
	FAM_REFUSE_ENOSYS,	/* the filter fails it with ENOSYS */
	FAM_REFUSE_EPERM,	/* the filter fails it with EPERM */
	FAM__COUNT
};

/* opts bits */
#define SO_NOFOLLOW	(1u << 0)	/* last component of path is not followed */
#define SO_PARENT	(1u << 1)	/* path names what is made or removed: only
					 * its parent is looked up (path2 always) */
#define SO_NULLPATH	(1u << 3)	/* a NULL path is valid (fd operation) */
#define SO_OPENHOW	(1u << 4)	/* openat2: flags live in struct open_how */
#define SO_HAS_OFLAGS	(1u << 5)	/* open flags in argument SO_OFLAGS_ARG() */
#define SO_INVALIDATE	(1u << 6)	/* may remove or replace names: drop caches */
#define SO_STAT64	(1u << 7)	/* fills the ABI's struct stat64 */
#define SO_STATX	(1u << 8)	/* fills a struct statx */
#define SO_OLDSTAT	(1u << 9)	/* fills __old_kernel_stat: not faked */
#define SO_UID16	(1u << 10)	/* 16-bit ids on the ABIs that have a *32 twin */
#define SO_HAS_IF_ARG	(1u << 11)	/* traps only when argument SO_IF_ARG_IDX() is not 0 */
#define SO_OPENFLAGS(i)	(SO_HAS_OFLAGS | ((unsigned)(i) << 16))
#define SO_OFLAGS_ARG(o) (((o) >> 16) & 7)
#define SO_IF_ARG(i)	(SO_HAS_IF_ARG | ((unsigned)(i) << 20))
#define SO_IF_ARG_IDX(o) (((o) >> 20) & 7)

/* The prctl options that say or change what root is (capabilities, keep
 * caps, securebits, no_new_privs) or that would let a tracee hide from us
 * (dumpable). */
#define PRCTL_TRAPPED \
	PR_SET_KEEPCAPS, PR_GET_KEEPCAPS, PR_SET_DUMPABLE, PR_GET_DUMPABLE, \
	PR_CAPBSET_READ, PR_CAPBSET_DROP, PR_CAP_AMBIENT, PR_SET_SECUREBITS, \
	PR_GET_SECUREBITS, PR_SET_NO_NEW_PRIVS, PR_GET_NO_NEW_PRIVS

enum sys_id {
#define SC(name, ...) ID_##name,
#define SCU(name, nr, ...) ID_##name,
#include "syscall-list.h"
#undef SC
#undef SCU
	ID__COUNT
};

struct sysent {
	const char *name;
	enum sys_family family;
	int8_t dirfd, path, dirfd2, path2, atflags;
	uint32_t opts;
	int unified_nr;		/* number in the unified table, or -1 */
};

extern const struct sysent sysent[ID__COUNT];

/* Numbers of one ABI.  Numbers at or above SYSNR_MAX are never handled. */
#define SYSNR_MAX 1024
#define SYSNR_UNIFIED_FIRST 424	/* first number shared by every ABI */
#define ID_NONE 0xffffu

struct abi_nrs {
	const struct arch_def *arch;
	int nr[ID__COUNT];		/* -1: the ABI has no such syscall */
	uint8_t from_unified[ID__COUNT]; /* 1: libseccomp did not know it */
	uint16_t id[SYSNR_MAX];		/* ID_NONE: not ours */
};

/* Resolve every ABI of arch_table; idempotent. */
void sysent_init(void);
const struct abi_nrs *sysent_abi(const struct arch_def *a);
/* Number of a syscall we do not handle (mmap for scratch), or <0. */
int sysent_resolve(const struct arch_def *a, const char *name);
/* Portable id of syscall nr on ABI a, or ID_NONE. */
unsigned sysent_id(const struct arch_def *a, uint64_t nr);
