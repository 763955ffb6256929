/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <errno.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "filter.h"
#include "util.h"

static uint32_t family_action(enum sys_family fam)
{
	switch (fam) {
	case FAM_ALLOW:
		return SCMP_ACT_ALLOW;
	case FAM_REFUSE_ENOSYS:
		return SCMP_ACT_ERRNO(ENOSYS);
	case FAM_REFUSE_EPERM:
		return SCMP_ACT_ERRNO(EPERM);
	default:
		return SCMP_ACT_TRACE(0);
	}
}

static bool libseccomp_knows(uint32_t scmp_arch, uint32_t nr)
{
	_cleanup_free_ char *name = seccomp_syscall_resolve_num_arch(scmp_arch, (int)nr);

	return name != NULL;
}

uint32_t filter_expected_action(const struct abi_nrs *t, uint32_t nr)
{
	if (nr < SYSNR_MAX && t->id[nr] != ID_NONE)
		return family_action(sysent[t->id[nr]].family);
	if (nr >= SYSNR_UNIFIED_FIRST && nr < SYSNR_GUARD_END &&
	    !libseccomp_knows(t->arch->scmp_arch, nr))
		return SCMP_ACT_TRACE(0);
	return SCMP_ACT_ALLOW;
}

/* libseccomp numbers a rule in the native ABI (a negative pseudo-number for
 * a syscall the native ABI lacks) and maps it to each ABI of the context;
 * an ABI without that syscall gets no rule. */
static int add_rules(scmp_filter_ctx ctx)
{
	for (unsigned id = 0; id < ID__COUNT; id++) {
		uint32_t act = family_action(sysent[id].family);
		int nr, r;

		if (act == SCMP_ACT_ALLOW)
			continue;
		nr = seccomp_syscall_resolve_name(sysent[id].name);
		if (nr == __NR_SCMP_ERROR)
			continue;	/* newer than libseccomp: the guard traps it */
		r = seccomp_rule_add(ctx, act, nr, 0);
		if (r < 0)
			return r;
	}
	return 0;
}

static int export_bpf(scmp_filter_ctx ctx, struct sock_fprog *ret_prog)
{
	_cleanup_close_ int fd = memfd_create("iamroot-bpf", MFD_CLOEXEC);
	struct sock_filter *insns;
	off_t size;
	int r;

	if (fd < 0)
		return -errno;
	r = seccomp_export_bpf(ctx, fd);
	if (r < 0)
		return r;
	size = lseek(fd, 0, SEEK_END);
	if (size <= 0 || size % sizeof(struct sock_filter))
		return -EIO;
	insns = malloc(size);
	if (!insns)
		return -ENOMEM;
	if (pread(fd, insns, size, 0) != size) {
		free(insns);
		return -EIO;
	}
	ret_prog->filter = insns;
	ret_prog->len = size / sizeof(struct sock_filter);
	return 0;
}

static int build_main(struct sock_fprog *ret_prog)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	int r;

	if (!ctx)
		return -ENOMEM;
	r = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
	if (r >= 0)
		r = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
	for (unsigned i = 0; r >= 0 && arch_table[i]; i++)
		if (arch_table[i]->scmp_arch != seccomp_arch_native())
			r = seccomp_arch_add(ctx, arch_table[i]->scmp_arch);
	if (r >= 0)
		r = add_rules(ctx);
	if (r >= 0)
		r = export_bpf(ctx, ret_prog);
	seccomp_release(ctx);
	return r;
}

#define STMT(c, k) ((struct sock_filter)BPF_STMT(c, k))
#define JUMP(c, k, t, f) ((struct sock_filter)BPF_JUMP(c, k, t, f))

/* Numbers from SYSNR_UNIFIED_FIRST up that this ABI lets through. */
static size_t guard_allowed(const struct abi_nrs *t, uint32_t *ret_nrs, size_t max)
{
	size_t n = 0;

	for (uint32_t nr = SYSNR_UNIFIED_FIRST; nr < SYSNR_MAX && n < max; nr++)
		if (filter_expected_action(t, nr) != SCMP_ACT_TRACE(0))
			ret_nrs[n++] = nr;
	return n;
}

/* One ABI's block: [jeq arch][ld nr][jge first][jge end] allowed... trace. */
static size_t guard_abi(const struct abi_nrs *t, struct sock_filter *out)
{
	uint32_t allowed[200];
	size_t n = guard_allowed(t, allowed, 200), i = 0, len = n + 6;

	out[i++] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, t->arch->audit_arch, 0, len - 1);
	out[i++] = STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	out[i++] = JUMP(BPF_JMP | BPF_JGE | BPF_K, SYSNR_UNIFIED_FIRST, 0, n + 2);
	out[i++] = JUMP(BPF_JMP | BPF_JGE | BPF_K, SYSNR_GUARD_END, n + 1, 0);
	for (size_t k = 0; k < n; k++)
		out[i++] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, allowed[k], n - k, 0);
	out[i++] = STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE);
	out[i++] = STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	return i;
}

static int build_guard(struct sock_fprog *ret_prog)
{
	size_t cap = 1, len = 0;
	struct sock_filter *insns;

	for (unsigned i = 0; arch_table[i]; i++)
		cap += 2 + 206;
	insns = calloc(cap, sizeof(*insns));
	if (!insns)
		return -ENOMEM;
	for (unsigned i = 0; arch_table[i]; i++) {
		insns[len++] = STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
		len += guard_abi(sysent_abi(arch_table[i]), insns + len);
	}
	/* Unknown ABI: the main program kills it. */
	insns[len++] = STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	ret_prog->filter = insns;
	ret_prog->len = len;
	return 0;
}

int filter_build(struct filter *ret_filter)
{
	struct filter f = {};
	int r;

	sysent_init();
	r = build_main(&f.main);
	if (r < 0)
		return r;
	r = build_guard(&f.guard);
	if (r < 0) {
		free(f.main.filter);
		return r;
	}
	*ret_filter = f;
	return 0;
}

void filter_free(struct filter *f)
{
	free(f->main.filter);
	free(f->guard.filter);
	*f = (struct filter){};
}

int filter_load(const struct filter *f)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &f->guard) < 0)
		return -errno;
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &f->main) < 0)
		return -errno;
	return 0;
}
