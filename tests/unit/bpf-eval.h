/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/*
 * A classic-BPF evaluator for seccomp programs, as an oracle independent of
 * libseccomp: it runs the exported instructions the way the kernel would on
 * a struct seccomp_data.  Returns the RET value, or 0xdeadbeef for an
 * instruction it does not know (the test then fails).
 */

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdint.h>
#include <string.h>

#define BPF_EVAL_BAD 0xdeadbeefu

static inline uint32_t bpf_eval(const struct sock_fprog *prog, const struct seccomp_data *d)
{
	uint32_t A = 0, X = 0, M[BPF_MEMWORDS] = {};

	for (unsigned pc = 0; pc < prog->len; pc++) {
		const struct sock_filter *f = &prog->filter[pc];
		uint32_t k = f->k, operand = BPF_SRC(f->code) == BPF_X ? X : k;

		switch (f->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (k % 4 || k + 4 > sizeof(*d))
				return BPF_EVAL_BAD;
			memcpy(&A, (const char *)d + k, 4);
			continue;
		case BPF_LD | BPF_IMM: A = k; continue;
		case BPF_LDX | BPF_IMM: X = k; continue;
		case BPF_LD | BPF_MEM: A = M[k % BPF_MEMWORDS]; continue;
		case BPF_LDX | BPF_MEM: X = M[k % BPF_MEMWORDS]; continue;
		case BPF_ST: M[k % BPF_MEMWORDS] = A; continue;
		case BPF_STX: M[k % BPF_MEMWORDS] = X; continue;
		case BPF_MISC | BPF_TAX: X = A; continue;
		case BPF_MISC | BPF_TXA: A = X; continue;
		case BPF_RET | BPF_K: return k;
		case BPF_RET | BPF_A: return A;
		case BPF_JMP | BPF_JA: pc += k; continue;
		}
		if (BPF_CLASS(f->code) == BPF_ALU) {
			switch (BPF_OP(f->code)) {
			case BPF_AND: A &= operand; continue;
			case BPF_OR: A |= operand; continue;
			case BPF_ADD: A += operand; continue;
			case BPF_SUB: A -= operand; continue;
			case BPF_LSH: A <<= operand; continue;
			case BPF_RSH: A >>= operand; continue;
			}
			return BPF_EVAL_BAD;
		}
		if (BPF_CLASS(f->code) == BPF_JMP) {
			int taken;
			switch (BPF_OP(f->code)) {
			case BPF_JEQ: taken = A == operand; break;
			case BPF_JGT: taken = A > operand; break;
			case BPF_JGE: taken = A >= operand; break;
			case BPF_JSET: taken = (A & operand) != 0; break;
			default: return BPF_EVAL_BAD;
			}
			pc += taken ? f->jt : f->jf;
			continue;
		}
		return BPF_EVAL_BAD;
	}
	return BPF_EVAL_BAD;	/* fell off the end */
}

/* The kernel runs every filter and keeps the action of highest precedence:
 * the lowest value of the action bits taken as signed. */
static inline uint32_t seccomp_combine(uint32_t a, uint32_t b)
{
	int32_t aa = (int32_t)(a & SECCOMP_RET_ACTION_FULL), bb = (int32_t)(b & SECCOMP_RET_ACTION_FULL);

	return aa <= bb ? a : b;
}
