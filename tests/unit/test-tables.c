/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The syscall list and the ABI descriptors are well formed. */
#include <seccomp.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "arch.h"
#include "sysent.h"

/* A misspelt name would silently never trap: every name must be a syscall
 * of at least one ABI libseccomp knows, or carry a unified number. */
static void test_every_name_is_a_syscall(void **state)
{
	static const uint32_t all_abis[] = {
		SCMP_ARCH_X86_64, SCMP_ARCH_X86, SCMP_ARCH_AARCH64, SCMP_ARCH_ARM,
		SCMP_ARCH_RISCV64, SCMP_ARCH_S390X, SCMP_ARCH_PPC64LE,
	};

	for (unsigned id = 0; id < ID__COUNT; id++) {
		bool known = sysent[id].unified_nr >= SYSNR_UNIFIED_FIRST;

		for (unsigned i = 0; i < sizeof(all_abis) / sizeof(all_abis[0]); i++)
			known |= seccomp_syscall_resolve_name_arch(all_abis[i], sysent[id].name) >= 0;
		if (!known)
			fail_msg("%s is no syscall of any ABI", sysent[id].name);
	}
}

static void test_names_unique_and_args_in_range(void **state)
{
	for (unsigned id = 0; id < ID__COUNT; id++) {
		const struct sysent *e = &sysent[id];
		const int8_t args[] = { e->dirfd, e->path, e->dirfd2, e->path2, e->atflags };

		for (unsigned j = id + 1; j < ID__COUNT; j++)
			assert_string_not_equal(e->name, sysent[j].name);
		for (unsigned k = 0; k < sizeof(args); k++)
			assert_true(args[k] == NA || (args[k] >= 0 && args[k] < 6));
		if (e->opts & SO_HAS_OFLAGS)
			assert_true(SO_OFLAGS_ARG(e->opts) < 6);
	}
}

/* Numbers map back to their ids, and no two ids share a number. */
static void test_numbers_round_trip(void **state)
{
	sysent_init();
	for (unsigned i = 0; arch_table[i]; i++) {
		const struct abi_nrs *t = sysent_abi(arch_table[i]);

		for (unsigned id = 0; id < ID__COUNT; id++)
			if (t->nr[id] >= 0)
				assert_int_equal(sysent_id(t->arch, (uint64_t)t->nr[id]), id);
		assert_int_equal(sysent_id(t->arch, SYSNR_MAX + 5), ID_NONE);
	}
	/* Spot checks against the kernel's own numbers. */
	assert_int_equal(sysent_abi(arch_table[0])->nr[ID_openat],
			 seccomp_syscall_resolve_name_arch(arch_table[0]->scmp_arch, "openat"));
}

static void test_arch_descriptors(void **state)
{
	for (unsigned i = 0; arch_table[i]; i++) {
		const struct arch_def *a = arch_table[i];

		assert_true(a->word_size == 4 || a->word_size == 8);
		assert_true(a->regset_size <= ARCH_REGSET_MAX);
		assert_ptr_equal(arch_by_audit(a->audit_arch), a);
		assert_true(sysent_resolve(a, a->mmap_name) >= 0);
		for (unsigned r = 0; r < REG__COUNT; r++)
			assert_true(a->reg_off[r] == REG_ABSENT ||
				    a->reg_off[r] + a->word_size <= a->regset_size);
		for (unsigned r = REG_ARG1; r <= REG_ARG6; r++)
			for (unsigned q = r + 1; q <= REG_ARG6; q++)
				assert_int_not_equal(a->reg_off[r], a->reg_off[q]);
	}
	assert_null(arch_by_audit(0));
}

/* Register writes are truncated to the ABI's word and read back. */
static void test_register_access(void **state)
{
	for (unsigned i = 0; arch_table[i]; i++) {
		struct regs r = { .arch = arch_table[i], .size = arch_table[i]->regset_size };

		arch_reg_write(&r, REG_ARG3, 0xffffffffffffff9cull);
		assert_int_equal(arch_reg_read(&r, REG_ARG3), arch_word(r.arch, 0xffffffffffffff9cull));
		assert_int_equal(arch_sword(r.arch, arch_reg_read(&r, REG_ARG3)), -100);
		assert_int_equal(arch_reg_read(&r, REG_ARG2), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_name_is_a_syscall),
		cmocka_unit_test(test_names_unique_and_args_in_range),
		cmocka_unit_test(test_numbers_round_trip),
		cmocka_unit_test(test_arch_descriptors),
		cmocka_unit_test(test_register_access),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
