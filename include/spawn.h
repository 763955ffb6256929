/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <sys/types.h>

#include "filter.h"

struct spawn_args {
	char **argv;		/* command and arguments, argv[0] looked up in PATH */
	const char *host_cwd;	/* host directory to start in, or NULL */
	const struct filter *filter;
};

/* Fork the command seized by us, under the filter.  Exit statuses of the
 * child when it cannot start: 125 (our failure), 126 (cannot execute),
 * 127 (not found), as chroot(1) has them. */
int spawn_traced(const struct spawn_args *a, pid_t *ret_pid);
