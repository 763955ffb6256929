/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <errno.h>
#include <seccomp.h>
#include <stdbool.h>
#include <string.h>

#include "sysent.h"
#include "util.h"

const struct sysent sysent[ID__COUNT] = {
#define SC(n, fam, d, p, d2, p2, af, o) \
	[ID_##n] = { #n, FAM_##fam, d, p, d2, p2, af, o, -1 },
#define SCU(n, unr, fam, d, p, d2, p2, af, o) \
	[ID_##n] = { #n, FAM_##fam, d, p, d2, p2, af, o, unr },
#include "syscall-list.h"
#undef SC
#undef SCU
};

static struct abi_nrs abi_nrs[ARCH_MAX];
static bool resolved;

/* i386 has socket calls both behind socketcall and as syscalls of their own
 * (since Linux 4.3); libseccomp names the former with a pseudo-number, so
 * the direct numbers are found by scanning the ABI's numbers. */
static void resolve_direct_numbers(const struct arch_def *a, struct abi_nrs *t)
{
	for (int nr = 0; nr < SYSNR_MAX; nr++) {
		_cleanup_free_ char *name = seccomp_syscall_resolve_num_arch(a->scmp_arch, nr);

		if (!name)
			continue;
		for (unsigned id = 0; id < ID__COUNT; id++)
			if (t->nr[id] < 0 && !strcmp(sysent[id].name, name)) {
				t->nr[id] = nr;
				t->id[nr] = id;
			}
	}
}

static void resolve_abi(const struct arch_def *a, struct abi_nrs *t)
{
	bool pseudo = false;

	t->arch = a;
	for (unsigned i = 0; i < SYSNR_MAX; i++)
		t->id[i] = ID_NONE;
	for (unsigned id = 0; id < ID__COUNT; id++) {
		int nr = seccomp_syscall_resolve_name_arch(a->scmp_arch, sysent[id].name);

		t->from_unified[id] = 0;
		if (nr < 0 && sysent[id].unified_nr >= 0) {
			nr = sysent[id].unified_nr;
			t->from_unified[id] = 1;
		}
		pseudo |= nr < __NR_SCMP_ERROR;
		if (nr < 0 || nr >= SYSNR_MAX)
			nr = -1;
		t->nr[id] = nr;
		if (nr >= 0)
			t->id[nr] = id;
	}
	if (pseudo)
		resolve_direct_numbers(a, t);
}

void sysent_init(void)
{
	if (resolved)
		return;
	for (unsigned i = 0; arch_table[i] && i < ARCH_MAX; i++)
		resolve_abi(arch_table[i], &abi_nrs[i]);
	resolved = true;
}

const struct abi_nrs *sysent_abi(const struct arch_def *a)
{
	for (unsigned i = 0; arch_table[i]; i++)
		if (arch_table[i] == a)
			return &abi_nrs[i];
	return NULL;
}

unsigned sysent_id(const struct arch_def *a, uint64_t nr)
{
	const struct abi_nrs *t = sysent_abi(a);

	if (!t || nr >= SYSNR_MAX)
		return ID_NONE;
	return t->id[nr];
}

int sysent_resolve(const struct arch_def *a, const char *name)
{
	int nr = seccomp_syscall_resolve_name_arch(a->scmp_arch, name);

	return nr < 0 ? -ENOSYS : nr;
}
