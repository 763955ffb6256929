/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "resolve.h"
#include "util.h"

/* ---- lexical helpers ---- */

int path_normalise(const char *in, char *ret, size_t size)
{
	size_t len = 0;

	if (in[0] != '/' || size < 2)
		return -EINVAL;
	ret[len++] = '/';
	for (const char *p = in; *p;) {
		const char *c;
		size_t n;

		while (*p == '/')
			p++;
		c = p;
		while (*p && *p != '/')
			p++;
		n = (size_t)(p - c);
		if (n == 0 || (n == 1 && c[0] == '.'))
			continue;
		if (n == 2 && c[0] == '.' && c[1] == '.') {
			while (len > 1 && ret[len - 1] != '/')
				len--;
			if (len > 1)
				len--;
			continue;
		}
		if (len + (len > 1) + n + 1 > size)
			return -ENAMETOOLONG;
		if (len > 1)
			ret[len++] = '/';
		memcpy(ret + len, c, n);
		len += n;
	}
	ret[len] = '\0';
	return 0;
}

/* Is `path` equal to `prefix` or below it (component-wise)?  Both normalised. */
static bool has_prefix(const char *path, const char *prefix, size_t plen)
{
	if (plen == 1 && prefix[0] == '/')
		return true;
	return !strncmp(path, prefix, plen) && (path[plen] == '\0' || path[plen] == '/');
}

static int join(char *dst, size_t size, const char *a, size_t alen, const char *b)
{
	size_t blen = strlen(b);

	if (alen + blen + 1 > size)
		return -ENAMETOOLONG;
	memmove(dst, a, alen);
	memcpy(dst + alen, b, blen + 1);
	return 0;
}

/* ---- session <-> host ---- */

static const struct binding *binding_for(const struct vroot *vr, const char *session)
{
	for (unsigned i = 0; i < vr->nbindings; i++)	/* longest first */
		if (has_prefix(session, vr->bindings[i].guest, vr->bindings[i].guest_len))
			return &vr->bindings[i];
	return NULL;
}

int vroot_session_to_host(const struct vroot *vr, const char *session, char *ret, size_t size)
{
	const struct binding *b = binding_for(vr, session);
	const char *rest;

	if (b) {
		rest = session + (b->guest_len == 1 ? 0 : b->guest_len);
		if (!strcmp(b->host, "/"))
			return join(ret, size, "", 0, *rest ? rest : "/");
		return join(ret, size, b->host, b->host_len, rest);
	}
	if (vr->host_root_len == 0)
		return join(ret, size, "", 0, session);
	return join(ret, size, vr->host_root, vr->host_root_len,
		    strcmp(session, "/") ? session : "");
}

int vroot_host_to_session(const struct vroot *vr, const char *host, char *ret, size_t size)
{
	/* Bindings first, deepest guest first: a binding's host tree shows
	 * through its guest path even when it also lies below DIR. */
	for (unsigned i = 0; i < vr->nbindings; i++) {
		const struct binding *b = &vr->bindings[i];

		if (has_prefix(host, b->host, b->host_len)) {
			const char *rest = host + (b->host_len == 1 ? 0 : b->host_len);

			if (b->guest_len == 1)
				return join(ret, size, "", 0, *rest ? rest : "/");
			return join(ret, size, b->guest, b->guest_len, rest);
		}
	}
	if (vr->host_root_len == 0)
		return join(ret, size, "", 0, host);
	if (!has_prefix(host, vr->host_root, vr->host_root_len))
		return -EXDEV;
	return join(ret, size, "", 0, host[vr->host_root_len] ? host + vr->host_root_len : "/");
}

static int compare_bindings(const void *a, const void *b)
{
	const struct binding *x = a, *y = b;

	return x->guest_len < y->guest_len ? 1 : x->guest_len > y->guest_len ? -1 : 0;
}

