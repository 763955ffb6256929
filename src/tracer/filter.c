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

static bool prctl_trapped(uint64_t option)
{
	static const int options[] = { PRCTL_TRAPPED };

	for (unsigned i = 0; i < ARRAY_SIZE(options); i++)
		if ((uint32_t)option == (uint32_t)options[i])
			return true;
	return false;
}

uint32_t filter_expected_action(const struct abi_nrs *t, uint32_t nr, uint64_t arg0)
{
	if (nr < SYSNR_MAX && t->id[nr] != ID_NONE) {
		if (sysent[t->id[nr]].family == FAM_PRCTL && !prctl_trapped(arg0))
			return SCMP_ACT_ALLOW;
		if (sysent[t->id[nr]].opts & SO_HAS_IF_ARG)
			return SCMP_ACT_ALLOW;	/* with that argument at 0, as asked */
		return family_action(sysent[t->id[nr]].family);
	}
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
		int nr, r = 0;

		if (act == SCMP_ACT_ALLOW)
			continue;
		nr = seccomp_syscall_resolve_name(sysent[id].name);
		if (nr == __NR_SCMP_ERROR)
			continue;	/* newer than libseccomp: the guard traps it */
		if (sysent[id].family == FAM_PRCTL) {
			static const int options[] = { PRCTL_TRAPPED };

			for (unsigned i = 0; r >= 0 && i < ARRAY_SIZE(options); i++)
				r = seccomp_rule_add(ctx, act, nr, 1,
						     SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)options[i]));
			if (r < 0)
				return r;
			continue;
		}
		if (sysent[id].opts & SO_HAS_IF_ARG)
			r = seccomp_rule_add(ctx, act, nr, 1,
					     SCMP_CMP(SO_IF_ARG_IDX(sysent[id].opts), SCMP_CMP_NE, 0));
		else
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

#define GUARD_MAX_INSNS 250	/* jump offsets are 8 bits */

/* One ABI's block: if the arch matches and SYSNR_UNIFIED_FIRST <= nr <
 * SYSNR_GUARD_END, each number with an action other than TRACE gets it,
 * every other number traps.  Returns its length, or 0 if it would not fit. */
static size_t guard_abi(const struct abi_nrs *t, struct sock_filter *out)
{
	size_t i = 0, allow_jumps[GUARD_MAX_INSNS], njumps = 0;

	out[i++] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, t->arch->audit_arch, 0, 0);	/* jf patched */
	out[i++] = STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	allow_jumps[njumps++] = i;
	out[i++] = JUMP(BPF_JMP | BPF_JGE | BPF_K, SYSNR_UNIFIED_FIRST, 0, 0);	/* jf: allow */
	allow_jumps[njumps++] = i;
	out[i++] = JUMP(BPF_JMP | BPF_JGE | BPF_K, SYSNR_GUARD_END, 0, 0);	/* jt: allow */
	for (uint32_t nr = SYSNR_UNIFIED_FIRST; nr < SYSNR_MAX; nr++) {
		uint32_t act = filter_expected_action(t, nr, 0);

		if (act == SCMP_ACT_TRACE(0))
			continue;
		if (i + 4 > GUARD_MAX_INSNS)
			return 0;
		if (act == SCMP_ACT_ALLOW) {
			allow_jumps[njumps++] = i;
			out[i++] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, nr, 0, 0);	/* jt: allow */
		} else {
			out[i++] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, nr, 0, 1);
			out[i++] = STMT(BPF_RET | BPF_K, act);
		}
	}
	out[i++] = STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE);
	out[i] = STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	for (size_t k = 0; k < njumps; k++) {
		struct sock_filter *f = &out[allow_jumps[k]];
		uint8_t off = (uint8_t)(i - allow_jumps[k] - 1);

		if (k == 0)
			f->jf = off;	/* nr below the guarded range */
		else
			f->jt = off;
	}
	out[0].jf = (uint8_t)i;	/* another ABI: its block follows */
	return i + 1;
}

static int build_guard(struct sock_fprog *ret_prog)
{
	size_t cap = 1, len = 0, n;
	struct sock_filter *insns;

	for (unsigned i = 0; arch_table[i]; i++)
		cap += 1 + GUARD_MAX_INSNS;
	insns = calloc(cap, sizeof(*insns));
	if (!insns)
		return -ENOMEM;
	for (unsigned i = 0; arch_table[i]; i++) {
		insns[len++] = STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
		n = guard_abi(sysent_abi(arch_table[i]), insns + len);
		if (!n) {
			free(insns);
			return -E2BIG;
		}
		len += n;
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
