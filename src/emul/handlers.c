/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "emul.h"
#include "mem.h"
#include "sysent.h"

/* Rewrite the path in argument idx to its host path in scratch memory. */
static int translate_path_arg(struct stop *s, int idx)
{
	char guest[PATH_MAX], host[PATH_MAX];
	uint64_t addr;
	int r;

	r = mem_read_string(s->p->tid, arch_word(s->arch, s->args[idx]), guest, sizeof(guest));
	if (r == -EFAULT || r == -ENAMETOOLONG) {
		stop_fail(s, -r);
		return 0;
	}
	if (r < 0)
		return r;
	if (guest[0] != '/')
		return 0;
	r = vroot_to_host(guest, host, sizeof(host));
	if (r < 0) {
		stop_fail(s, -r);
		return 0;
	}
	r = scratch_prepare(s);
	if (r != 0)
		return r < 0 ? r : 0;
	r = scratch_put(s, host, strlen(host) + 1, &addr);
	if (r < 0)
		return r;
	stop_set_arg(s, (unsigned)idx, addr);
	return 0;
}

static bool path_may_be_null(const struct sysent *e, const struct stop *s, int idx)
{
	return (e->opts & SO_NULLPATH) && s->args[idx] == 0;
}

static int handle_paths(struct stop *s, const struct sysent *e)
{
	const int idx[2] = { e->path, e->path2 };

	if (vroot_is_host_root())
		return 0;
	for (unsigned i = 0; i < 2; i++) {
		int r;

		if (idx[i] == NA || path_may_be_null(e, s, idx[i]))
			continue;
		r = translate_path_arg(s, idx[i]);
		if (r < 0 || s->skip || s->reexec)
			return r;
	}
	return 0;
}

int emul_syscall(struct stop *s)
{
	return handle_paths(s, &sysent[s->id]);
}
