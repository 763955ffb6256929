/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The handled-syscall list, the ABI tables and the generated filter agree. */
#include <errno.h>
#include <seccomp.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <cmocka.h>

#include "bpf-eval.h"
#include "filter.h"
#include "sysent.h"

static struct filter filter;

static uint32_t run_filters_arg0(const struct arch_def *a, uint32_t nr, uint64_t arg0)
{
	struct seccomp_data d = { .nr = (int)nr, .arch = a->audit_arch, .args = { arg0 } };
	uint32_t m = bpf_eval(&filter.main, &d), g = bpf_eval(&filter.guard, &d);

	assert_int_not_equal(m, BPF_EVAL_BAD);
	assert_int_not_equal(g, BPF_EVAL_BAD);
	return seccomp_combine(g, m);
}

static uint32_t run_filters(const struct arch_def *a, uint32_t nr)
{
	return run_filters_arg0(a, nr, 0);
}

static uint32_t action_of(const char *abi, const char *name)
{
	for (unsigned i = 0; arch_table[i]; i++)
		if (!strcmp(arch_table[i]->name, abi)) {
			int nr = seccomp_syscall_resolve_name_arch(arch_table[i]->scmp_arch, name);
			assert_true(nr >= 0);
			return run_filters(arch_table[i], (uint32_t)nr);
		}
	fail_msg("ABI %s not built", abi);
	return 0;
}

/* Every number of every ABI gets exactly the action the design gives it,
 * with a first argument that no conditional rule names and with one that
 * prctl's does. */
static void test_every_number_gets_its_action(void **state)
{
	static const uint64_t arg0s[] = { 0, PR_SET_KEEPCAPS, PR_SET_NAME };

	for (unsigned i = 0; arch_table[i]; i++) {
		const struct abi_nrs *t = sysent_abi(arch_table[i]);

		for (uint32_t nr = 0; nr < SYSNR_GUARD_END + 16; nr++)
			for (unsigned k = 0; k < sizeof(arg0s) / sizeof(arg0s[0]); k++) {
				uint32_t want = filter_expected_action(t, nr, arg0s[k]);
				uint32_t got = run_filters_arg0(t->arch, nr, arg0s[k]);

				if (want != got)
					fail_msg("%s nr %u arg0 %llu: filter says %#x, design says %#x",
						 t->arch->name, nr, (unsigned long long)arg0s[k], got, want);
			}
	}
}

/* Every handled syscall traps on every ABI that has it; refusals and
 * pass-throughs never stop the tracee. */
static void test_every_handled_syscall_traps(void **state)
{
	for (unsigned i = 0; arch_table[i]; i++) {
		const struct abi_nrs *t = sysent_abi(arch_table[i]);

		for (unsigned id = 0; id < ID__COUNT; id++) {
			uint32_t got;

			if (t->nr[id] < 0)
				continue;
			got = run_filters(t->arch, (uint32_t)t->nr[id]);
			if (sysent[id].opts & SO_HAS_IF_ARG) {
				struct seccomp_data d = { .nr = t->nr[id], .arch = t->arch->audit_arch };

				d.args[SO_IF_ARG_IDX(sysent[id].opts)] = 0x1000;
				assert_int_equal(got, SCMP_ACT_ALLOW);	/* that argument at 0 */
				assert_int_equal(seccomp_combine(bpf_eval(&filter.guard, &d),
								 bpf_eval(&filter.main, &d)),
						 SCMP_ACT_TRACE(0));
				continue;
			}
			switch (sysent[id].family) {
			case FAM_PRCTL:
				assert_int_equal(got, SCMP_ACT_ALLOW);	/* arg0 0: not ours */
				assert_int_equal(run_filters_arg0(t->arch, (uint32_t)t->nr[id],
								  PR_CAPBSET_DROP), SCMP_ACT_TRACE(0));
				break;
			case FAM_ALLOW:
				assert_int_equal(got, SCMP_ACT_ALLOW);
				break;
			case FAM_REFUSE_ENOSYS:
				assert_int_equal(got, SCMP_ACT_ERRNO(ENOSYS));
				break;
			case FAM_REFUSE_EPERM:
				assert_int_equal(got, SCMP_ACT_ERRNO(EPERM));
				break;
			default:
				if (got != SCMP_ACT_TRACE(0))
					fail_msg("%s: %s does not trap", t->arch->name, sysent[id].name);
			}
		}
	}
}

/* Fixed points checked by number, independently of the tables. */
static void test_known_points(void **state)
{
#if !defined(__x86_64__)
	skip();
#endif
	assert_int_equal(action_of("x86_64", "getppid"), SCMP_ACT_ALLOW);
	assert_int_equal(action_of("x86_64", "read"), SCMP_ACT_ALLOW);
	assert_int_equal(action_of("x86_64", "clone3"), SCMP_ACT_ALLOW);
	assert_int_equal(action_of("x86_64", "openat"), SCMP_ACT_TRACE(0));
	assert_int_equal(action_of("x86_64", "openat2"), SCMP_ACT_TRACE(0));
	assert_int_equal(action_of("x86_64", "fchmodat2"), SCMP_ACT_TRACE(0));
	assert_int_equal(action_of("x86_64", "io_uring_setup"), SCMP_ACT_ERRNO(ENOSYS));
	assert_int_equal(action_of("i386", "socketcall"), SCMP_ACT_TRACE(0));
	assert_int_equal(action_of("i386", "stat64"), SCMP_ACT_TRACE(0));
	assert_int_equal(action_of("i386", "getppid"), SCMP_ACT_ALLOW);
	/* setxattrat (463) and file_getattr (468): path-taking, newer than
	 * libseccomp 2.5; 470 and 999: numbers nobody knows yet. */
	assert_int_equal(run_filters(arch_table[0], 463), SCMP_ACT_TRACE(0));
	assert_int_equal(run_filters(arch_table[0], 468), SCMP_ACT_TRACE(0));
	assert_int_equal(run_filters(arch_table[0], 470), SCMP_ACT_TRACE(0));
	assert_int_equal(run_filters(arch_table[0], 999), SCMP_ACT_TRACE(0));
	assert_int_equal(run_filters(arch_table[0], 462), SCMP_ACT_ALLOW);	/* mseal */
	/* open_tree_attr (467): refused although libseccomp 2.5 does not know it */
	assert_int_equal(run_filters(arch_table[0], 467), SCMP_ACT_ERRNO(ENOSYS));
	assert_int_equal(action_of("x86_64", "fsopen"), SCMP_ACT_ERRNO(ENOSYS));
}

/* An ABI the build does not know is killed, never let through. */
static void test_unknown_abi_is_killed(void **state)
{
	struct seccomp_data d = { .nr = 2, .arch = 0x12345678 };
	uint32_t got = seccomp_combine(bpf_eval(&filter.guard, &d), bpf_eval(&filter.main, &d));

	assert_int_equal(got, SCMP_ACT_KILL_PROCESS);
#if defined(__x86_64__)
	/* x32 shares x86_64's token; its numbers carry bit 30. */
	d = (struct seccomp_data){ .nr = 0x40000000 | 2, .arch = arch_table[0]->audit_arch };
	got = seccomp_combine(bpf_eval(&filter.guard, &d), bpf_eval(&filter.main, &d));
	assert_int_equal(got, SCMP_ACT_KILL_PROCESS);
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_number_gets_its_action),
		cmocka_unit_test(test_every_handled_syscall_traps),
		cmocka_unit_test(test_known_points),
		cmocka_unit_test(test_unknown_abi_is_killed),
	};

	if (filter_build(&filter) < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
