/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A tarball, read from its headers: v7, ustar, GNU (long names 'L' and
 * 'K', base-256 numbers, old sparse files 'S', dumpdirs 'D') and pax
 * (extended 'x' and global 'g' headers: path, linkpath, uid, gid, size,
 * times with fractions, SCHILY.xattr.*, LIBARCHIVE.xattr.*, SCHILY.devmajor
 * and devminor, SCHILY.filetype, GNU.sparse.* 0.0, 0.1 and 1.0).  Hard links
 * take the metadata and content of the member they name.  A compressed
 * tarball (gzip, xz, bzip2, zstd) is read through the decompressor, run as
 * `PROG -dc`.  When the same name occurs twice, the later member wins, as
 * on extraction.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "treecmp.h"

#define BLOCK 512

/* ---- input: a buffered byte stream, maybe out of a decompressor ---- */

struct in {
	const char *name;
	int fd;
	unsigned char buf[65536];
	size_t pos, len;
	uint64_t off;		/* bytes consumed */
	pid_t decomp, feeder;	/* children, 0 when none */
	const char *decomp_name;
};

/* Up to n bytes; fewer only at the end of the stream. */
static size_t in_read(struct in *r, void *dst, size_t n)
{
	unsigned char *d = dst;
	size_t done = 0;

	while (done < n) {
		if (r->pos == r->len) {
			ssize_t k = read(r->fd, r->buf, sizeof(r->buf));

			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0)
				die("%s: read: %s", r->name, strerror(errno));
			if (k == 0)
				break;
			r->pos = 0;
			r->len = (size_t)k;
		}
		size_t c = r->len - r->pos < n - done ? r->len - r->pos : n - done;

		if (d)
			memcpy(d + done, r->buf + r->pos, c);
		r->pos += c;
		done += c;
	}
	r->off += done;
	return done;
}

static void in_need(struct in *r, void *dst, size_t n)
{
	if (in_read(r, dst, n) != n)
		die("%s: unexpected end of archive at offset %llu", r->name,
		    (unsigned long long)r->off);
}

static void in_skip(struct in *r, uint64_t n)
{
	while (n) {
		size_t k = n < 65536 ? (size_t)n : 65536;

		in_need(r, NULL, k);
		n -= k;
	}
}

static uint64_t padded(uint64_t n)
{
	return (n + BLOCK - 1) / BLOCK * BLOCK;
}

/* A member's data as a NUL-terminated buffer (pax and GNU long names). */
static char *in_data(struct in *r, uint64_t size)
{
	char *p;

	if (size > (64u << 20))
		die("%s: a %llu-byte metadata member at offset %llu: not a sane archive", r->name,
		    (unsigned long long)size, (unsigned long long)r->off);
	p = xmalloc((size_t)size + 1);
	in_need(r, p, (size_t)size);
	p[size] = '\0';
	in_skip(r, padded(size) - size);
	return p;
}

static const struct {
	const unsigned char *magic;
	size_t len;
	const char *prog;
} compressors[] = {
	{ (const unsigned char *)"\x1f\x8b", 2, "gzip" },
	{ (const unsigned char *)"\xfd" "7zXZ\0", 6, "xz" },
	{ (const unsigned char *)"BZh", 3, "bzip2" },
	{ (const unsigned char *)"\x28\xb5\x2f\xfd", 4, "zstd" },
};

/* Open the archive; a compressed one through `PROG -dc`.  The first bytes
 * are read to find out, and kept in the buffer (or fed to the decompressor
 * by a child when the input cannot be rewound, e.g. a pipe). */
