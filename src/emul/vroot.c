/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The session's virtual root: DIR, its bindings, and the defaults. */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "emul.h"
#include "log.h"
#include "util.h"

struct vroot session;

/* The special trees a freshly bootstrapped root needs to be usable, each
 * bound where DIR has its mount point (a real mount needs one too).  /dev
 * is not bound whole: a root being built makes its own nodes there. */
static const char *const default_binds[] = {
	"/proc", "/sys", "/dev/null", "/dev/zero", "/dev/full", "/dev/random",
	"/dev/urandom", "/dev/tty", "/dev/ptmx", "/dev/pts", "/dev/shm",
};

static void add_default_binds(void)
{
	for (unsigned i = 0; i < sizeof(default_binds) / sizeof(default_binds[0]); i++) {
		char host[PATH_MAX];
		struct stat st;

		if (vroot_session_to_host(&session, default_binds[i], host, sizeof(host)) < 0 ||
		    lstat(host, &st) < 0 || lstat(default_binds[i], &st) < 0)
			continue;
		if (vroot_add_binding(&session, default_binds[i], default_binds[i]) == 0)
			log_v(1, "bound %s", default_binds[i]);
	}
}

int vroot_init(const char *host_dir, bool defaults)
{
	char *real = realpath(host_dir, NULL);
	struct stat st;

	if (!real)
		return -errno;
	if (stat(real, &st) < 0 || !S_ISDIR(st.st_mode)) {
		free(real);
		return -ENOTDIR;
	}
	if (strcmp(real, "/") == 0) {
		session.host_root_len = 0;
		session.host_root[0] = '\0';
	} else {
		session.host_root_len = strlen(real);
		memcpy(session.host_root, real, session.host_root_len + 1);
	}
	free(real);
	if (defaults && session.host_root_len)
		add_default_binds();
	return 0;
}

int vroot_bind(const char *spec)
{
	_cleanup_free_ char *host = strdup(spec);
	char *colon, *real;
	int r;

	if (!host)
		return -ENOMEM;
	colon = strchr(host, ':');
	if (colon)
		*colon = '\0';
	real = realpath(host, NULL);
	if (!real)
		return -errno;
	r = vroot_add_binding(&session, real, colon ? colon + 1 : host);
	free(real);
	return r;
}

bool vroot_is_identity(void)
{
	if (session.host_root_len)
		return false;
	for (unsigned i = 0; i < session.nbindings; i++)
		if (strcmp(session.bindings[i].host, session.bindings[i].guest))
			return false;
	return true;
}

/* A private directory for the session's own files (what stands for tmpfs
 * mounts, named links to loaders), under $TMPDIR, removed at the end. */
static char tmpdir[PATH_MAX];

int session_tmpdir(const char **ret)
{
	const char *base = getenv("TMPDIR");

	if (!tmpdir[0]) {
		snprintf(tmpdir, sizeof(tmpdir), "%s/iamroot-run.XXXXXX", base && *base ? base : "/tmp");
		if (!mkdtemp(tmpdir)) {
			tmpdir[0] = '\0';
			return -errno;
		}
	}
	*ret = tmpdir;
	return 0;
}

static int remove_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	if (remove(path) < 0)
		log_v(1, "cannot remove %s: %s", path, strerror(errno));
	return 0;
}

void session_cleanup(void)
{
	if (tmpdir[0])
		nftw(tmpdir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	tmpdir[0] = '\0';
}
