/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/*
 * The seccomp filters, generated from syscall-list.h for every ABI of
 * arch_table.  Two programs are loaded; the kernel applies the action of
 * highest precedence of the two:
 *  - main: built by libseccomp: kills unknown ABIs, traps the handled
 *    syscalls, fails the refused ones;
 *  - guard: traps every number from SYSNR_UNIFIED_FIRST up that libseccomp
 *    does not know or that we list without libseccomp knowing it, so a
 *    syscall newer than our tables (a new path-taking one) is never let
 *    through unresolved; the supervisor answers those it does not know with
 *    ENOSYS.
 */

#include <linux/filter.h>
#include <stdint.h>

#include "sysent.h"

#define SYSNR_GUARD_END 0x10000u	/* ARM private syscalls live above */

struct filter {
	struct sock_fprog main;
	struct sock_fprog guard;
};

int filter_build(struct filter *ret_filter);
void filter_free(struct filter *f);
/* In the child: NO_NEW_PRIVS, then both programs.  Async-signal-safe. */
int filter_load(const struct filter *f);
/* The action this ABI's syscall nr with first argument arg0 should get, as
 * the design says. */
uint32_t filter_expected_action(const struct abi_nrs *t, uint32_t nr, uint64_t arg0);