int vroot_add_binding(struct vroot *vr, const char *host, const char *guest)
{
	char h[PATH_MAX], g[PATH_MAX];
	_cleanup_free_ char *real = realpath(host, NULL);
	struct binding *n;
	int r;

	/* As the kernel names it (/proc/PID/cwd, fd links): else a directory
	 * inside a binding whose host path has a symlink maps nowhere. */
	r = path_normalise(real ? real : host, h, sizeof(h));
	if (r == 0)
		r = path_normalise(guest, g, sizeof(g));
	if (r < 0)
		return r;
	vroot_remove_binding(vr, g);
	n = realloc(vr->bindings, (vr->nbindings + 1) * sizeof(*n));
	if (!n)
		return -ENOMEM;
	vr->bindings = n;
	n = &vr->bindings[vr->nbindings];
	n->host = strdup(h);
	n->guest = strdup(g);
	if (!n->host || !n->guest) {
		free(n->host);
		free(n->guest);
		return -ENOMEM;
	}
	n->host_len = strlen(h);
	n->guest_len = strlen(g);
	vr->nbindings++;
	qsort(vr->bindings, vr->nbindings, sizeof(*n), compare_bindings);
	vroot_invalidate(vr);
	return 0;
}

int vroot_remove_binding(struct vroot *vr, const char *guest)
{
	for (unsigned i = 0; i < vr->nbindings; i++)
		if (!strcmp(vr->bindings[i].guest, guest)) {
			free(vr->bindings[i].host);
			free(vr->bindings[i].guest);
			memmove(&vr->bindings[i], &vr->bindings[i + 1],
				(vr->nbindings - i - 1) * sizeof(vr->bindings[0]));
			vr->nbindings--;
			vroot_invalidate(vr);
			return 0;
		}
	return -EINVAL;
}

void vroot_invalidate(struct vroot *vr)
{
	vr->generation++;
}

/* ---- lookups, cached ---- */

/* What one component is: a directory, a symlink and its target, something
 * else, or absent.  Positive answers are cached per session path until the
 * generation changes (any rename, unlink, rmdir or mount by a tracee). */
enum kind { K_DIR, K_FILE, K_SYMLINK, K_MAGIC, K_OWN_ROOT };

#define CACHE_SLOTS 8192u

struct cache_entry {
	uint64_t generation;	/* 0: empty */
	const struct vroot *vr;
	enum kind kind;
	char *path;
	char *target;		/* symlink target, NULL if not a symlink */
};

static struct cache_entry cache[CACHE_SLOTS];

