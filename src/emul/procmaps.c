/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * /proc/PID/maps and /proc/PID/smaps name mapped files by their host path.
 * An open of one by a process in a root is pointed at a copy made when it
 * opens it, with every path under DIR shown as the process sees it from its
 * root, as the kernel would under a real chroot.  The copy is a memfd of
 * ours, named /proc/OURPID/fd/N and held until the open is over.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "emul.h"
#include "util.h"

#define DELETED " (deleted)"

/* /proc/N/maps, /proc/N/smaps, and the same under task/N. */
static bool is_maps_file(const char *host)
{
	const char *rest = resolve_proc_pid_rest(host);

	return rest && (!strcmp(rest, "/maps") || !strcmp(rest, "/smaps"));
}

/* One line of the file, translated onto out. */
static void put_line(const struct stop *s, const char *line, size_t len, FILE *out)
{
	char host[PATH_MAX], session_path[PATH_MAX];
	size_t plen, dlen = strlen(DELETED);
	bool deleted;
	int at = -1;

	/* "start-end perms offset dev inode   path": only these lines name
	 * files (the others of smaps are "Key: value"). */
	sscanf(line, "%*x-%*x %*s %*x %*x:%*x %*u %n", &at);
	if (at < 0 || (size_t)at >= len || line[at] != '/') {
		fwrite(line, 1, len, out);
		return;
	}
	plen = len - (size_t)at - (line[len - 1] == '\n');
	deleted = plen > dlen && !memcmp(line + at + plen - dlen, DELETED, dlen);
	if (deleted)
		plen -= dlen;
	if (plen < sizeof(host))
		snprintf(host, sizeof(host), "%.*s", (int)plen, line + at);
	if (plen >= sizeof(host) ||
	    vroot_host_to_session(&session, host, session_path, sizeof(session_path)) < 0) {
		fwrite(line, 1, len, out);	/* outside the root: as the kernel says */
		return;
	}
	fprintf(out, "%.*s%s%s\n", at, line, as_seen_by(s->p, session_path), deleted ? DELETED : "");
}

int maps_for(struct stop *s, const char *host, char *ret, size_t size)
{
	_cleanup_free_ char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *in, *out;
	int fd;

	if (!is_maps_file(host) || s->p->nheld == ARRAY_SIZE(s->p->held_fds))
		return 0;
	in = fopen(host, "re");
	if (!in)
		return 0;	/* the kernel will say why */
	fd = memfd_create("maps", MFD_CLOEXEC);
	out = fd >= 0 ? fdopen(dup(fd), "w") : NULL;
	while (out && (n = getline(&line, &cap, in)) > 0)
		put_line(s, line, (size_t)n, out);
	fclose(in);
	if (!out || fclose(out) != 0 ||
	    snprintf(ret, size, "/proc/%d/fd/%d", getpid(), fd) >= (int)size) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	s->p->held_fds[s->p->nheld++] = fd;
	return 1;
}