static void in_open(struct in *r, const char *path)
{
	const char *decomp = NULL;
	int out[2];

	r->name = strcmp(path, "-") ? path : "(stdin)";
	r->fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
	if (r->fd < 0)
		die("%s: %s", path, strerror(errno));
	while (r->len < 8) {
		ssize_t k = read(r->fd, r->buf + r->len, sizeof(r->buf) - r->len);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			die("%s: read: %s", r->name, strerror(errno));
		if (k == 0)
			break;
		r->len += (size_t)k;
	}
	for (size_t i = 0; i < sizeof(compressors) / sizeof(compressors[0]); i++)
		if (r->len >= compressors[i].len &&
		    !memcmp(r->buf, compressors[i].magic, compressors[i].len))
			decomp = compressors[i].prog;
	if (!decomp)
		return;

	int in_fd = r->fd;

	if (lseek(r->fd, 0, SEEK_SET) != 0) {
		/* Not seekable: a feeder writes what we read, then the rest. */
		int feed[2];

		if (pipe2(feed, O_CLOEXEC) < 0)
			die("pipe: %s", strerror(errno));
		r->feeder = fork();
		if (r->feeder < 0)
			die("fork: %s", strerror(errno));
		if (r->feeder == 0) {
			size_t n = r->len;
			ssize_t k;

			close(feed[0]);
			do {
				for (size_t o = 0; o < n; o += (size_t)k) {
					k = write(feed[1], r->buf + o, n - o);
					if (k <= 0)
						_exit(1);
				}
				k = read(r->fd, r->buf, sizeof(r->buf));
				n = k > 0 ? (size_t)k : 0;
			} while (k > 0);
			_exit(k < 0);
		}
		close(feed[1]);
		in_fd = feed[0];
	}
	if (pipe2(out, O_CLOEXEC) < 0)
		die("pipe: %s", strerror(errno));
	r->decomp = fork();
	if (r->decomp < 0)
		die("fork: %s", strerror(errno));
	if (r->decomp == 0) {
		if (dup2(in_fd, STDIN_FILENO) < 0 || dup2(out[1], STDOUT_FILENO) < 0)
			_exit(127);
		execlp(decomp, decomp, "-dc", (char *)NULL);
		fprintf(stderr, "%s: cannot run %s: %s\n", prog, decomp, strerror(errno));
		_exit(127);
	}
	close(out[1]);
	if (in_fd != r->fd)
		close(in_fd);
	if (r->fd != STDIN_FILENO)
		close(r->fd);
	r->fd = out[0];
	r->pos = r->len = 0;
	r->decomp_name = decomp;
}

static void reap(struct in *r, pid_t pid, const char *what)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return;
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		warn("%s: %s failed (%s %d)", r->name, what,
		     WIFEXITED(status) ? "exit status" : "signal",
		     WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
}

static void in_close(struct in *r)
{
	if (r->decomp) {
		/* Read to the end (the padding after the end-of-archive blocks)
		 * so that the decompressor finishes and checks its trailer. */
		while (in_read(r, NULL, sizeof(r->buf)) == sizeof(r->buf))
			;
		close(r->fd);
		reap(r, r->decomp, r->decomp_name);
		if (r->feeder)
			reap(r, r->feeder, "reading the input");
	} else if (r->fd != STDIN_FILENO) {
		close(r->fd);
	}
}

/* ---- header fields ---- */

/* A numeric field: octal (spaces or NULs around it) or GNU base-256. */
static bool num(const unsigned char *f, size_t len, int64_t *ret)
{
	uint64_t v = 0;
	size_t i = 0;

	if (f[0] & 0x80) {
		bool neg = f[0] & 0x40;

		v = f[0] & 0x3f;
		if (neg)
			v |= ~(uint64_t)0x3f;	/* two's complement, sign-extended */
		for (i = 1; i < len; i++)
			v = v << 8 | f[i];
		*ret = (int64_t)v;
		return true;
	}
	while (i < len && (f[i] == ' ' || f[i] == '\0'))
		i++;
	if (i == len) {
		*ret = 0;
		return true;
	}
	for (; i < len && f[i] >= '0' && f[i] <= '7'; i++)
		v = v << 3 | (uint64_t)(f[i] - '0');
	for (; i < len; i++)
		if (f[i] != ' ' && f[i] != '\0')
			return false;
	*ret = (int64_t)v;
	return true;
}

static bool checksum_ok(const unsigned char *h)
{
	int64_t want;
	uint64_t u = 0;
	int64_t s = 0;

	if (!num(h + 148, 8, &want))
		return false;
	for (int i = 0; i < BLOCK; i++) {
		unsigned char c = i >= 148 && i < 156 ? ' ' : h[i];

		u += c;
		s += (signed char)c;	/* some old tars summed signed chars */
	}
	return (int64_t)u == want || s == want;
}