static uint32_t hash_path(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static const struct cache_entry *cache_get(const struct vroot *vr, const char *path)
{
	const struct cache_entry *e = &cache[hash_path(path) % CACHE_SLOTS];

	if (!vr->changing && e->generation == vr->generation + 1 && e->vr == vr &&
	    !strcmp(e->path, path))
		return e;
	return NULL;
}

static void cache_put(const struct vroot *vr, const char *path, enum kind kind, const char *target)
{
	struct cache_entry *e = &cache[hash_path(path) % CACHE_SLOTS];
	char *p, *t;

	if (vr->changing)
		return;		/* a rename or unlink may be under way */
	p = strdup(path);
	t = target ? strdup(target) : NULL;

	if (!p || (target && !t)) {
		free(p);
		free(t);
		return;
	}
	free(e->path);
	free(e->target);
	*e = (struct cache_entry){ vr->generation + 1, vr, kind, p, t };
}

static bool skip_digits(const char **p)
{
	const char *start = *p;

	while (**p >= '0' && **p <= '9')
		(*p)++;
	return *p != start;
}

const char *resolve_proc_pid_rest(const char *host)
{
	const char *p = host + 6;

	if (strncmp(host, "/proc/", 6) || !skip_digits(&p))
		return NULL;
	if (!strncmp(p, "/task/", 6) && p[6] >= '0' && p[6] <= '9') {
		p += 6;
		skip_digits(&p);
	}
	return p;
}

/* /proc/PID/{cwd,root,exe,fd/N} and the same under task/TID: links the
 * kernel follows to an object, not by name. */
bool resolve_is_magic_link(const char *host)
{
	const char *p = resolve_proc_pid_rest(host);

	if (!p)
		return false;
	if (!strcmp(p, "/cwd") || !strcmp(p, "/root") || !strcmp(p, "/exe"))
		return true;
	if (strncmp(p, "/fd/", 4) || !p[4])
		return false;
	p += 4;
	skip_digits(&p);
	return *p == '\0';
}

/* The tracee's own /proc/PID/root (or a thread's): its virtual root. */
static bool is_own_root_link(const struct resolve_ctx *c, const char *host)
{
	char own[32];
	int n = snprintf(own, sizeof(own), "/proc/%d/", c->tgid);

	if (strncmp(host, own, (size_t)n))
		return false;
	host += n;
	if (!strncmp(host, "task/", 5))
		host = strchr(host + 5, '/') ? strchr(host + 5, '/') + 1 : host;
	return !strcmp(host, "root");
}

pid_t resolve_exe_link_pid(const char *host)
{
	const char *p = host + 6;
	long pid;

	if (!resolve_is_magic_link(host) || strcmp(host + strlen(host) - 4, "/exe"))
		return 0;
	pid = strtol(p, (char **)&p, 10);
	if (!strncmp(p, "/task/", 6))
		pid = strtol(p + 6, NULL, 10);
	return (pid_t)pid;
}

struct lookup {
	enum kind kind;
	char target[PATH_MAX];
};

/* Look up session path `cand` (its parent exists and is symlink-free). */
static int lookup(const struct resolve_ctx *c, const char *cand, struct lookup *ret)
{
	char host[PATH_MAX];
	const struct cache_entry *e;
	struct stat st;
	ssize_t n;
	int r;

	e = cache_get(c->vr, cand);
	if (e) {
		ret->kind = e->kind;
		if (e->target)
			strcpy(ret->target, e->target);
		return 0;
	}
	r = vroot_session_to_host(c->vr, cand, host, sizeof(host));
	if (r < 0)
		return r;
	/* Seen from the tracee, not from us. */
	if (!strcmp(host, "/proc/self")) {
		ret->kind = K_SYMLINK;
		snprintf(ret->target, sizeof(ret->target), "%d", c->tgid);
		return 0;
	}
	if (!strcmp(host, "/proc/thread-self")) {
		ret->kind = K_SYMLINK;
		snprintf(ret->target, sizeof(ret->target), "%d/task/%d", c->tgid, c->tid);
		return 0;
	}
	if (lstat(host, &st) < 0)
		return -errno;
	if (!S_ISLNK(st.st_mode)) {
		ret->kind = S_ISDIR(st.st_mode) ? K_DIR : K_FILE;
		cache_put(c->vr, cand, ret->kind, NULL);
		return 0;
	}
	n = readlink(host, ret->target, sizeof(ret->target) - 1);
	if (n < 0)
		return -errno;
	ret->target[n] = '\0';
	if (resolve_is_magic_link(host)) {
		pid_t pid = resolve_exe_link_pid(host);
		const char *exe = pid && c->exe_of ? c->exe_of(pid) : NULL;

		ret->kind = is_own_root_link(c, host) ? K_OWN_ROOT : K_MAGIC;
		if (exe)	/* the program, not the loader it was run through */
			return vroot_session_to_host(c->vr, exe, ret->target, sizeof(ret->target));
		return 0;
	}
	ret->kind = K_SYMLINK;
	cache_put(c->vr, cand, K_SYMLINK, ret->target);
	return 0;
}

bool resolve_is_dir(const struct vroot *vr, const char *session)
{
	struct resolve_ctx c = { .vr = vr, .root = "/", .base = "/" };
	struct lookup l;

	return !strcmp(session, "/") || (lookup(&c, session, &l) == 0 && l.kind == K_DIR);
}

/* ---- the walk ---- */

struct walk {
	char cur[PATH_MAX];	/* session path reached so far */
	size_t cur_len;
	bool cur_is_dir;	/* false: a component after it is ENOTDIR */
	bool last_slash;	/* the last component was followed by '/' */
	char rest[64 * 1024];	/* components still to walk: link targets stack up */
	unsigned links;
};

/* Put a symlink's target before what is left; keep the '/' that followed
 * the link, which makes the target's last component "followed by /". */
static int push_front(struct walk *w, const char *target, bool slash)
{
	size_t tlen = strlen(target), rlen = strlen(w->rest), sep = slash ? 1 : 0;

	if (tlen + sep + rlen + 1 > sizeof(w->rest))
		return -ENAMETOOLONG;
	memmove(w->rest + tlen + sep, w->rest, rlen + 1);
	memcpy(w->rest, target, tlen);
	if (sep)
		w->rest[tlen] = '/';
	return 0;
}

/* Take the next component of w->rest into comp; false when none left. */
static bool next_component(struct walk *w, char *comp, size_t size, bool *ret_last, bool *ret_slash)
{
	char *p = w->rest, *q;
	size_t n;

	while (*p == '/')
		p++;
	if (!*p)
		return false;
	q = p;
	while (*q && *q != '/')
		q++;
	n = (size_t)(q - p);
	if (n >= size)
		n = size - 1;	/* too long: descend() says ENAMETOOLONG */
	memcpy(comp, p, n);
	comp[n] = '\0';
	*ret_slash = *q == '/';
	while (*q == '/')
		q++;
	memmove(w->rest, q, strlen(q) + 1);
	*ret_last = w->rest[0] == '\0';
	return true;
}

/* `..` stops at the process's root, and at the session's; from a
 * directory outside the process's root (a chroot without chdir) it climbs
 * as the kernel lets it. */
static void go_up(struct walk *w, const char *root)
{
	if (w->cur_len == 1 || !strcmp(w->cur, root))
		return;
	while (w->cur_len > 1 && w->cur[w->cur_len - 1] != '/')
		w->cur_len--;
	if (w->cur_len > 1)
		w->cur_len--;
	w->cur[w->cur_len] = '\0';
}

static int set_cur(struct walk *w, const char *session, bool is_dir)
{
	size_t len = strlen(session);

	if (len >= sizeof(w->cur))
		return -ENAMETOOLONG;
	memmove(w->cur, session, len + 1);
	w->cur_len = len;
	w->cur_is_dir = is_dir;
	return 0;
}

static int descend(struct walk *w, const char *comp, char *cand, size_t size)
{
	size_t clen = strlen(comp), len = w->cur_len;

	if (clen > NAME_MAX)
		return -ENAMETOOLONG;
	if (len + 1 + clen + 1 > size)
		return -ENAMETOOLONG;
	memcpy(cand, w->cur, len);
	if (len > 1)
		cand[len++] = '/';
	memcpy(cand + len, comp, clen + 1);
	return 0;
}

/* May the kernel follow magic link `cand` itself: is its object certainly
 * no symlink (which the kernel would follow on the host)?  cwd, root and
 * exe never are; an fd can be only when opened O_PATH|O_NOFOLLOW. */
static bool object_is_no_symlink(const struct resolve_ctx *c, const char *cand)
{
	char host[PATH_MAX], info[PATH_MAX + 16], buf[512];
	_cleanup_close_ int fd = -1;
	const char *fdpart, *flags;
	unsigned long oflags;
	ssize_t n;

	if (vroot_session_to_host(c->vr, cand, host, sizeof(host)) < 0)
		return false;
	fdpart = strstr(host, "/fd/");
	if (!fdpart)
		return true;
	snprintf(info, sizeof(info), "%.*s/fdinfo/%s", (int)(fdpart - host), host, fdpart + 4);
	fd = open(info, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || (n = read(fd, buf, sizeof(buf) - 1)) <= 0)
		return false;
	buf[n] = '\0';
	flags = strstr(buf, "flags:");
	if (!flags || sscanf(flags + 6, "%lo", &oflags) != 1)
		return false;
	return (oflags & (O_PATH | O_NOFOLLOW)) != (O_PATH | O_NOFOLLOW);
}

/* A magic link: go to the object's session path, or stop at the link when
 * the object has no path (a pipe, a deleted or O_TMPFILE file) so the
 * kernel follows it itself. */
static int follow_magic(const struct resolve_ctx *c, struct walk *w, const char *cand,
			const char *target, bool last, bool slash, bool *ret_stop)
{
	char session_path[PATH_MAX];
	struct stat st;
	char *base;
	int r;

	*ret_stop = false;
	if (target[0] != '/') {
		if (!last)
			return -ENOTDIR;
		*ret_stop = true;
		return set_cur(w, cand, false);
	}
	r = vroot_host_to_session(c->vr, target, session_path, sizeof(session_path));
	if (r == -EXDEV)
		return -EACCES;	/* leads out of the root */
	if (r < 0)
		return r;
	if (lstat(target, &st) < 0) {
		if (!last || !object_is_no_symlink(c, cand))
			return -ENOENT;
		*ret_stop = true;
		return set_cur(w, cand, false);
	}
	if (!S_ISLNK(st.st_mode))
		return set_cur(w, session_path, S_ISDIR(st.st_mode));
	/* An O_PATH descriptor of a symlink: the link is followed from there,
	 * inside the root like any other, never by the kernel on the host. */
	base = strrchr(session_path, '/');
	r = push_front(w, base + 1, !last || slash);
	if (r < 0)
		return r;
	*base = '\0';
	return set_cur(w, session_path[0] ? session_path : "/", true);
}

/* Follow one component's lookup result; *ret_done when the walk ends. */
static int step(const struct resolve_ctx *c, struct walk *w, const char *cand,
		const struct lookup *l, bool last, bool slash, bool *ret_done)
{
	bool stop;
	int r;

	*ret_done = false;
	switch (l->kind) {
	case K_DIR:
	case K_FILE:
		return set_cur(w, cand, l->kind == K_DIR);
	default:
		break;
	}
	if (++w->links > RESOLVE_MAX_LINKS)
		return -ELOOP;
	if (l->kind == K_OWN_ROOT)
		return set_cur(w, c->root, true);
	if (l->kind == K_MAGIC) {
		r = follow_magic(c, w, cand, l->target, last, slash, &stop);
		*ret_done = stop;
		return r;
	}
	if (l->target[0] == '/')
		set_cur(w, c->root, true);
	return push_front(w, l->target, slash);
}

/* Internal: walking the parent of a RES_PARENT path, which must exist. */
#define WALK_PARENT (1u << 30)

static int walk(const struct resolve_ctx *c, struct walk *w, unsigned flags)
{
	char comp[NAME_MAX + 2], cand[PATH_MAX];
	struct lookup l;
	bool last, slash, done;
	int r;

	while (next_component(w, comp, sizeof(comp), &last, &slash)) {
		w->last_slash = last && slash;
		if (!w->cur_is_dir)
			return -ENOTDIR;
		if (!strcmp(comp, "."))
			continue;
		if (!strcmp(comp, "..")) {
			go_up(w, c->root);
			continue;
		}
		r = descend(w, comp, cand, sizeof(cand));
		if (r < 0)
			return r;
		if (last && (flags & RES_NOFOLLOW) && !slash)
			return set_cur(w, cand, false);
		r = lookup(c, cand, &l);
		if (r == -ENOENT && last && !(flags & WALK_PARENT))
			return set_cur(w, cand, false);	/* the kernel fails or creates it */
		if (r < 0)
			return r;
		r = step(c, w, cand, &l, last, slash, &done);
		if (r < 0 || done)
			return r;
	}
	return 0;
}

static int host_of_walk(const struct resolve_ctx *c, const struct walk *w, const char *suffix,
			char *ret_host, size_t size)
{
	size_t hlen;
	int r = vroot_session_to_host(c->vr, w->cur, ret_host, size);

	if (r < 0)
		return r;
	hlen = strlen(ret_host);
	if (hlen + strlen(suffix) + 1 > size || hlen + strlen(suffix) >= PATH_MAX)
		return -ENAMETOOLONG;
	if (*suffix && ret_host[hlen - 1] == '/' && *suffix == '/')
		suffix++;
	strcpy(ret_host + hlen, suffix);
	return 0;
}

/* RES_PARENT: the last component is the name being made or removed, never
 * looked up: its parent is resolved and it follows verbatim. */
static int resolve_parent(const struct resolve_ctx *c, struct walk *w, const char *path,
			  char *ret_host, size_t size)
{
	size_t plen = strlen(path), end = plen, start;
	char suffix[NAME_MAX + 4];
	int r;

	while (end > 0 && path[end - 1] == '/')
		end--;
	if (end == 0)
		return -EBUSY;	/* the root itself */
	start = end;
	while (start > 0 && path[start - 1] != '/')
		start--;
	if (end - start > NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(w->rest, path, start);
	w->rest[start] = '\0';
	r = walk(c, w, WALK_PARENT);
	if (r < 0)
		return r;
	if (!w->cur_is_dir)
		return -ENOTDIR;
	snprintf(suffix, sizeof(suffix), "/%.*s%s", (int)(end - start), path + start,
		 end < plen ? "/" : "");
	return host_of_walk(c, w, suffix, ret_host, size);
}

int resolve_path(const struct resolve_ctx *c, const char *path, unsigned flags,
		 char *ret_host, size_t size)
{
	static struct walk walk_buf;	/* 76 KiB: not on the stack, not zeroed per call */
	struct walk *w = &walk_buf;
	size_t plen = strlen(path);
	int r;

	w->links = 0;
	if (plen == 0)
		return -ENOENT;
	if (plen >= PATH_MAX)
		return -ENAMETOOLONG;
	r = set_cur(w, path[0] == '/' ? c->root : c->base, true);
	if (r < 0)
		return r;
	if (flags & RES_PARENT)
		return resolve_parent(c, w, path, ret_host, size);
	memcpy(w->rest, path, plen + 1);
	w->last_slash = path[plen - 1] == '/';	/* "/" has no component to say it */
	r = walk(c, w, flags);
	if (r < 0)
		return r;
	return host_of_walk(c, w, w->last_slash ? "/" : "", ret_host, size);
}
