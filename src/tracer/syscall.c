/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Changing the syscall a tracee is stopped in.  PTRACE_SET_SYSCALL_INFO
 * (Linux 6.16) sets number and arguments on every ABI in one call; where the
 * kernel lacks it, the ABI's register table does it.  The return value of a
 * skipped syscall is always written through the registers.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "log.h"
#include "stats.h"
#include "tracer.h"

#ifndef PTRACE_SET_SYSCALL_INFO
#define PTRACE_SET_SYSCALL_INFO 0x4212
#endif

static enum { PROBE, HAVE, LACK } set_info = PROBE;

int tracee_syscall_info(pid_t pid, struct ptrace_syscall_info *ret_info)
{
	struct ptrace_syscall_info info;

	if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(info), &info) < 0)
		return -errno;
	*ret_info = info;
	return 0;
}

static int set_by_info(struct stop *s, uint64_t nr, const uint64_t args[6])
{
	struct ptrace_syscall_info i = s->info;

	memset(i.pad, 0, sizeof(i.pad));
	i.seccomp.nr = nr;
	memcpy(i.seccomp.args, args, sizeof(i.seccomp.args));
	if (ptrace(PTRACE_SET_SYSCALL_INFO, s->p->tid, sizeof(i), &i) < 0)
		return -errno;
	return 0;
}

static void write_nr_args(struct regs *r, uint64_t nr, const uint64_t args[6])
{
	arch_reg_write(r, REG_NR, nr);
	for (unsigned i = 0; i < 6; i++)
		arch_reg_write(r, REG_ARG1 + i, args[i]);
}

static int set_by_regs(struct stop *s, uint64_t nr, const uint64_t args[6],
		       const int64_t *ret)
{
	struct regs r;
	int e = arch_regs_get(s->p->tid, s->arch, &r);

	if (e < 0)
		return e;
	write_nr_args(&r, nr, args);
	if (ret)
		arch_reg_write(&r, REG_RET, (uint64_t)*ret);
	if (s->arch->hooks.set_nr) {
		e = s->arch->hooks.set_nr(s->p->tid, s->arch, r.buf, (long)nr);
		if (e < 0)
			return e;
	}
	return arch_regs_set(s->p->tid, &r);
}

static int set_syscall(struct stop *s, uint64_t nr, const uint64_t args[6])
{
	int r;

	if (set_info != LACK) {
		r = set_by_info(s, nr, args);
		if (r == 0)
			set_info = HAVE;
		if (r != -EIO && r != -EINVAL)
			return r;
		if (set_info == HAVE)
			return r;	/* a real failure, not a missing feature */
		if (set_info == PROBE) {
			log_v(1, "PTRACE_SET_SYSCALL_INFO unavailable, using registers");
			set_info = LACK;
		}
	}
	return set_by_regs(s, nr, args, NULL);
}

int tracee_apply(struct stop *s)
{
	if (s->skip) {
		if (!s->arch->ret_at_seccomp) {
			s->want_exit = true;
			s->p->exit_set_ret = true;
			s->p->exit_ret = s->ret;
			return set_syscall(s, (uint64_t)-1, s->args);
		}
		return set_by_regs(s, (uint64_t)-1, s->args, &s->ret);
	}
	if (s->args_changed)
		return set_syscall(s, s->nr, s->args);
	return 0;
}

int tracee_inject(struct stop *s, uint64_t nr, const uint64_t args[6], int64_t *ret_result)
{
	struct ptrace_syscall_info exit_info;
	struct regs saved;
	pid_t pid = s->p->tid;
	int status, r;

	r = arch_regs_get(pid, s->arch, &saved);
	if (r < 0)
		return r;
	r = set_syscall(s, nr, args);
	if (r < 0)
		return r;
	if (ptrace(PTRACE_SYSCALL, pid, 0, 0) < 0)
		return -errno;
	r = tracer_wait_stop(pid, &status);
	if (r < 0)
		return r;
	stats_stop(STOP_INJECTED);
	if (!WIFSTOPPED(status) || WSTOPSIG(status) != (SIGTRAP | 0x80))
		return -EPROTO;
	r = tracee_syscall_info(pid, &exit_info);
	if (r < 0)
		return r;
	/* The stopped syscall runs again once the injected one is over: back
	 * to the syscall instruction, number in place, all else as it was. */
	arch_reg_write(&saved, REG_NR_IN, s->nr);
	arch_reg_write(&saved, REG_IP, arch_reg_read(&saved, REG_IP) - s->arch->syscall_insn_size);
	r = arch_regs_set(pid, &saved);
	if (r < 0)
		return r;
	*ret_result = exit_info.exit.rval;
	s->reexec = true;
	return 0;
}

int tracee_set_return(struct proc *p, const struct arch_def *a, int64_t ret)
{
	struct regs r;
	int e = arch_regs_get(p->tid, a, &r);

	if (e < 0)
		return e;
	arch_reg_write(&r, REG_RET, (uint64_t)ret);
	return arch_regs_set(p->tid, &r);
}
