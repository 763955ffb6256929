/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* x86_64: struct user_regs_struct, 27 eight-byte registers. */
#include <elf.h>
#include <linux/audit.h>
#include <seccomp.h>

#include "arch.h"

/* struct stat of arch/x86/include/uapi/asm/stat.h, 64-bit */
static const struct stat_layout stat_x86_64 = {
	.size = 144,
	.f = {
		[SF_DEV] = { 0, 8 }, [SF_INO] = { 8, 8 }, [SF_NLINK] = { 16, 8 },
		[SF_MODE] = { 24, 4 }, [SF_UID] = { 28, 4 }, [SF_GID] = { 32, 4 },
		[SF_RDEV] = { 40, 8 }, [SF_SIZE] = { 48, 8 }, [SF_BLKSIZE] = { 56, 8 },
		[SF_BLOCKS] = { 64, 8 }, [SF_ATIME] = { 72, 8 }, [SF_ATIME_NSEC] = { 80, 8 },
		[SF_MTIME] = { 88, 8 }, [SF_MTIME_NSEC] = { 96, 8 }, [SF_CTIME] = { 104, 8 },
		[SF_CTIME_NSEC] = { 112, 8 },
	},
};

const struct arch_def arch_x86_64 = {
	.name = "x86_64",
	.audit_arch = AUDIT_ARCH_X86_64,
	.scmp_arch = SCMP_ARCH_X86_64,
	.word_size = 8,
	.regset_size = 27 * 8,
	.reg_off = {
		[REG_NR] = 15 * 8,	/* orig_rax */
		[REG_ARG1] = 14 * 8,	/* rdi */
		[REG_ARG2] = 13 * 8,	/* rsi */
		[REG_ARG3] = 12 * 8,	/* rdx */
		[REG_ARG4] = 7 * 8,	/* r10 */
		[REG_ARG5] = 9 * 8,	/* r8 */
		[REG_ARG6] = 8 * 8,	/* r9 */
		[REG_RET] = 10 * 8,	/* rax */
		[REG_SP] = 19 * 8,	/* rsp */
		[REG_NR_IN] = 10 * 8,	/* rax */
		[REG_IP] = 16 * 8,	/* rip */
	},
	.syscall_insn_size = 2,	/* syscall */
	.elf_machine = EM_X86_64,
	.mmap_name = "mmap",
	.ret_at_seccomp = true,
	.stat = { [STAT_PLAIN] = &stat_x86_64 },
};
