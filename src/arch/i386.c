/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * i386, native or as a 32-bit task under a 64-bit kernel: the NT_PRSTATUS
 * regset of such a task is the 17-word 32-bit layout whatever the tracer's
 * own width.
 */
#include <elf.h>
#include <linux/audit.h>
#include <seccomp.h>

#include "arch.h"

/* struct stat and struct stat64 of arch/x86/include/uapi/asm/stat.h, 32-bit */
static const struct stat_layout stat_i386 = {
	.size = 64,
	.f = {
		[SF_DEV] = { 0, 4 }, [SF_INO] = { 4, 4 }, [SF_MODE] = { 8, 2 },
		[SF_NLINK] = { 10, 2 }, [SF_UID] = { 12, 2 }, [SF_GID] = { 14, 2 },
		[SF_RDEV] = { 16, 4 }, [SF_SIZE] = { 20, 4 }, [SF_BLKSIZE] = { 24, 4 },
		[SF_BLOCKS] = { 28, 4 }, [SF_ATIME] = { 32, 4 }, [SF_ATIME_NSEC] = { 36, 4 },
		[SF_MTIME] = { 40, 4 }, [SF_MTIME_NSEC] = { 44, 4 }, [SF_CTIME] = { 48, 4 },
		[SF_CTIME_NSEC] = { 52, 4 },
	},
};

static const struct stat_layout stat64_i386 = {
	.size = 96,
	.f = {
		[SF_DEV] = { 0, 8 }, [SF_MODE] = { 16, 4 }, [SF_NLINK] = { 20, 4 },
		[SF_UID] = { 24, 4 }, [SF_GID] = { 28, 4 }, [SF_RDEV] = { 32, 8 },
		[SF_SIZE] = { 44, 8 }, [SF_BLKSIZE] = { 52, 4 }, [SF_BLOCKS] = { 56, 8 },
		[SF_ATIME] = { 64, 4 }, [SF_ATIME_NSEC] = { 68, 4 }, [SF_MTIME] = { 72, 4 },
		[SF_MTIME_NSEC] = { 76, 4 }, [SF_CTIME] = { 80, 4 }, [SF_CTIME_NSEC] = { 84, 4 },
		[SF_INO] = { 88, 8 }, [SF_INO_LOW] = { 12, 4 },
	},
};

/* int $0x80 from a 64-bit task: the i386 convention in x86_64's regset
 * (ebx in rbx, ...), registers 8 bytes wide. */
static const struct arch_def i386_in_x86_64_task = {
	.name = "i386",
	.audit_arch = AUDIT_ARCH_I386,
	.scmp_arch = SCMP_ARCH_X86,
	.word_size = 4,
	.regset_size = 27 * 8,
	.reg_size = 8,
	.reg_off = {
		[REG_NR] = 15 * 8,	/* orig_rax */
		[REG_ARG1] = 5 * 8,	/* rbx */
		[REG_ARG2] = 11 * 8,	/* rcx */
		[REG_ARG3] = 12 * 8,	/* rdx */
		[REG_ARG4] = 13 * 8,	/* rsi */
		[REG_ARG5] = 14 * 8,	/* rdi */
		[REG_ARG6] = 4 * 8,	/* rbp */
		[REG_RET] = 10 * 8,	/* rax */
		[REG_NR_IN] = 10 * 8,	/* rax */
		[REG_SP] = 19 * 8,	/* rsp */
		[REG_IP] = 16 * 8,	/* rip */
	},
	.syscall_insn_size = 2,	/* int $0x80 */
	.elf_machine = EM_386,
	.mmap_name = "mmap2",
	.ret_at_seccomp = true,
};

const struct arch_def arch_i386 = {
	.name = "i386",
	.audit_arch = AUDIT_ARCH_I386,
	.scmp_arch = SCMP_ARCH_X86,
	.word_size = 4,
	.regset_size = 17 * 4,
	.reg_off = {
		[REG_NR] = 11 * 4,	/* orig_eax */
		[REG_ARG1] = 0 * 4,	/* ebx */
		[REG_ARG2] = 1 * 4,	/* ecx */
		[REG_ARG3] = 2 * 4,	/* edx */
		[REG_ARG4] = 3 * 4,	/* esi */
		[REG_ARG5] = 4 * 4,	/* edi */
		[REG_ARG6] = 5 * 4,	/* ebp */
		[REG_RET] = 6 * 4,	/* eax */
		[REG_SP] = 15 * 4,	/* esp */
		[REG_NR_IN] = 6 * 4,	/* eax */
		[REG_IP] = 12 * 4,	/* eip */
	},
	.syscall_insn_size = 2,	/* int $0x80; sysenter restarts through it too */
	.elf_machine = EM_386,
	.mmap_name = "mmap2",
	.ret_at_seccomp = true,
	.stat = { [STAT_PLAIN] = &stat_i386, [STAT_64] = &stat64_i386 },
	.in_wide_task = &i386_in_x86_64_task,
};