static bool all_zero(const unsigned char *h)
{
	for (int i = 0; i < BLOCK; i++)
		if (h[i])
			return false;
	return true;
}

/* A string field, which may fill it without a NUL. */
static char *str(const unsigned char *f, size_t len)
{
	return xstrndup((const char *)f, strnlen((const char *)f, len));
}

/* ---- pax extended headers ---- */

struct kv {
	char *key;
	char *val;		/* NUL-terminated; may also hold NULs (xattr values) */
	size_t len;
};

struct kvs {
	struct kv *v;
	size_t n;
};

static void kvs_clear(struct kvs *k)
{
	for (size_t i = 0; i < k->n; i++) {
		free(k->v[i].key);
		free(k->v[i].val);
	}
	free(k->v);
	k->v = NULL;
	k->n = 0;
}

/* "LEN KEY=VALUE\n" records; a later record of the same key wins, except
 * for GNU.sparse.offset / numbytes, which are a list. */
static void pax_parse(struct in *r, struct kvs *k, const char *data, size_t size)
{
	const char *p = data, *end = data + size;

	while (p < end) {
		char *q;
		unsigned long long len;

		if (*p == '\0')	/* padding some writers leave */
			break;
		errno = 0;
		len = strtoull(p, &q, 10);
		if (errno || q == p || *q != ' ' || len > (size_t)(end - p) || len < 5 ||
		    p[len - 1] != '\n') {
			warn("%s: bad pax record near offset %llu", r->name,
			     (unsigned long long)r->off);
			return;
		}
		const char *key = q + 1, *eq = memchr(key, '=', (size_t)(p + len - 1 - key));

		if (!eq) {
			warn("%s: bad pax record near offset %llu", r->name,
			     (unsigned long long)r->off);
			return;
		}
		size_t klen = (size_t)(eq - key), vlen = (size_t)(p + len - 1 - (eq + 1));
		char *kname = xstrndup(key, klen);
		size_t i = k->n;

		if (strcmp(kname, "GNU.sparse.offset") && strcmp(kname, "GNU.sparse.numbytes"))
			for (i = 0; i < k->n && strcmp(k->v[i].key, kname); i++)
				;
		if (i == k->n) {
			k->v = xrealloc(k->v, (k->n + 1) * sizeof(*k->v));
			k->v[k->n++] = (struct kv){ .key = kname };
		} else {
			free(kname);
			free(k->v[i].val);
		}
		k->v[i].val = xmalloc(vlen + 1);
		memcpy(k->v[i].val, eq + 1, vlen);
		k->v[i].val[vlen] = '\0';
		k->v[i].len = vlen;
		p += len;
	}
}

/* The value of key for this member: its own header, else the global one.
 * An empty value in the member's header cancels the global one. */
static const struct kv *pax_get(const struct kvs *local, const struct kvs *global, const char *key)
{
	for (size_t i = 0; i < local->n; i++)
		if (!strcmp(local->v[i].key, key))
			return local->v[i].len ? &local->v[i] : NULL;
	for (size_t i = 0; i < global->n; i++)
		if (!strcmp(global->v[i].key, key))
			return global->v[i].len ? &global->v[i] : NULL;
	return NULL;
}

static bool parse_u64(const char *s, uint64_t *ret)
{
	char *end;

	errno = 0;
	*ret = strtoull(s, &end, 10);
	return !errno && end != s && !*end && *s != '-';
}

/* "SEC[.FRACTION]", maybe negative. */
static bool parse_time(const char *s, struct when *w)
{
	bool neg = *s == '-';
	char *end;
	uint64_t sec;
	uint32_t nsec = 0;

	if (neg || *s == '+')
		s++;
	errno = 0;
	sec = strtoull(s, &end, 10);
	if (errno || end == s)
		return false;
	if (*end == '.') {
		unsigned digits = 0;

		for (end++; *end >= '0' && *end <= '9'; end++)
			if (digits < 9) {
				nsec = nsec * 10 + (uint32_t)(*end - '0');
				digits++;
			}
		for (; digits < 9; digits++)
			nsec *= 10;
	}
	if (*end)
		return false;
	if (neg) {	/* -1.25 is -2 + 0.75 */
		w->sec = -(int64_t)sec - (nsec ? 1 : 0);
		w->nsec = nsec ? 1000000000u - nsec : 0;
	} else {
		w->sec = (int64_t)sec;
		w->nsec = nsec;
	}
	w->prec = P_NSEC;
	return true;
}

