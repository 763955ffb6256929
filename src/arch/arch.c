/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <elf.h>
#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#include "arch.h"

extern const struct arch_def arch_x86_64, arch_i386;

/* Registration: adding an ABI is its descriptor file plus one line here. */
const struct arch_def *const arch_table[] = {
#if defined(__x86_64__)
	&arch_x86_64,
	&arch_i386,
#elif defined(__i386__)
	&arch_i386,
#endif
	NULL
};

const struct arch_def *arch_by_audit(uint32_t audit_arch)
{
	for (const struct arch_def *const *a = arch_table; *a; a++)
		if ((*a)->audit_arch == audit_arch)
			return *a;
	return NULL;
}

int arch_regs_get(pid_t pid, const struct arch_def *a, struct regs *ret_regs)
{
	struct iovec iov = { ret_regs->buf, sizeof(ret_regs->buf) };

	if (ptrace(PTRACE_GETREGSET, pid, NT_PRSTATUS, &iov) < 0)
		return -errno;
	if (iov.iov_len != a->regset_size && a->in_wide_task &&
	    iov.iov_len == a->in_wide_task->regset_size)
		a = a->in_wide_task;
	if (iov.iov_len != a->regset_size)
		return -EPROTO;	/* the task is not of the ABI we think */
	ret_regs->arch = a;
	ret_regs->size = iov.iov_len;
	return 0;
}

int arch_regs_set(pid_t pid, struct regs *r)
{
	struct iovec iov = { r->buf, r->size };

	return ptrace(PTRACE_SETREGSET, pid, NT_PRSTATUS, &iov) < 0 ? -errno : 0;
}

static unsigned reg_bytes(const struct arch_def *a)
{
	return a->reg_size ? a->reg_size : a->word_size;
}

uint64_t arch_reg_read(const struct regs *r, enum reg reg)
{
	uint16_t off = r->arch->reg_off[reg];

	if (off == REG_ABSENT)
		return 0;
	if (reg_bytes(r->arch) == 4) {
		uint32_t v;
		memcpy(&v, r->buf + off, 4);
		return v;
	}
	uint64_t v;
	memcpy(&v, r->buf + off, 8);
	return arch_word(r->arch, v);
}

void arch_reg_write(struct regs *r, enum reg reg, uint64_t value)
{
	uint16_t off = r->arch->reg_off[reg];

	if (off == REG_ABSENT)
		return;		/* set through a hook on that ABI */
	if (reg_bytes(r->arch) == 4) {
		uint32_t v = (uint32_t)value;
		memcpy(r->buf + off, &v, 4);
	} else {
		/* a 32-bit value in a 64-bit register: sign-extended, so that
		 * -1 (skip) and -errno stay what they are */
		if (r->arch->word_size == 4)
			value = (uint64_t)(int64_t)(int32_t)value;
		memcpy(r->buf + off, &value, 8);
	}
}
