/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Scratch memory in the tracee for rewritten arguments.  Each address space
 * gets mappings of SCRATCH_SLOTS slots, mapped by making the tracee itself
 * call mmap in place of the syscall it stopped in (which then runs again).
 * A thread writes into its own slot as a ring; every rewrite is recorded so
 * that when the kernel restarts an interrupted syscall with our pointers, the
 * original arguments are found again and resolved afresh.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "log.h"
#include "mem.h"
#include "sysent.h"
#include "tracer.h"

static int map_scratch(struct stop *s)
{
	int nr = sysent_resolve(s->arch, s->arch->mmap_name);
	uint64_t args[6] = { 0, SCRATCH_MAP_SIZE, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
			     (uint64_t)-1, 0 };
	struct scratch_map *maps;
	int64_t result, err;
	uint64_t addr;
	int r;

	if (nr < 0)
		return -ENOSYS;
	args[4] = arch_word(s->arch, args[4]);
	maps = realloc(s->p->mm->maps, (s->p->mm->nmaps + 1) * sizeof(*maps));
	if (!maps)
		return -ENOMEM;
	s->p->mm->maps = maps;
	r = tracee_inject(s, (uint64_t)nr, args, &result);
	if (r < 0)
		return r;
	/* An error is -4095..-1 in the ABI's word; a 32-bit address may
	 * look negative in it. */
	err = arch_sword(s->arch, (uint64_t)result);
	if (err < 0 && err > -4096) {
		/* The syscall runs again and will fail with this instead of
		 * trying once more. */
		log_error("cannot map scratch memory in process %d: %s",
			  s->p->tid, strerror((int)-err));
		s->p->mm->map_error = (int)err;
		return 0;
	}
	addr = arch_word(s->arch, (uint64_t)result);
	maps[s->p->mm->nmaps++] = (struct scratch_map){ .base = addr };
	log_v(3, "%d: scratch mapped at %#llx", s->p->tid, (unsigned long long)addr);
	return 0;
}

/* A 32-bit syscall (i386's, even from a 64-bit program: int $0x80) sees
 * only the low 4 GiB: its scratch must be there. */
static bool reachable(const struct stop *s, uint64_t base)
{
	return s->arch->word_size == 8 || base + SCRATCH_MAP_SIZE <= (1ull << 32);
}

static bool take_slot(const struct stop *s, struct proc *p)
{
	for (unsigned m = 0; m < p->mm->nmaps; m++) {
		struct scratch_map *map = &p->mm->maps[m];

		if (!reachable(s, map->base))
			continue;
		for (unsigned i = 0; i < SCRATCH_SLOTS; i++)
			if (!(map->used & (1ull << i))) {
				map->used |= 1ull << i;
				p->slot = (int)(m * SCRATCH_SLOTS + i);
				p->slot_base = map->base + (uint64_t)i * SCRATCH_SLOT_SIZE;
				p->slot_pos = 0;
				p->nrecs = 0;
				return true;
			}
	}
	return false;
}

int scratch_prepare(struct stop *s)
{
	int r;

	if (s->p->slot >= 0 && reachable(s, s->p->slot_base))
		return 0;
	proc_release_slot(s->p);
	if (take_slot(s, s->p))
		return 0;
	if (s->p->mm->map_error)
		return s->p->mm->map_error;
	r = map_scratch(s);
	return r < 0 ? r : 1;
}

int scratch_put(struct stop *s, const void *data, size_t len, uint64_t *ret_addr)
{
	struct proc *p = s->p;
	uint32_t pos = (p->slot_pos + 7) & ~7u;
	int r;

	if (len > SCRATCH_SLOT_SIZE / 2)
		return -ENAMETOOLONG;
	if (pos + len > SCRATCH_SLOT_SIZE)
		pos = 0;
	r = mem_write(p->tid, p->slot_base + pos, data, len);
	if (r < 0)
		return r;
	p->slot_pos = pos + (uint32_t)len;
	*ret_addr = p->slot_base + pos;
	return 0;
}

void scratch_record(struct stop *s)
{
	struct restart_rec *rec = &s->p->recs[s->p->nrecs++ % RESTART_RECS];

	rec->nr = s->nr;
	memcpy(rec->new_args, s->args, sizeof(rec->new_args));
	memcpy(rec->orig_args, s->info.seccomp.args, sizeof(rec->orig_args));
}

static bool points_into_slot(const struct proc *p, uint64_t v)
{
	return p->slot_base && v >= p->slot_base && v < p->slot_base + SCRATCH_SLOT_SIZE;
}

int scratch_recognise_restart(struct stop *s)
{
	struct proc *p = s->p;
	bool ours = false;

	for (unsigned i = 0; i < 6; i++)
		ours |= points_into_slot(p, s->args[i]);
	if (!ours)
		return 0;
	for (unsigned k = 0; k < RESTART_RECS && k < p->nrecs; k++) {
		const struct restart_rec *rec = &p->recs[(p->nrecs - 1 - k) % RESTART_RECS];

		if (rec->nr == s->nr && !memcmp(rec->new_args, s->args, sizeof(s->args))) {
			memcpy(s->args, rec->orig_args, sizeof(s->args));
			memcpy(s->info.seccomp.args, rec->orig_args, sizeof(s->args));
			return 1;
		}
	}
	return -EINTR;
}