static int unhex(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* libarchive's xattr names are %-encoded, their values base64. */
static char *url_decode(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;

	for (; *s; s++) {
		if (*s == '%' && unhex(s[1]) >= 0 && unhex(s[2]) >= 0) {
			*o++ = (char)(unhex(s[1]) << 4 | unhex(s[2]));
			s += 2;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

static unsigned char *base64_decode(const char *s, size_t *len)
{
	unsigned char *out = xmalloc(strlen(s) * 3 / 4 + 3);
	uint32_t acc = 0;
	int bits = 0;
	size_t n = 0;

	for (; *s && *s != '='; s++) {
		const char *tab = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
		const char *c = strchr(tab, *s);

		if (!c || !*s)
			continue;	/* line breaks */
		acc = acc << 6 | (uint32_t)(c - tab);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (unsigned char)(acc >> bits);
		}
	}
	*len = n;
	return out;
}

static void pax_xattrs(struct entry *e, const struct kvs *k)
{
	for (size_t i = 0; i < k->n; i++) {
		const struct kv *v = &k->v[i];

		if (!strncmp(v->key, "SCHILY.xattr.", 13)) {
			entry_add_xattr(e, v->key + 13, v->val, v->len);
		} else if (!strncmp(v->key, "LIBARCHIVE.xattr.", 17)) {
			char *name = url_decode(v->key + 17);
			size_t n;
			unsigned char *val = base64_decode(v->val, &n);

			entry_add_xattr(e, name, val, n);
			free(name);
			free(val);
		}
	}
}

/* ---- sparse members ---- */

struct chunk {
	uint64_t off, len;
};

struct sparse {
	struct chunk *c;
	size_t n, cap;
	uint64_t realsize;
};

static void sparse_add(struct sparse *sp, uint64_t off, uint64_t len)
{
	if (sp->n == sp->cap) {
		sp->cap = sp->cap ? 2 * sp->cap : 16;
		sp->c = xrealloc(sp->c, sp->cap * sizeof(*sp->c));
	}
	sp->c[sp->n++] = (struct chunk){ off, len };
}

/* Old GNU: four chunks in the header, 21 in each extension block. */
static bool sparse_gnu_chunks(struct sparse *sp, const unsigned char *f, int count)
{
	for (int i = 0; i < count; i++) {
		int64_t off, len;

		if (!num(f + 24 * i, 12, &off) || !num(f + 24 * i + 12, 12, &len) || off < 0 ||
		    len < 0)
			return false;
		if (off || len)
			sparse_add(sp, (uint64_t)off, (uint64_t)len);
	}
	return true;
}

/* pax 1.0: the map leads the data, decimal numbers one a line, in whole
 * blocks.  Returns the bytes it took. */
static uint64_t sparse_map_10(struct in *r, struct sparse *sp)
{
	unsigned char blk[BLOCK];
	size_t pos = BLOCK;
	uint64_t used = 0, count = 0, vals[2];

	for (uint64_t i = 0; i < 1 + 2 * count; i++) {
		uint64_t v = 0;
		int digits = 0;

		for (;;) {
			if (pos == BLOCK) {
				in_need(r, blk, BLOCK);
				used += BLOCK;
				pos = 0;
			}
			char c = (char)blk[pos++];

			if (c == '\n')
				break;
			if (c < '0' || c > '9' || ++digits > 20)
				die("%s: bad sparse map at offset %llu", r->name,
				    (unsigned long long)r->off);
			v = v * 10 + (uint64_t)(c - '0');
		}
		if (i == 0) {
			count = v;
			if (count > (1u << 24))
				die("%s: bad sparse map at offset %llu", r->name,
				    (unsigned long long)r->off);
		} else {
			vals[(i - 1) % 2] = v;
			if (i % 2 == 0)
				sparse_add(sp, vals[0], vals[1]);
		}
	}
	return used;
}

/* Read the stored chunks (size bytes in all), hashing the file they make. */
static void sparse_data(struct in *r, struct entry *e, const struct sparse *sp, uint64_t size)
{
	unsigned char buf[65536];
	struct sha256 c;
	uint64_t pos = 0, read_total = 0;

	sha256_init(&c);
	for (size_t i = 0; i < sp->n; i++) {
		const struct chunk *k = &sp->c[i];

		if (k->off < pos || read_total + k->len > size)
			die("%s: bad sparse map for %s", r->name, e->path);
		sha256_zeros(&c, k->off - pos);
		for (uint64_t left = k->len; left;) {
			size_t n = left < sizeof(buf) ? (size_t)left : sizeof(buf);

			in_need(r, buf, n);
			sha256_update(&c, buf, n);
			left -= n;
		}
		pos = k->off + k->len;
		read_total += k->len;
	}
	if (sp->realsize < pos)
		die("%s: bad sparse map for %s", r->name, e->path);
	sha256_zeros(&c, sp->realsize - pos);
	in_skip(r, padded(size) - read_total);
	sha256_final(&c, e->digest);
	e->has_digest = true;
}

static void plain_data(struct in *r, struct entry *e, uint64_t size)
{
	unsigned char buf[65536];
	struct sha256 c;

	sha256_init(&c);
	for (uint64_t left = size; left;) {
		size_t n = left < sizeof(buf) ? (size_t)left : sizeof(buf);

		in_need(r, buf, n);
		sha256_update(&c, buf, n);
		left -= n;
	}
	in_skip(r, padded(size) - size);
	sha256_final(&c, e->digest);
	e->has_digest = true;
}

/* ---- names: the last member of each name, found by name ---- */

struct index {
	size_t *slot;		/* entry index + 1; 0: empty */
	size_t cap, n;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static size_t *index_find(struct index *x, const struct side *s, const char *path)
{
	size_t i = (size_t)hash(path) & (x->cap - 1);

	while (x->slot[i] && strcmp(s->e[x->slot[i] - 1].path, path))
		i = (i + 1) & (x->cap - 1);
	return &x->slot[i];
}

static void index_grow(struct index *x, const struct side *s)
{
	struct index bigger = { .cap = x->cap ? x->cap * 2 : 1024 };

	bigger.slot = xcalloc(bigger.cap, sizeof(size_t));
	for (size_t i = 0; i < x->cap; i++)
		if (x->slot[i])
			*index_find(&bigger, s, s->e[x->slot[i] - 1].path) = x->slot[i];
	bigger.n = x->n;
	free(x->slot);
	*x = bigger;
}

static void copy_inode(struct entry *to, const struct entry *from)
{
	to->type = from->type;
	to->mode = from->mode;
	to->uid = from->uid;
	to->gid = from->gid;
	to->major = from->major;
	to->minor = from->minor;
	to->target = from->target ? xstrdup(from->target) : NULL;
	to->size = from->size;
	to->has_digest = from->has_digest;
	memcpy(to->digest, from->digest, sizeof(to->digest));
	for (size_t i = 0; i < from->nx; i++)
		entry_add_xattr(to, from->x[i].name, from->x[i].value, from->x[i].size);
	to->mtime = from->mtime;
	to->atime = from->atime;
	to->ctime = from->ctime;
}

/* ---- members ---- */

struct reader {
	struct in in;
	struct side *s;
	struct index idx;
	struct kvs local, global;
	char *longname, *longlink;
	uint64_t groups;
};

static bool is_ustar(const unsigned char *h)
{
	return !memcmp(h + 257, "ustar", 6);	/* POSIX: "ustar\0" "00" */
}

static bool is_gnu(const unsigned char *h)
{
	return !memcmp(h + 257, "ustar  ", 8);	/* "ustar  \0" */
}

/* One file member (not a pax or GNU metadata member), the header in h. */
static void member(struct reader *rd, const unsigned char *h)
{
	struct in *r = &rd->in;
	const struct kv *v;
	char type = (char)h[156];
	char *name, *link;
	int64_t n, size;
	struct sparse sp = { 0 };
	bool sparse = false;
	uint64_t meta_used = 0;	/* bytes of the data taken by a pax 1.0 sparse map */

	/* The name: GNU long name, pax path, GNU.sparse.name, ustar prefix/name. */
	if ((v = pax_get(&rd->local, &rd->global, "GNU.sparse.name")))
		name = xstrdup(v->val);
	else if ((v = pax_get(&rd->local, &rd->global, "path")))
		name = xstrdup(v->val);
	else if (rd->longname)
		name = xstrdup(rd->longname);
	else if (is_ustar(h) && h[345]) {
		char *prefix = str(h + 345, 155), *base = str(h, 100);

		name = xmalloc(strlen(prefix) + strlen(base) + 2);
		sprintf(name, "%s/%s", prefix, base);
		free(prefix);
		free(base);
	} else
		name = str(h, 100);
	if ((v = pax_get(&rd->local, &rd->global, "linkpath")))
		link = xstrdup(v->val);
	else if (rd->longlink)
		link = xstrdup(rd->longlink);
	else
		link = str(h + 157, 100);

	if (!num(h + 124, 12, &size) || size < 0)
		die("%s: bad size field at offset %llu", r->name, (unsigned long long)(r->off - BLOCK));
	if ((v = pax_get(&rd->local, &rd->global, "size"))) {
		uint64_t u;

		if (!parse_u64(v->val, &u))
			die("%s: bad pax size '%s' for %s", r->name, v->val, name);
		size = (int64_t)u;
	}

	/* v7 marks a directory by a trailing slash only. */
	size_t len = strlen(name);
	bool slash = len && name[len - 1] == '/';
	bool keep = path_normalise(name, opt.strip);
	struct entry tmp = { .path = name }, *e = &tmp;

	e->seq = rd->s->n;
	if (!num(h + 100, 8, &n))
		warn("%s: %s: bad mode field", r->name, name);
	e->mode = (uint32_t)n & 07777;
	if (!num(h + 108, 8, &n))
		warn("%s: %s: bad uid field", r->name, name);
	e->uid = (uint64_t)n;
	if (!num(h + 116, 8, &n))
		warn("%s: %s: bad gid field", r->name, name);
	e->gid = (uint64_t)n;
	if (!num(h + 136, 12, &n))
		warn("%s: %s: bad mtime field", r->name, name);
	e->mtime = (struct when){ .sec = n, .prec = P_SEC };
	if (is_gnu(h)) {	/* old GNU keeps atime and ctime where ustar has the prefix */
		if (num(h + 345, 12, &n) && n)
			e->atime = (struct when){ .sec = n, .prec = P_SEC };
		if (num(h + 357, 12, &n) && n)
			e->ctime = (struct when){ .sec = n, .prec = P_SEC };
	}
	if ((v = pax_get(&rd->local, &rd->global, "uid")) && !parse_u64(v->val, &e->uid))
		warn("%s: %s: bad pax uid '%s'", r->name, name, v->val);
	if ((v = pax_get(&rd->local, &rd->global, "gid")) && !parse_u64(v->val, &e->gid))
		warn("%s: %s: bad pax gid '%s'", r->name, name, v->val);
	if ((v = pax_get(&rd->local, &rd->global, "mtime")) && !parse_time(v->val, &e->mtime))
		warn("%s: %s: bad pax mtime '%s'", r->name, name, v->val);
	if ((v = pax_get(&rd->local, &rd->global, "atime")) && !parse_time(v->val, &e->atime))
		warn("%s: %s: bad pax atime '%s'", r->name, name, v->val);
	if ((v = pax_get(&rd->local, &rd->global, "ctime")) && !parse_time(v->val, &e->ctime))
		warn("%s: %s: bad pax ctime '%s'", r->name, name, v->val);

	if (is_ustar(h) || is_gnu(h)) {
		if (num(h + 329, 8, &n))
			e->major = (unsigned)n;
		if (num(h + 337, 8, &n))
			e->minor = (unsigned)n;
	}
	if ((v = pax_get(&rd->local, &rd->global, "SCHILY.devmajor")))
		e->major = (unsigned)strtoul(v->val, NULL, 10);
	if ((v = pax_get(&rd->local, &rd->global, "SCHILY.devminor")))
		e->minor = (unsigned)strtoul(v->val, NULL, 10);
	if (opt.want[F_XATTRS]) {
		pax_xattrs(e, &rd->global);
		pax_xattrs(e, &rd->local);
		entry_sort_xattrs(e);
	}

	switch (type) {
	case '0': case '7':
		e->type = S_IFREG;
		break;
	case '\0':
		e->type = slash ? S_IFDIR : S_IFREG;
		break;
	case '1':
		e->type = 0;	/* resolved below */
		break;
	case '2':
		e->type = S_IFLNK;
		e->target = xstrdup(link);
		break;
	case '3':
		e->type = S_IFCHR;
		break;
	case '4':
		e->type = S_IFBLK;
		break;
	case '5': case 'D':
		e->type = S_IFDIR;
		break;
	case '6':
		e->type = S_IFIFO;
		break;
	case 'S':
		e->type = S_IFREG;
		sparse = true;
		if (!is_gnu(h) || !sparse_gnu_chunks(&sp, h + 386, 4) ||
		    !num(h + 483, 12, &n) || n < 0)
			die("%s: bad old GNU sparse header for %s", r->name, name);
		sp.realsize = (uint64_t)n;
		for (bool more = h[482]; more;) {
			unsigned char x[BLOCK];

			in_need(r, x, BLOCK);
			if (!sparse_gnu_chunks(&sp, x, 21))
				die("%s: bad old GNU sparse header for %s", r->name, name);
			more = x[504];
		}
		break;
	default:
		warn("%s: %s: unknown member type '%c', read as a regular file", r->name, name,
		     type);
		e->type = S_IFREG;
		break;
	}
	if ((v = pax_get(&rd->local, &rd->global, "SCHILY.filetype")) && !strcmp(v->val, "socket"))
		e->type = S_IFSOCK;

	/* pax sparse formats: 0.0 (offset/numbytes lists), 0.1 (map), 1.0 (map in the data). */
	const struct kv *major = pax_get(&rd->local, &rd->global, "GNU.sparse.major");
	const struct kv *realsize = pax_get(&rd->local, &rd->global, "GNU.sparse.realsize");

	if (!realsize)
		realsize = pax_get(&rd->local, &rd->global, "GNU.sparse.size");
	if (e->type == S_IFREG && (major || realsize)) {
		sparse = true;
		if (!realsize || !parse_u64(realsize->val, &sp.realsize))
			die("%s: %s: sparse member without its real size", r->name, name);
		if (major && !strcmp(major->val, "1")) {
			meta_used = sparse_map_10(r, &sp);
		} else if ((v = pax_get(&rd->local, &rd->global, "GNU.sparse.map"))) {
			char *p = v->val, *end;
			uint64_t a, b;

			while (*p) {
				a = strtoull(p, &end, 10);
				if (*end != ',')
					die("%s: %s: bad GNU.sparse.map", r->name, name);
				b = strtoull(end + 1, &p, 10);
				if (*p && *p++ != ',')
					die("%s: %s: bad GNU.sparse.map", r->name, name);
				sparse_add(&sp, a, b);
			}
		} else {
			const struct kv *off = NULL;

			for (size_t i = 0; i < rd->local.n; i++) {
				uint64_t u;

				if (!strcmp(rd->local.v[i].key, "GNU.sparse.offset")) {
					off = &rd->local.v[i];
				} else if (!strcmp(rd->local.v[i].key, "GNU.sparse.numbytes") && off &&
					   parse_u64(rd->local.v[i].val, &u)) {
					uint64_t o;

					if (!parse_u64(off->val, &o))
						die("%s: %s: bad GNU.sparse.offset", r->name, name);
					sparse_add(&sp, o, u);
					off = NULL;
				}
			}
		}
		if ((uint64_t)size < meta_used)
			die("%s: %s: bad sparse member size", r->name, name);
	}

	/* The data. */
	if (e->type == S_IFREG) {
		e->size = sparse ? sp.realsize : (uint64_t)size;
		if (!opt.want[F_CONTENT])
			in_skip(r, padded((uint64_t)size) - meta_used);
		else if (sparse)
			sparse_data(r, e, &sp, (uint64_t)size - meta_used);
		else
			plain_data(r, e, (uint64_t)size);
	} else {
		in_skip(r, padded((uint64_t)size));
	}
	free(sp.c);

	if (!keep) {
		entry_free(e);
		free(link);
		return;
	}
	if (type == '1') {
		bool ok = path_normalise(link, opt.strip);
		size_t *slot = ok ? index_find(&rd->idx, rd->s, link) : NULL;

		if (slot && *slot) {
			struct entry *t = &rd->s->e[*slot - 1];

			for (size_t i = 0; i < e->nx; i++) {
				free(e->x[i].name);
				free(e->x[i].value);
			}
			free(e->x);
			e->x = NULL;
			e->nx = 0;
			copy_inode(e, t);
			if (!t->group)
				t->group = ++rd->groups;
			e->group = t->group;
		} else {
			warn("%s: %s: hard link to %s, which is not in the archive before it",
			     r->name, name, link);
			e->type = S_IFREG;	/* content unknown */
		}
	}
	free(link);
	e->excluded = path_excluded(e->path);
	if (!strcmp(e->path, ".") && !e->excluded)
		rd->s->has_top = true;

	/* Into the side: a new name, or over the earlier member of that name. */
	if (2 * (rd->idx.n + 1) > rd->idx.cap)
		index_grow(&rd->idx, rd->s);
	size_t *slot = index_find(&rd->idx, rd->s, e->path);

	if (*slot) {
		struct entry *old = &rd->s->e[*slot - 1];

		entry_free(old);
		*old = *e;
	} else {
		struct entry *ne = side_add(rd->s, NULL);

		*ne = *e;
		rd->idx.n++;
		*slot = rd->s->n;
	}
}

void tar_read(struct side *s)
{
	struct reader *rd = xcalloc(1, sizeof(*rd));
	struct in *r = &rd->in;
	unsigned char h[BLOCK];
	bool any = false;

	rd->s = s;
	in_open(r, s->path);
	for (;;) {
		size_t got = in_read(r, h, BLOCK);
		int64_t size;

		if (got == 0 && any)
			break;	/* no end-of-archive blocks: accepted, as tar does */
		if (got < BLOCK && !any)
			die("%s: not a tar archive (%s)", r->name,
			    got ? "shorter than a header" : "empty");
		if (got < BLOCK)
			die("%s: truncated header at offset %llu", r->name,
			    (unsigned long long)(r->off - got));
		if (all_zero(h))
			break;	/* end of archive (the second zero block is not needed) */
		if (!checksum_ok(h))
			die("%s: %s at offset %llu", r->name,
			    any ? "bad header checksum" : "not a tar archive (bad header checksum)",
			    (unsigned long long)(r->off - BLOCK));
		any = true;
		if (!num(h + 124, 12, &size) || size < 0)
			die("%s: bad size field at offset %llu", r->name,
			    (unsigned long long)(r->off - BLOCK));

		char *data;

		switch (h[156]) {
		case 'x': case 'X':	/* pax extended header (X: old Solaris) */
			data = in_data(r, (uint64_t)size);
			pax_parse(r, &rd->local, data, (size_t)size);
			free(data);
			continue;
		case 'g':
			data = in_data(r, (uint64_t)size);
			pax_parse(r, &rd->global, data, (size_t)size);
			free(data);
			continue;
		case 'L':
			free(rd->longname);
			rd->longname = in_data(r, (uint64_t)size);
			continue;
		case 'K':
			free(rd->longlink);
			rd->longlink = in_data(r, (uint64_t)size);
			continue;
		case 'V':	/* volume label */
		case 'N':	/* old GNU long-name list, for extraction only */
			in_skip(r, padded((uint64_t)size));
			continue;
		case 'M':
			die("%s: multi-volume continuation at offset %llu: not supported", r->name,
			    (unsigned long long)(r->off - BLOCK));
		}
		member(rd, h);
		kvs_clear(&rd->local);
		free(rd->longname);
		free(rd->longlink);
		rd->longname = rd->longlink = NULL;
	}
	in_close(r);
	kvs_clear(&rd->local);
	kvs_clear(&rd->global);
	free(rd->longname);
	free(rd->longlink);
	free(rd->idx.slot);
	free(rd);

	/* The members kept only as hard-link targets go now. */
	size_t out = 0;

	for (size_t i = 0; i < s->n; i++) {
		if (s->e[i].excluded)
			entry_free(&s->e[i]);
		else
			s->e[out++] = s->e[i];
	}
	s->n = out;
}
