/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/*
 * The process table: one record per traced thread, keyed by tid, and the
 * address spaces (struct mm) that threads and vfork children share.
 */

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "arch.h"

/* Scratch memory in a tracee for rewritten arguments: a private anonymous
 * mapping of our own (the stack may not grow under ptrace writes since 6.5,
 * and a Go stack has no room below it).  Each thread owns one slot, used as
 * a ring so an interrupted syscall's strings survive its signal handler. */
#define SCRATCH_SLOT_SIZE (1024u * 1024)	/* an execve argv array fits */
#define SCRATCH_SLOTS 64u
#define SCRATCH_MAP_SIZE ((uint64_t)SCRATCH_SLOT_SIZE * SCRATCH_SLOTS)

struct scratch_map {
	uint64_t base;
	uint64_t used;	/* bitmap of slots in use */
};

struct mm {
	unsigned refs;
	char *exe;	/* session path of the program when the kernel's is a
			 * loader we ran it through; NULL: the kernel's is right */
	bool loader_argv;	/* argv is LOADER OPT ARGV0 PROGRAM ARGS... */
	/* AT_EXECFN to point back at the name as given once the loader has
	 * pointed it at its program argument (exec.c); stops 0: none. */
	struct {
		uint64_t entry;		/* address of the auxv entry */
		uint64_t want;		/* the string with the name as given */
		uint64_t program;	/* the loader's program argument */
		unsigned stops;		/* stops left to look */
	} execfn_late;
	unsigned nmaps;
	struct scratch_map *maps;
	int map_error;	/* mapping scratch failed: fail what needs it */
};

/* Fake credentials of a thread. */
#define CREDS_MAX_GROUPS 256
struct creds {
	uint32_t ruid, euid, suid, fsuid;
	uint32_t rgid, egid, sgid, fsgid;
	uint32_t ngroups;
	uint32_t groups[CREDS_MAX_GROUPS];
	uint64_t cap_eff, cap_perm, cap_inh, cap_bset, cap_amb;
	uint32_t securebits;
	bool keep_caps;
	bool no_new_privs;	/* as the program set it: ours is always on */
	bool undumpable;	/* as the program set it: we keep it dumpable */
};

/* What an execve we rewrote must look like once it has happened. */
struct pending_exec {
	char *exe;		/* session path of the program, or NULL */
	char *execfn;		/* the path as given, for AT_EXECFN */
	int execfn_argv;	/* index of that string in the new argv, or -1 */
	uint32_t set_uid, set_gid;	/* a setuid/setgid program's fake owner, or -1 */
};

/* What CLONE_FS shares: the root directory, a session path (chroot). The
 * working directory is the kernel's own (a real directory in DIR). */
struct fs {
	unsigned refs;
	char *root;
	mode_t umask;	/* as umask(2) set it: the fake modes of new files */
};

/* A rewritten syscall, kept to recognise its restart by the kernel. */
#define RESTART_RECS 32
struct restart_rec {
	uint64_t nr;
	uint64_t new_args[6];
	uint64_t orig_args[6];
};

enum proc_state {
	PS_NEW,		/* seen, waiting for its parent's fork event */
	PS_RUNNING,
	PS_INJECTING,	/* executing a syscall we injected */
};

struct proc {
	pid_t tid;
	pid_t tgid;
	enum proc_state state;
	bool attached;		/* its first stop has been seen */
	bool exit_stop;		/* resumed with PTRACE_SYSCALL: next stop is exit */
	bool invalidate_next;	/* its last syscall may have removed a name */
	int held_fds[8];	/* ours, named in its last syscall */
	unsigned nheld;
	unsigned exit_id;	/* what to do at the exit stop asked for */
	bool exit_set_ret;	/* a skipped syscall's result, set at its exit */
	int64_t exit_ret;	/* (ABIs that cannot set it at the seccomp stop) */
	struct pending_exec *exec;	/* an execve under way, until its event */
	uint64_t exit_args[6];
	struct mm *mm;
	struct fs *fs;
	struct creds creds;
	int slot;		/* scratch slot index in mm (map * SLOTS + i), -1 none */
	uint64_t slot_base;	/* address of that slot, 0 if none */
	uint32_t slot_pos;	/* ring position in the slot */
	struct restart_rec recs[RESTART_RECS];
	unsigned nrecs;		/* records written so far (ring index) */
	/* placement.c */
	bool pinned;		/* runs on the supervisor's CPU only */
	bool own_affinity;	/* the program set it: never changed by us */
	unsigned quick_stops;	/* stops in a row close to the one before */
	uint64_t last_stop_ns;	/* CLOCK_MONOTONIC */
	struct proc *hnext;
};

struct proc *proc_find(pid_t tid);
/* A new record, with a new (empty) mm unless share_mm is given, and a root
 * at "/". */
struct proc *proc_new(pid_t tid, struct mm *share_mm);
void proc_remove(struct proc *p);
/* A thread changed tid at exec (exec from a non-leader thread). */
void proc_rekey(struct proc *p, pid_t new_tid);
unsigned proc_count(void);
void proc_foreach(void (*fn)(struct proc *p, void *data), void *data);

/* The address space of p was replaced (exec): a fresh mm, no scratch. */
int proc_new_mm(struct proc *p);
/* A forked child's own address space starts as a copy of parent's: the
 * same program, and the parent's scratch mappings at the same addresses
 * (copied by the kernel, no slot in use yet). */
int mm_copy_for_fork(struct mm *dst, const struct mm *src);
void pending_exec_free(struct pending_exec *pe);
void mm_unref(struct mm *mm);
/* Give p's scratch slot back to its address space. */
void proc_release_slot(struct proc *p);

/* Child gets parent's fs: shared (CLONE_FS) or a copy. */
int proc_inherit_fs(struct proc *child, struct proc *parent, bool share);
int fs_set_root(struct fs *fs, const char *session_root);
