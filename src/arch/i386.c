/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * i386, native or as a 32-bit task under a 64-bit kernel: the NT_PRSTATUS
 * regset of such a task is the 17-word 32-bit layout whatever the tracer's
 * own width.
 */
#include <linux/audit.h>
#include <seccomp.h>

#include "arch.h"

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
	.mmap_name = "mmap2",
	.ret_at_seccomp = true,
};
