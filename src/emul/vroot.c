/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The virtual root.  For now an absolute guest path is the root's host path
 * followed by the guest path, and relative paths are left to the kernel,
 * which resolves them from the tracee's real working directory.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "emul.h"

static char root[PATH_MAX];
static size_t root_len;	/* 0: the root is the host's / */

int vroot_init(const char *host_dir)
{
	char *real = realpath(host_dir, NULL);

	if (!real)
		return -errno;
	if (strcmp(real, "/") == 0) {
		root_len = 0;
	} else {
		root_len = strlen(real);
		memcpy(root, real, root_len + 1);
	}
	free(real);
	return 0;
}

bool vroot_is_host_root(void)
{
	return root_len == 0;
}

int vroot_to_host(const char *guest, char *ret_host, size_t max)
{
	size_t len = strlen(guest);

	if (guest[0] != '/')
		return -EINVAL;
	if (root_len + len + 1 > max)
		return -ENAMETOOLONG;
	memcpy(ret_host, root, root_len);
	memcpy(ret_host + root_len, guest, len + 1);
	return 0;
}
