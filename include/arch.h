/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/*
 * One ABI (a syscall calling convention the kernel reports through its
 * AUDIT_ARCH_* token) is a small data descriptor plus optional hooks, one
 * file per ABI in src/arch/.  Nothing outside src/arch/ knows register
 * layouts.  Every descriptor compiles on every host: the register sets are
 * described by byte offsets into the NT_PRSTATUS regset of a task of that
 * ABI, never by the host's <sys/user.h>.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum reg {
	REG_NR,		/* syscall number as the kernel will use it */
	REG_ARG1, REG_ARG2, REG_ARG3, REG_ARG4, REG_ARG5, REG_ARG6,
	REG_RET,	/* return value register */
	REG_SP,
	REG_IP,
	REG_NR_IN,	/* where the syscall instruction takes the number from */
	REG__COUNT
};

#define REG_ABSENT 0xffffu	/* offset of a register not in the regset */
#define ARCH_REGSET_MAX 512
#define ARCH_MAX 8		/* ABIs one build may support */

struct arch_def;

/* Where the fields of a struct stat of one ABI are (len 0: absent). */
enum stat_field {
	SF_DEV, SF_INO, SF_MODE, SF_NLINK, SF_UID, SF_GID, SF_RDEV, SF_SIZE,
	SF_BLKSIZE, SF_BLOCKS, SF_ATIME, SF_ATIME_NSEC, SF_MTIME, SF_MTIME_NSEC,
	SF_CTIME, SF_CTIME_NSEC,
	SF_INO_LOW,	/* i386 stat64's __st_ino: the low 32 bits again */
	SF__COUNT
};

struct stat_layout {
	uint16_t size;
	struct {
		uint16_t off;
		uint8_t len;
	} f[SF__COUNT];
};

/* The stat structures of an ABI: what stat/lstat/fstat/newfstatat fill,
 * and what the *64 calls fill (32-bit ABIs); NULL where there is none. */
enum stat_kind { STAT_PLAIN, STAT_64, STAT__KINDS };

/* Hooks an ABI may provide when plain regset writes do not do the job. */
struct arch_hooks {
	/* Change the syscall number at a seccomp or entry stop. */
	int (*set_nr)(pid_t pid, const struct arch_def *a, void *regs, long nr);
};

struct arch_def {
	const char *name;
	uint32_t audit_arch;	/* AUDIT_ARCH_* reported by PTRACE_GET_SYSCALL_INFO */
	uint32_t scmp_arch;	/* SCMP_ARCH_* token for libseccomp */
	unsigned word_size;	/* 4 or 8 */
	size_t regset_size;	/* NT_PRSTATUS size for a task of this ABI */
	unsigned reg_size;	/* bytes of a register in the regset; 0: word_size */
	/* The same ABI's syscalls made by a task of the wider one (i386's
	 * int $0x80 from a 64-bit program): its registers in that regset. */
	const struct arch_def *in_wide_task;
	uint16_t reg_off[REG__COUNT];
	unsigned syscall_insn_size;	/* to re-execute the syscall instruction */
	const char *mmap_name;	/* the six-argument mmap of this ABI */
	uint16_t elf_machine;	/* EM_* of the programs of this ABI */
	bool ret_at_seccomp;	/* return value settable at the seccomp stop */
	const struct stat_layout *stat[STAT__KINDS];
	struct arch_hooks hooks;
};

/* The ABIs this build supports, NULL-terminated; the first is the host's. */
extern const struct arch_def *const arch_table[];

const struct arch_def *arch_by_audit(uint32_t audit_arch);

/* A tracee's registers, fetched once per stop when needed. */
struct regs {
	const struct arch_def *arch;
	size_t size;
	unsigned char buf[ARCH_REGSET_MAX];
};

int arch_regs_get(pid_t pid, const struct arch_def *a, struct regs *ret_regs);
int arch_regs_set(pid_t pid, struct regs *r);
uint64_t arch_reg_read(const struct regs *r, enum reg reg);
void arch_reg_write(struct regs *r, enum reg reg, uint64_t value);

/* Truncate a value to the ABI's word, as the kernel sees an argument. */
static inline uint64_t arch_word(const struct arch_def *a, uint64_t v)
{
	return a->word_size == 4 ? (uint32_t)v : v;
}

/* Sign-extend a word of the ABI (an fd, a return value) to 64 bits. */
static inline int64_t arch_sword(const struct arch_def *a, uint64_t v)
{
	return a->word_size == 4 ? (int64_t)(int32_t)v : (int64_t)v;
}
