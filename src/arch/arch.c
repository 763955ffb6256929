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

uint64_t arch_reg_read(const struct regs *r, enum reg reg)
{
	uint16_t off = r->arch->reg_off[reg];

	if (off == REG_ABSENT)
		return 0;
	if (r->arch->word_size == 4) {
		uint32_t v;
		memcpy(&v, r->buf + off, 4);
		return v;
	}
	uint64_t v;
	memcpy(&v, r->buf + off, 8);
	return v;
}

void arch_reg_write(struct regs *r, enum reg reg, uint64_t value)
{
	uint16_t off = r->arch->reg_off[reg];

	if (off == REG_ABSENT)
		return;		/* set through a hook on that ABI */
	if (r->arch->word_size == 4) {
		uint32_t v = (uint32_t)value;
		memcpy(r->buf + off, &v, 4);
	} else {
		memcpy(r->buf + off, &value, 8);
	}
}
