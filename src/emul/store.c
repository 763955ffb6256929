/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The metadata store (include/store.h; formats and reasoning in
 * doc/STORE.md).
 *
 * Layout of this file: error text, CRC32C, the log's on-disk format, the
 * in-memory index, the log file (open, catch up, append, compact), the
 * user-xattr side, then the public calls.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "store.h"
#include "util.h"

#ifndef XATTR_NAME_MAX
#define XATTR_NAME_MAX 255
#endif
#ifndef XATTR_SIZE_MAX
#define XATTR_SIZE_MAX 65536
#endif
#ifndef OVERLAYFS_SUPER_MAGIC
#define OVERLAYFS_SUPER_MAGIC 0x794c7630
#endif

/* ---- error text ---- */

static __thread char errmsg[1024];

const char *store_error(void)
{
	return errmsg;
}

__attribute__((format(printf, 2, 3)))
static int failf(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(errmsg, sizeof(errmsg), fmt, ap);
	va_end(ap);
	return -err;
}

/* ---- CRC32C (Castagnoli, reflected polynomial 0x82f63b78) ---- */

static uint32_t crc_table[256];

static void crc_init(void)
{
	if (crc_table[1])
		return;
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;

		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (c & 1 ? 0x82f63b78u : 0);
		crc_table[i] = c;
	}
}

static uint32_t crc_update(uint32_t crc, const void *data, size_t len)
{
	const uint8_t *p = data;

	while (len--)
		crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return crc;
}

static uint32_t crc32c(const void *data, size_t len)
{
	return ~crc_update(~0u, data, len);
}

/* ---- the log file format ---- */

#define STORE_MAGIC	"IRRSTOR\n"
#define STORE_VERSION	1u
#define STORE_BOM	0x01020304u
#define HDR_SIZE	4096u

/* The first HDR_SIZE bytes of the file; the rest of that page is zero.
 * `end` and `superseded` change in place, through a shared mapping. */
struct disk_header {
	char magic[8];
	uint32_t version;
	uint32_t header_size;
	uint32_t byte_order;
	uint32_t static_crc;	/* CRC32C of the 20 bytes above */
	uint64_t end;		/* hint: end of the last record appended */
	uint32_t superseded;	/* a compaction replaces this file */
	uint32_t pad;
};
_Static_assert(sizeof(struct disk_header) == 40, "header layout");

enum { REC_META = 1, REC_FORGET = 2, REC_XATTR = 3, REC_XATTR_DEL = 4 };
#define RF_BTIME	(1u << 0)
#define LEN_XOR		0x4c454e21u	/* len_check = len ^ LEN_XOR */

struct rec_head {
	uint32_t len;		/* whole record, a multiple of 8 */
	uint32_t len_check;
	uint32_t crc;		/* CRC32C of bytes 0..7 then 12..len */
	uint16_t type;
	uint16_t flags;
	uint64_t dev, ino;
	int64_t btime_sec;
	uint32_t btime_nsec;
	uint32_t real_mode;
};
_Static_assert(sizeof(struct rec_head) == 48, "record head layout");

struct rec_meta {
	uint32_t mask, uid, gid, mode;
	uint64_t rdev;
};
_Static_assert(sizeof(struct rec_meta) == 24, "meta body layout");

struct rec_xattr {
	uint32_t name_len, value_len;	/* then name, value, zero padding */
};
_Static_assert(sizeof(struct rec_xattr) == 8, "xattr body layout");

#define REC_MIN		((uint32_t)sizeof(struct rec_head))
#define REC_MAX		(REC_MIN + 8 + XATTR_NAME_MAX + XATTR_SIZE_MAX + 8)
#define ALIGN8(x)	(((x) + 7u) & ~(size_t)7)

/* Compact when the records (header excluded) are at least this big and
 * less than a quarter of them is live. */
#define COMPACT_MIN	(64u * 1024)

/* ---- in-memory index ---- */

/* Who an inode is: a record whose identity conflicts with the entry's is
 * about another file that reused the inode number. */
struct ident {
	bool has_btime;
	int64_t btime_sec;
	uint32_t btime_nsec;
	uint32_t real_mode;	/* 0: unknown */
};

struct xent {
	char *name;
	void *value;
	uint32_t size;
	bool removed;		/* a shadow: absent, whatever the file carries */
	uint32_t bytes;		/* of its record */
};

struct entry {
	struct entry *next;
	uint64_t dev, ino;
	struct ident id;
	bool has_meta;
	struct fake_meta meta;
	uint32_t meta_bytes;
	struct xent *x;
	size_t nx, ax;
};

struct store {
	char *path;
	int fd;
	bool readonly;
	struct disk_header *hdr;	/* MAP_SHARED */
	dev_t file_dev;
	ino_t file_ino;
	uint64_t parsed;	/* the offset up to which records are in the index */
	uint64_t seen_end;	/* hdr->end when we last caught up */
	struct entry **buckets;
	size_t nbuckets, nentries;
	uint64_t live_bytes;
	unsigned compactions;
	/* Per device: does the birth time tell a file from an earlier one
	 * with the same inode number?  Not on overlayfs, where a copy-up gives
	 * a file a new upper inode (new btime) under the same st_ino. */
	struct devinfo { dev_t dev; bool btime_ok; } devs[8];
	unsigned ndevs, next_dev;
};

static size_t hash_key(uint64_t dev, uint64_t ino)
{
	uint64_t h = ino * 0x9e3779b97f4a7c15ull ^ (dev + 0x632be59bd9b4e019ull);

	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 29;
	return (size_t)h;
}

static struct entry *find_entry(const struct store *s, uint64_t dev, uint64_t ino)
{
	if (!s->nbuckets)
		return NULL;
	for (struct entry *e = s->buckets[hash_key(dev, ino) & (s->nbuckets - 1)]; e; e = e->next)
		if (e->dev == dev && e->ino == ino)
			return e;
	return NULL;
}

static void entry_clear(struct store *s, struct entry *e)
{
	if (e->has_meta)
		s->live_bytes -= e->meta_bytes;
	for (size_t i = 0; i < e->nx; i++) {
		s->live_bytes -= e->x[i].bytes;
		free(e->x[i].name);
		free(e->x[i].value);
	}
	free(e->x);
	e->x = NULL;
	e->nx = e->ax = 0;
	e->has_meta = false;
	e->meta = (struct fake_meta){ 0 };
	e->id = (struct ident){ 0 };
}

static int grow_buckets(struct store *s)
{
	size_t n = s->nbuckets ? s->nbuckets * 2 : 256;
	struct entry **b = calloc(n, sizeof(*b));

	if (!b)
		return -ENOMEM;
	for (size_t i = 0; i < s->nbuckets; i++)
		for (struct entry *e = s->buckets[i], *next; e; e = next) {
			size_t h = hash_key(e->dev, e->ino) & (n - 1);

			next = e->next;
			e->next = b[h];
			b[h] = e;
		}
	free(s->buckets);
	s->buckets = b;
	s->nbuckets = n;
	return 0;
}

static int add_entry(struct store *s, uint64_t dev, uint64_t ino, struct entry **ret)
{
	struct entry *e;
	size_t h;

	if (s->nentries >= s->nbuckets / 4 * 3) {
		int r = grow_buckets(s);
		if (r < 0)
			return r;
	}
	e = calloc(1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	e->dev = dev;
	e->ino = ino;
	h = hash_key(dev, ino) & (s->nbuckets - 1);
	e->next = s->buckets[h];
	s->buckets[h] = e;
	s->nentries++;
	*ret = e;
	return 0;
}

static void remove_entry(struct store *s, struct entry *e)
{
	struct entry **pp = &s->buckets[hash_key(e->dev, e->ino) & (s->nbuckets - 1)];

	while (*pp != e)
		pp = &(*pp)->next;
	*pp = e->next;
	entry_clear(s, e);
	free(e);
	s->nentries--;
}

static void free_index(struct store *s)
{
	for (size_t i = 0; i < s->nbuckets; i++)
		for (struct entry *e = s->buckets[i], *next; e; e = next) {
			next = e->next;
			entry_clear(s, e);
			free(e);
		}
	free(s->buckets);
	s->buckets = NULL;
	s->nbuckets = s->nentries = 0;
	s->live_bytes = 0;
}

static struct xent *find_xent(const struct entry *e, const char *name)
{
	for (size_t i = 0; i < e->nx; i++)
		if (!strcmp(e->x[i].name, name))
			return &e->x[i];
	return NULL;
}

/* Do a record's identity and an entry's conflict (the inode number was
 * reused by another file)? */
static bool ident_conflicts(const struct ident *a, const struct ident *b)
{
	if (a->real_mode && b->real_mode && ((a->real_mode ^ b->real_mode) & S_IFMT))
		return true;
	return a->has_btime && b->has_btime &&
	       (a->btime_sec != b->btime_sec || a->btime_nsec != b->btime_nsec);
}

/* Apply one checked record to the index. */
static int apply_record(struct store *s, const struct rec_head *h, const uint8_t *body)
{
	struct ident id = {
		.has_btime = h->flags & RF_BTIME,
		.btime_sec = h->btime_sec,
		.btime_nsec = h->btime_nsec,
		.real_mode = h->real_mode,
	};
	struct entry *e = find_entry(s, h->dev, h->ino);
	int r;

	if (h->type == REC_FORGET) {
		if (e)
			remove_entry(s, e);
		return 0;
	}
	if (!e) {
		r = add_entry(s, h->dev, h->ino, &e);
		if (r < 0)
			return r;
	} else if (ident_conflicts(&e->id, &id)) {
		entry_clear(s, e);
	}
	if (id.has_btime) {
		e->id.has_btime = true;
		e->id.btime_sec = id.btime_sec;
		e->id.btime_nsec = id.btime_nsec;
	}
	if (id.real_mode)
		e->id.real_mode = id.real_mode;

	if (h->type == REC_META) {
		struct rec_meta m;

		memcpy(&m, body, sizeof(m));
		if (e->has_meta)
			s->live_bytes -= e->meta_bytes;
		e->has_meta = true;
		e->meta = (struct fake_meta){ .mask = m.mask, .uid = m.uid, .gid = m.gid,
					      .mode = m.mode, .rdev = m.rdev };
		e->meta_bytes = h->len;
		s->live_bytes += h->len;
		return 0;
	}

	/* REC_XATTR, REC_XATTR_DEL */
	struct rec_xattr xh;
	_cleanup_free_ char *name = NULL;
	_cleanup_free_ void *value = NULL;
	struct xent *x;

	memcpy(&xh, body, sizeof(xh));
	name = strndup((const char *)body + sizeof(xh), xh.name_len);
	if (!name)
		return -ENOMEM;
	if (h->type == REC_XATTR && xh.value_len) {
		value = malloc(xh.value_len);
		if (!value)
			return -ENOMEM;
		memcpy(value, body + sizeof(xh) + xh.name_len, xh.value_len);
	}
	x = find_xent(e, name);
	if (!x) {
		if (e->nx == e->ax) {
			size_t n = e->ax ? e->ax * 2 : 4;
			struct xent *nx = realloc(e->x, n * sizeof(*nx));

			if (!nx)
				return -ENOMEM;
			e->x = nx;
			e->ax = n;
		}
		x = &e->x[e->nx++];
		*x = (struct xent){ .name = TAKE_PTR(name) };
	} else {
		s->live_bytes -= x->bytes;
		free(x->value);
	}
	x->value = TAKE_PTR(value);
	x->size = h->type == REC_XATTR ? xh.value_len : 0;
	x->removed = h->type == REC_XATTR_DEL;
	x->bytes = h->len;
	s->live_bytes += h->len;
	return 0;
}

/* ---- record encoding and parsing ---- */

static uint32_t record_crc(const uint8_t *rec, uint32_t len)
{
	uint32_t c = crc_update(~0u, rec, 8);

	return ~crc_update(c, rec + 12, len - 12);
}

/* A growable buffer of records to append in one write(). */
struct recbuf {
	uint8_t *data;
	size_t len, alloc;
};

static int recbuf_reserve(struct recbuf *b, size_t len)
{
	if (b->len + len > b->alloc) {
		size_t n = b->alloc ? b->alloc : 4096;
		uint8_t *d;

		while (n < b->len + len)
			n *= 2;
		d = realloc(b->data, n);
		if (!d)
			return -ENOMEM;
		b->data = d;
		b->alloc = n;
	}
	return 0;
}

static int recbuf_add(struct recbuf *b, uint16_t type, uint64_t dev, uint64_t ino,
		      const struct ident *id, const void *body1, size_t len1,
		      const void *body2, size_t len2, const void *body3, size_t len3)
{
	size_t len = ALIGN8(REC_MIN + len1 + len2 + len3);
	struct rec_head h = {
		.len = (uint32_t)len,
		.len_check = (uint32_t)len ^ LEN_XOR,
		.type = type,
		.dev = dev,
		.ino = ino,
	};
	uint8_t *p;
	int r;

	if (id) {
		h.flags = id->has_btime ? RF_BTIME : 0;
		h.btime_sec = id->has_btime ? id->btime_sec : 0;
		h.btime_nsec = id->has_btime ? id->btime_nsec : 0;
		h.real_mode = id->real_mode;
	}
	r = recbuf_reserve(b, len);
	if (r < 0)
		return r;
	p = b->data + b->len;
	memset(p, 0, len);
	memcpy(p, &h, sizeof(h));
	if (len1)
		memcpy(p + REC_MIN, body1, len1);
	if (len2)
		memcpy(p + REC_MIN + len1, body2, len2);
	if (len3)
		memcpy(p + REC_MIN + len1 + len2, body3, len3);
	h.crc = record_crc(p, (uint32_t)len);
	memcpy(p + offsetof(struct rec_head, crc), &h.crc, sizeof(h.crc));
	b->len += len;
	return 0;
}

static int recbuf_meta(struct recbuf *b, uint64_t dev, uint64_t ino, const struct ident *id,
		       const struct fake_meta *m)
{
	struct rec_meta body = { .mask = m->mask, .uid = m->uid, .gid = m->gid,
				 .mode = m->mode, .rdev = m->rdev };

	return recbuf_add(b, REC_META, dev, ino, id, &body, sizeof(body), NULL, 0, NULL, 0);
}

static int recbuf_xattr(struct recbuf *b, uint64_t dev, uint64_t ino, const struct ident *id,
			const char *name, const void *value, size_t size, bool del)
{
	struct rec_xattr xh = { .name_len = (uint32_t)strlen(name),
				.value_len = del ? 0 : (uint32_t)size };

	return recbuf_add(b, del ? REC_XATTR_DEL : REC_XATTR, dev, ino, id, &xh, sizeof(xh),
			  name, xh.name_len, value, del ? 0 : size);
}

static bool all_zero(const uint8_t *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

static bool valid_len(uint32_t len)
{
	return len >= REC_MIN && len <= REC_MAX && !(len & 7);
}

/*
 * Parse the records in buf (file offset base) into the index.  *ret_used:
 * the bytes of whole records; the rest, if any, is a torn tail: the prefix of
 * a record whose write was cut short (its writer was killed), or zeros (a
 * power loss after the file grew but before its data reached the disk).
 * Anything else is damage: -EBADMSG, with a message naming the file and the
 * offset up to which the log is intact.
 */
static int parse_records(struct store *s, const uint8_t *buf, size_t n, uint64_t base,
			 size_t *ret_used)
{
	size_t pos = 0;

	while (pos < n) {
		size_t rem = n - pos;
		uint64_t off = base + pos;
		struct rec_head h;
		const uint8_t *body;
		size_t blen;
		int r;

		if (rem < 8)
			break;		/* torn in its length */
		memcpy(&h.len, buf + pos, 4);
		memcpy(&h.len_check, buf + pos + 4, 4);
		if ((h.len ^ LEN_XOR) != h.len_check || !valid_len(h.len)) {
			if (all_zero(buf + pos, rem))
				break;
			return failf(EBADMSG, "%s: damaged at offset %" PRIu64 ": bad record length "
				     "(the log is intact up to there: `truncate -s %" PRIu64 " %s` "
				     "keeps what precedes)", s->path, off, off, s->path);
		}
		if (h.len > rem)
			break;		/* torn: the last write was cut short */
		memcpy(&h, buf + pos, sizeof(h));
		if (record_crc(buf + pos, h.len) != h.crc)
			return failf(EBADMSG, "%s: damaged at offset %" PRIu64 ": bad checksum "
				     "(the log is intact up to there: `truncate -s %" PRIu64 " %s` "
				     "keeps what precedes)", s->path, off, off, s->path);
		body = buf + pos + REC_MIN;
		blen = h.len - REC_MIN;
		switch (h.type) {
		case REC_META:
			if (blen < sizeof(struct rec_meta))
				goto bad;
			break;
		case REC_FORGET:
			break;
		case REC_XATTR:
		case REC_XATTR_DEL: {
			struct rec_xattr xh;

			if (blen < sizeof(xh))
				goto bad;
			memcpy(&xh, body, sizeof(xh));
			if (!xh.name_len || xh.name_len > XATTR_NAME_MAX ||
			    xh.value_len > XATTR_SIZE_MAX ||
			    sizeof(xh) + xh.name_len + xh.value_len > blen ||
			    memchr(body + sizeof(xh), 0, xh.name_len))
				goto bad;
			break;
		}
		default:
			return failf(EBADMSG, "%s: record of unknown type %u at offset %" PRIu64
				     " (written by a newer iamroot-run?)", s->path, h.type, off);
		}
		r = apply_record(s, &h, body);
		if (r < 0)
			return r;
		pos += h.len;
		continue;
bad:
		return failf(EBADMSG, "%s: damaged at offset %" PRIu64 ": malformed record of type %u",
			     s->path, off, h.type);
	}
	*ret_used = pos;
	return 0;
}

/* ---- the log file ---- */

static void header_init(struct disk_header *h)
{
	memset(h, 0, sizeof(*h));
	memcpy(h->magic, STORE_MAGIC, 8);
	h->version = STORE_VERSION;
	h->header_size = HDR_SIZE;
	h->byte_order = STORE_BOM;
	h->static_crc = crc32c(h, offsetof(struct disk_header, static_crc));
	h->end = HDR_SIZE;
}

static int lock_fd(int fd, int op)
{
	while (flock(fd, op) < 0)
		if (errno != EINTR)
			return -errno;
	return 0;
}

static int write_all(int fd, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			return -EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int pread_all(int fd, void *buf, size_t len, uint64_t off, size_t *ret)
{
	uint8_t *p = buf;
	size_t got = 0;

	while (got < len) {
		ssize_t n = pread(fd, p + got, len - got, (off_t)(off + got));

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	*ret = got;
	return 0;
}

/* An empty or torn-at-birth file (a creator killed while writing the
 * header): write the header.  Under the exclusive lock. */
static int init_file(struct store *s, uint64_t size)
{
	uint8_t page[HDR_SIZE] = { 0 };
	uint8_t old[HDR_SIZE];
	size_t got;
	int r;

	header_init((struct disk_header *)page);
	if (size) {
		r = pread_all(s->fd, old, (size_t)size, 0, &got);
		if (r < 0)
			return failf(-r, "%s: %s", s->path, strerror(-r));
		/* Every creator writes exactly this page: a header torn by
		 * a killed creator is a prefix of it; anything else is not
		 * ours to overwrite. */
		if (got != size || memcmp(old, page, got))
			return failf(EBADMSG, "%s: not an iamroot-run store (%" PRIu64
				     " bytes, too short for a header)", s->path, size);
		if (ftruncate(s->fd, 0) < 0)
			return failf(errno, "%s: %m", s->path);
	}
	r = write_all(s->fd, page, sizeof(page));
	if (r < 0) {
		(void)!ftruncate(s->fd, 0);
		return failf(-r, "%s: writing the header: %s", s->path, strerror(-r));
	}
	return 0;
}

static int check_header(const struct store *s)
{
	const struct disk_header *h = s->hdr;

	if (memcmp(h->magic, STORE_MAGIC, 8))
		return failf(EBADMSG, "%s: bad magic: not an iamroot-run store", s->path);
	if (h->byte_order != STORE_BOM)
		return failf(EBADMSG, "%s: written on a machine of the other byte order", s->path);
	if (h->static_crc != crc32c(h, offsetof(struct disk_header, static_crc)))
		return failf(EBADMSG, "%s: damaged header (bad checksum)", s->path);
	if (h->version != STORE_VERSION)
		return failf(EBADMSG, "%s: store version %u, this iamroot-run reads version %u",
			     s->path, h->version, STORE_VERSION);
	if (h->header_size != HDR_SIZE)
		return failf(EBADMSG, "%s: damaged header (size %u)", s->path, h->header_size);
	return 0;
}

/*
 * Read what was appended since s->parsed.  *ret_torn: a torn tail follows
 * the last whole record (only a writer holding the lock may cut it off).
 */
static int catch_up(struct store *s, bool *ret_torn)
{
	_cleanup_free_ uint8_t *buf = NULL;
	struct stat st;
	size_t len, got, used;
	int r;

	if (fstat(s->fd, &st) < 0)
		return failf(errno, "%s: %m", s->path);
	if ((uint64_t)st.st_size < s->parsed)
		return failf(EBADMSG, "%s: the store shrank from %" PRIu64 " to %" PRIu64
			     " bytes under us", s->path, s->parsed, (uint64_t)st.st_size);
	len = (size_t)((uint64_t)st.st_size - s->parsed);
	if (ret_torn)
		*ret_torn = false;
	if (!len)
		return 0;
	buf = malloc(len);
	if (!buf)
		return -ENOMEM;
	r = pread_all(s->fd, buf, len, s->parsed, &got);
	if (r < 0)
		return failf(-r, "%s: %s", s->path, strerror(-r));
	r = parse_records(s, buf, got, s->parsed, &used);
	if (r < 0)
		return r;
	s->parsed += used;
	if (ret_torn)
		*ret_torn = used < got;
	return 0;
}

/* Open the file at s->path and index it: fills fd, hdr, file_*, parsed and
 * the index of a zeroed s. */
static int load(struct store *s)
{
	struct stat st;
	int r;

	s->fd = open(s->path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC | O_NOCTTY, 0600);
	if (s->fd < 0 && (errno == EACCES || errno == EROFS)) {
		s->fd = open(s->path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
		s->readonly = true;
	}
	if (s->fd < 0)
		return failf(errno, "%s: %m", s->path);
	if (fstat(s->fd, &st) < 0)
		return failf(errno, "%s: %m", s->path);
	if (!S_ISREG(st.st_mode))
		return failf(EINVAL, "%s: not a regular file", s->path);
	if ((uint64_t)st.st_size < HDR_SIZE) {
		if (s->readonly)
			return failf(EROFS, "%s: an empty store, and read-only", s->path);
		r = lock_fd(s->fd, LOCK_EX);
		if (r < 0)
			return failf(-r, "%s: flock: %s", s->path, strerror(-r));
		if (fstat(s->fd, &st) < 0)
			r = failf(errno, "%s: %m", s->path);
		else if ((uint64_t)st.st_size < HDR_SIZE)
			r = init_file(s, (uint64_t)st.st_size);
		lock_fd(s->fd, LOCK_UN);
		if (r < 0)
			return r;
	}
	s->file_dev = st.st_dev;
	s->file_ino = st.st_ino;
	s->hdr = mmap(NULL, HDR_SIZE, PROT_READ | (s->readonly ? 0 : PROT_WRITE), MAP_SHARED,
		      s->fd, 0);
	if (s->hdr == MAP_FAILED) {
		s->hdr = NULL;
		return failf(errno, "%s: mmap: %m", s->path);
	}
	r = check_header(s);
	if (r < 0)
		return r;
	s->parsed = HDR_SIZE;
	s->seen_end = __atomic_load_n(&s->hdr->end, __ATOMIC_ACQUIRE);
	return catch_up(s, NULL);
}

/* Close the file and drop the index, keep path and counters. */
static void unload(struct store *s)
{
	free_index(s);
	if (s->hdr)
		munmap(s->hdr, HDR_SIZE);
	s->hdr = NULL;
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}

/* Another process replaced the file (a compaction) or it was removed:
 * index the one now at the path. */
static int reopen(struct store *s)
{
	struct store n = { .path = s->path, .fd = -1, .compactions = s->compactions };
	int r = load(&n);

	if (r < 0) {
		unload(&n);
		return r;
	}
	unload(s);
	*s = n;
	return 0;
}

static bool same_file(const struct store *s, const struct stat *st)
{
	return st->st_dev == s->file_dev && st->st_ino == s->file_ino;
}

/*
 * Before a lookup: take in what other processes appended.  Two loads from
 * the shared header page when nothing changed; no syscall.
 */
static int refresh(struct store *s)
{
	uint64_t end;

	if (__atomic_load_n(&s->hdr->superseded, __ATOMIC_ACQUIRE)) {
		struct stat st;

		/* Replaced, or being replaced, or its compactor died before
		 * the rename (then the next writer clears the flag). */
		if (stat(s->path, &st) < 0 || !same_file(s, &st))
			return reopen(s);
	}
	end = __atomic_load_n(&s->hdr->end, __ATOMIC_ACQUIRE);
	if (end == s->seen_end)
		return 0;
	s->seen_end = end;
	return catch_up(s, NULL);
}

/*
 * Take the exclusive lock for an append, on the file that is at the path,
 * with the index caught up and any torn tail (from a writer that was killed)
 * cut off.  Every append happens under this lock, so a torn tail seen here
 * belongs to a dead process.
 */
static int lock_for_write(struct store *s)
{
	if (s->readonly)
		return failf(EROFS, "%s: the store is read-only", s->path);
	for (int attempt = 0; attempt < 16; attempt++) {
		struct stat st;
		bool torn;
		int r = lock_fd(s->fd, LOCK_EX);

		if (r < 0)
			return failf(-r, "%s: flock: %s", s->path, strerror(-r));
		if (stat(s->path, &st) < 0 || !same_file(s, &st)) {
			lock_fd(s->fd, LOCK_UN);
			r = reopen(s);
			if (r < 0)
				return r;
			continue;
		}
		if (__atomic_load_n(&s->hdr->superseded, __ATOMIC_ACQUIRE))
			/* Still at the path, and we hold the lock its compactor
			 * held: that compactor died before renaming. */
			__atomic_store_n(&s->hdr->superseded, 0, __ATOMIC_RELEASE);
		r = catch_up(s, &torn);
		if (r < 0) {
			lock_fd(s->fd, LOCK_UN);
			return r;
		}
		if (torn && ftruncate(s->fd, (off_t)s->parsed) < 0) {
			r = failf(errno, "%s: cutting off a torn record: %m", s->path);
			lock_fd(s->fd, LOCK_UN);
			return r;
		}
		return 0;
	}
	return failf(EAGAIN, "%s: the store keeps being replaced", s->path);
}

static void unlock_write(struct store *s)
{
	lock_fd(s->fd, LOCK_UN);
}

static int compact_locked(struct store *s);

/* Under lock_for_write: one write() of whole records, then index them. */
static int append_locked(struct store *s, const struct recbuf *b)
{
	uint64_t off = s->parsed;
	size_t used;
	int r;

	if (!b->len)
		return 0;
	r = write_all(s->fd, b->data, b->len);
	if (r < 0) {
		/* Leave no torn record behind us. */
		(void)!ftruncate(s->fd, (off_t)off);
		return failf(-r, "%s: appending: %s", s->path, strerror(-r));
	}
	r = parse_records(s, b->data, b->len, off, &used);
	if (r < 0)
		return r;
	s->parsed = off + b->len;
	s->seen_end = s->parsed;
	__atomic_store_n(&s->hdr->end, s->parsed, __ATOMIC_RELEASE);

	if (s->parsed - HDR_SIZE >= COMPACT_MIN && s->live_bytes * 4 < s->parsed - HDR_SIZE)
		(void)compact_locked(s);	/* an optimisation: its failure loses nothing */
	return 0;
}

static int append(struct store *s, const struct recbuf *b)
{
	int r = lock_for_write(s);

	if (r < 0)
		return r;
	r = append_locked(s, b);
	unlock_write(s);
	return r;
}

static int index_to_records(const struct store *s, struct recbuf *b)
{
	for (size_t i = 0; i < s->nbuckets; i++)
		for (const struct entry *e = s->buckets[i]; e; e = e->next) {
			int r;

			if (e->has_meta) {
				r = recbuf_meta(b, e->dev, e->ino, &e->id, &e->meta);
				if (r < 0)
					return r;
			}
			for (size_t j = 0; j < e->nx; j++) {
				r = recbuf_xattr(b, e->dev, e->ino, &e->id, e->x[j].name,
						 e->x[j].value, e->x[j].size, e->x[j].removed);
				if (r < 0)
					return r;
			}
		}
	return 0;
}

/*
 * Under lock_for_write: write the live records to PATH.compact, fsync it,
 * mark this file superseded, rename the new one over it.  Killed at any
 * point, the old file stays whole at the path or the new one is there
 * whole; a writer clears a superseded flag left on a file still at the path.
 */
static int compact_locked(struct store *s)
{
	_cleanup_free_ char *tmp = NULL;
	_cleanup_close_ int fd = -1;
	struct recbuf b = { 0 };
	struct disk_header *h;
	struct stat st;
	void *map;
	int r;

	if (asprintf(&tmp, "%s.compact", s->path) < 0)
		return -ENOMEM;
	r = recbuf_reserve(&b, HDR_SIZE);
	if (r < 0)
		goto out;
	memset(b.data, 0, HDR_SIZE);	/* the header, filled below */
	b.len = HDR_SIZE;
	r = index_to_records(s, &b);
	if (r < 0)
		goto out;
	h = (struct disk_header *)b.data;
	header_init(h);
	h->end = b.len;

	fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC | O_NOCTTY, 0600);
	if (fd < 0) {
		r = failf(errno, "%s: %m", tmp);
		goto out;
	}
	/* Keep the permissions the store was given (shared, say). */
	if (fstat(s->fd, &st) == 0)
		(void)!fchmod(fd, st.st_mode & 07777);
	r = write_all(fd, b.data, b.len);
	if (r < 0 || fsync(fd) < 0 || fstat(fd, &st) < 0) {
		r = failf(r < 0 ? -r : errno, "%s: writing the compacted store: %s", tmp,
			  strerror(r < 0 ? -r : errno));
		unlink(tmp);
		goto out;
	}
	map = mmap(NULL, HDR_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED) {
		r = failf(errno, "%s: mmap: %m", tmp);
		unlink(tmp);
		goto out;
	}
	__atomic_store_n(&s->hdr->superseded, 1, __ATOMIC_RELEASE);
	if (rename(tmp, s->path) < 0) {
		r = failf(errno, "renaming %s to %s: %m", tmp, s->path);
		__atomic_store_n(&s->hdr->superseded, 0, __ATOMIC_RELEASE);
		munmap(map, HDR_SIZE);
		unlink(tmp);
		goto out;
	}
	/* Switch to the new file; closing the old one drops its lock. */
	munmap(s->hdr, HDR_SIZE);
	close(s->fd);
	s->fd = TAKE_FD(fd);
	s->hdr = map;
	s->file_dev = st.st_dev;
	s->file_ino = st.st_ino;
	s->parsed = b.len;
	s->seen_end = b.len;
	s->compactions++;
	r = 0;
out:
	free(b.data);
	return r;
}

/* ---- the object and its user xattrs ---- */

struct target {
	int dirfd;
	const char *path;
	bool nofollow;
	const struct stat *st;
	const char *xpath;	/* for the path-based xattr calls */
	bool follow;
	char buf[PATH_MAX + 32];
	struct ident id;	/* from statx, once fetched */
	bool id_fetched;
};

static int target_init(struct target *t, int dirfd, const char *path, bool nofollow,
		       const struct stat *st)
{
	if (!path || !st)
		return -EINVAL;
	t->dirfd = dirfd;
	t->path = path;
	t->nofollow = nofollow;
	t->st = st;
	t->id_fetched = false;
	if (path[0] == '/' || (dirfd == AT_FDCWD && path[0])) {
		t->xpath = path;
		t->follow = !nofollow;
		return 0;
	}
	if (!path[0]) {
		/* The magic link leads to the object itself, even to a
		 * symlink an O_PATH descriptor holds. */
		if (dirfd == AT_FDCWD)
			t->xpath = ".";
		else {
			snprintf(t->buf, sizeof(t->buf), "/proc/self/fd/%d", dirfd);
			t->xpath = t->buf;
		}
		t->follow = true;
		return 0;
	}
	if ((size_t)snprintf(t->buf, sizeof(t->buf), "/proc/self/fd/%d/%s", dirfd, path) >=
	    sizeof(t->buf))
		return -ENAMETOOLONG;
	t->xpath = t->buf;
	t->follow = !nofollow;
	return 0;
}

/* User xattrs are possible on regular files and directories only. */
static bool xattr_capable(const struct target *t)
{
	return S_ISREG(t->st->st_mode) || S_ISDIR(t->st->st_mode);
}

static ssize_t x_get(const struct target *t, const char *name, void *v, size_t n)
{
	ssize_t r = t->follow ? getxattr(t->xpath, name, v, n) : lgetxattr(t->xpath, name, v, n);

	return r < 0 ? -errno : r;
}

static ssize_t x_list(const struct target *t, char *v, size_t n)
{
	ssize_t r = t->follow ? listxattr(t->xpath, v, n) : llistxattr(t->xpath, v, n);

	return r < 0 ? -errno : r;
}

static int x_set(const struct target *t, const char *name, const void *v, size_t n, int flags)
{
	int r = t->follow ? setxattr(t->xpath, name, v, n, flags)
			  : lsetxattr(t->xpath, name, v, n, flags);

	return r < 0 ? -errno : 0;
}

static int x_remove(const struct target *t, const char *name)
{
	int r = t->follow ? removexattr(t->xpath, name) : lremovexattr(t->xpath, name);

	return r < 0 ? -errno : 0;
}

/* The file cannot take (or the real user may not give it) this user
 * xattr: keep the data in the fallback store instead. */
static bool use_fallback_after(int r)
{
	return r == -EOPNOTSUPP || r == -EPERM || r == -EACCES || r == -ENOSPC ||
	       r == -EDQUOT || r == -E2BIG || r == -ERANGE;
}

/* The object's names; *ret points at stack or at *ret_heap.  A filesystem
 * without xattrs lists nothing. */
static ssize_t list_names(const struct target *t, char *stack, size_t stack_size,
			  char **ret_heap, const char **ret)
{
	ssize_t n = x_list(t, stack, stack_size);

	*ret = stack;
	while (n == -ERANGE) {
		char *heap;

		n = x_list(t, NULL, 0);
		if (n < 0)
			break;
		heap = realloc(*ret_heap, (size_t)n + 1);
		if (!heap)
			return -ENOMEM;
		*ret_heap = heap;
		*ret = heap;
		n = x_list(t, heap, (size_t)n + 1);
	}
	if (n == -EOPNOTSUPP || n == -ENODATA)
		return 0;
	return n;
}

#define PREFIX		"user.iamroot."
#define PREFIX_LEN	(sizeof(PREFIX) - 1)

static const struct field {
	const char *name;	/* after the prefix */
	uint32_t bit;
	uint8_t size;
} fields[] = {
	{ "uid",  FM_UID,  4 },
	{ "gid",  FM_GID,  4 },
	{ "mode", FM_MODE, 4 },
	{ "type", FM_TYPE, 4 },
	{ "rdev", FM_RDEV, 8 },
};

static bool valid_type(uint32_t t)
{
	switch (t) {
	case S_IFREG: case S_IFDIR: case S_IFLNK: case S_IFCHR:
	case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		return true;
	}
	return false;
}

/* The metadata in the object's user.iamroot.* xattrs: one llistxattr, and
 * one getxattr per field present.  A value of the wrong size is ignored, as
 * iamroot ignores it. */
static int xattr_meta_read(const struct target *t, struct fake_meta *ret)
{
	char stack[1024];
	_cleanup_free_ char *heap = NULL;
	const char *list;
	struct fake_meta m = { 0 };
	ssize_t n = list_names(t, stack, sizeof(stack), &heap, &list);

	if (n < 0)
		return (int)n;
	for (const char *p = list; p < list + n; p += strlen(p) + 1) {
		if (strncmp(p, PREFIX, PREFIX_LEN))
			continue;
		for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
			uint8_t v[8];
			uint32_t u32;
			ssize_t got;

			if (strcmp(p + PREFIX_LEN, fields[i].name))
				continue;
			got = x_get(t, p, v, sizeof(v));
			if (got == -ENODATA || got == -ERANGE)
				break;		/* removed meanwhile, or oversized */
			if (got < 0)
				return (int)got;
			if (got != fields[i].size)
				break;
			if (fields[i].bit == FM_RDEV) {
				memcpy(&m.rdev, v, 8);
			} else {
				memcpy(&u32, v, 4);
				if (fields[i].bit == FM_UID)
					m.uid = u32;
				else if (fields[i].bit == FM_GID)
					m.gid = u32;
				else if (fields[i].bit == FM_MODE)
					m.mode |= u32 & 07777;
				else if (valid_type(u32))
					m.mode |= u32;
				else
					break;
			}
			m.mask |= fields[i].bit;
			break;
		}
	}
	*ret = m;
	return 0;
}

static int xattr_meta_write(const struct target *t, const struct fake_meta *m)
{
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
		char name[32];
		uint32_t u32;
		const void *v = &u32;
		int r;

		if (!(m->mask & fields[i].bit))
			continue;
		switch (fields[i].bit) {
		case FM_UID:  u32 = m->uid; break;
		case FM_GID:  u32 = m->gid; break;
		case FM_MODE: u32 = m->mode & 07777; break;
		case FM_TYPE: u32 = m->mode & S_IFMT; break;
		default:      v = &m->rdev; break;
		}
		snprintf(name, sizeof(name), PREFIX "%s", fields[i].name);
		r = x_set(t, name, v, fields[i].size, 0);
		if (r < 0)
			return r;
	}
	return 0;
}

static int xattr_meta_remove(const struct target *t, uint32_t mask)
{
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
		char name[32];
		int r;

		if (!(mask & fields[i].bit))
			continue;
		snprintf(name, sizeof(name), PREFIX "%s", fields[i].name);
		r = x_remove(t, name);
		if (r < 0 && r != -ENODATA)
			return r;
	}
	return 0;
}

/* ---- the fallback side of an object ---- */

/* The birth time (and type) that tell this file from an earlier one with
 * the same inode number.  No btime (filesystem without it): unknown, and only
 * store_forget() protects against reuse. */
static bool btime_identifies(struct store *s, const struct target *t)
{
	struct devinfo *d;
	struct statfs sf;
	int fd;

	for (unsigned i = 0; i < s->ndevs; i++)
		if (s->devs[i].dev == t->st->st_dev)
			return s->devs[i].btime_ok;
	if (!t->path[0] && t->dirfd != AT_FDCWD) {
		if (fstatfs(t->dirfd, &sf) < 0)
			return true;	/* decide next time */
	} else {
		fd = openat(t->dirfd, t->path[0] ? t->path : ".",
			    O_PATH | O_CLOEXEC | (t->nofollow ? O_NOFOLLOW : 0));
		if (fd < 0)
			return true;
		if (fstatfs(fd, &sf) < 0) {
			close(fd);
			return true;
		}
		close(fd);
	}
	d = &s->devs[s->ndevs < ARRAY_SIZE(s->devs) ? s->ndevs++
						     : s->next_dev++ % ARRAY_SIZE(s->devs)];
	d->dev = t->st->st_dev;
	d->btime_ok = (unsigned long)sf.f_type != OVERLAYFS_SUPER_MAGIC;
	return d->btime_ok;
}

static int fetch_ident(struct store *s, struct target *t)
{
	struct statx stx;
	int flags = AT_STATX_DONT_SYNC | (t->nofollow ? AT_SYMLINK_NOFOLLOW : 0) |
		    (t->path[0] ? 0 : AT_EMPTY_PATH);

	if (t->id_fetched)
		return 0;
	if (statx(t->dirfd, t->path, flags, STATX_TYPE | STATX_INO | STATX_BTIME, &stx) < 0)
		return -errno;
	t->id = (struct ident){ .real_mode = t->st->st_mode };
	if ((stx.stx_mask & STATX_BTIME) && btime_identifies(s, t)) {
		t->id.has_btime = true;
		t->id.btime_sec = stx.stx_btime.tv_sec;
		t->id.btime_nsec = stx.stx_btime.tv_nsec;
	}
	t->id_fetched = true;
	return 0;
}

/* The object's fallback entry, if it has one that is about this very file:
 * 1 and *ret, 0 when none (or a stale one, about an earlier file), -errno. */
static int lookup(struct store *s, struct target *t, struct entry **ret)
{
	struct entry *e = find_entry(s, t->st->st_dev, t->st->st_ino);
	struct ident mode_only = { .real_mode = t->st->st_mode };
	int r;

	if (!e)
		return 0;
	if (ident_conflicts(&e->id, &mode_only))
		return 0;
	if (e->id.has_btime) {
		r = fetch_ident(s, t);
		if (r < 0)
			return r;
		if (ident_conflicts(&e->id, &t->id))
			return 0;
	}
	*ret = e;
	return 1;
}

/* The target DIRFD/PATH names, and its entry in a fresh view of the log:
 * 1 and *ret_e set when there is one, 0 and *ret_e NULL when not. */
static int find_target(struct store *s, int dirfd, const char *path, bool nofollow,
		       const struct stat *st, struct target *t, struct entry **ret_e)
{
	int r = target_init(t, dirfd, path, nofollow, st);

	if (r < 0)
		return r;
	r = refresh(s);
	if (r < 0)
		return r;
	r = lookup(s, t, ret_e);
	if (r == 0)
		*ret_e = NULL;
	return r;
}

/* Take the write lock for a record about t, and t's entry under it (the
 * index may have moved since the caller looked); *ret_e NULL when none. */
static int lock_for_record(struct store *s, struct target *t, struct entry **ret_e)
{
	struct entry *e;
	int r = fetch_ident(s, t);

	if (r < 0)
		return r;
	r = lock_for_write(s);
	if (r < 0)
		return r;
	e = find_entry(s, t->st->st_dev, t->st->st_ino);
	*ret_e = e && !ident_conflicts(&e->id, &t->id) ? e : NULL;
	return 0;
}

/* After lock_for_write(): append b if r says so, unlock, free b. */
static int append_unlock(struct store *s, struct recbuf *b, int r)
{
	if (r >= 0)
		r = append_locked(s, b);
	unlock_write(s);
	free(b->data);
	return r;
}

static void merge(struct fake_meta *m, const struct fake_meta *set, uint32_t clear)
{
	if (set) {
		if (set->mask & FM_UID)
			m->uid = set->uid;
		if (set->mask & FM_GID)
			m->gid = set->gid;
		if (set->mask & FM_MODE)
			m->mode = (m->mode & ~07777u) | (set->mode & 07777);
		if (set->mask & FM_TYPE)
			m->mode = (m->mode & ~(uint32_t)S_IFMT) | (set->mode & S_IFMT);
		if (set->mask & FM_RDEV)
			m->rdev = set->rdev;
		m->mask |= set->mask;
	}
	if (clear & FM_UID)
		m->uid = 0;
	if (clear & FM_GID)
		m->gid = 0;
	if (clear & FM_MODE)
		m->mode &= ~07777u;
	if (clear & FM_TYPE)
		m->mode &= ~(uint32_t)S_IFMT;
	if (clear & FM_RDEV)
		m->rdev = 0;
	m->mask &= ~clear;
}

/* Record the object's metadata in the fallback: base (what it had where
 * it was kept until now) with set applied and clear removed; a record there
 * already wins over base. */
static int fallback_meta(struct store *s, struct target *t, const struct fake_meta *base,
			 const struct fake_meta *set, uint32_t clear)
{
	struct recbuf b = { 0 };
	struct fake_meta m = *base;
	struct entry *e;
	int r = lock_for_record(s, t, &e);

	if (r < 0)
		return r;
	if (e && e->has_meta)
		m = e->meta;
	merge(&m, set, clear);
	r = recbuf_meta(&b, t->st->st_dev, t->st->st_ino, &t->id, &m);
	return append_unlock(s, &b, r);
}

/* ---- public: open, close, metadata ---- */

int store_open(const char *fallback_path, struct store **ret)
{
	struct store *s;
	int r;

	if (!fallback_path || !fallback_path[0] || !ret)
		return -EINVAL;
	crc_init();
	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->fd = -1;
	if (fallback_path[0] == '/') {
		s->path = strdup(fallback_path);
	} else {
		_cleanup_free_ char *cwd = getcwd(NULL, 0);

		if (cwd && asprintf(&s->path, "%s/%s", cwd, fallback_path) < 0)
			s->path = NULL;
	}
	if (!s->path) {
		free(s);
		return -ENOMEM;
	}
	r = load(s);
	if (r < 0) {
		store_close(s);
		return r;
	}
	*ret = s;
	return 0;
}

struct store *store_close(struct store *s)
{
	if (!s)
		return NULL;
	unload(s);
	free(s->path);
	free(s);
	return NULL;
}

static void fill_result(const struct fake_meta *m, const struct stat *st, struct fake_meta *ret)
{
	uint32_t mode = (uint32_t)st->st_mode;

	if (m->mask & FM_MODE)
		mode = (mode & ~07777u) | (m->mode & 07777);
	if (m->mask & FM_TYPE)
		mode = (mode & ~(uint32_t)S_IFMT) | (m->mode & S_IFMT);
	*ret = (struct fake_meta){
		.mask = m->mask & FM_ALL,
		.uid = m->mask & FM_UID ? m->uid : (uint32_t)st->st_uid,
		.gid = m->mask & FM_GID ? m->gid : (uint32_t)st->st_gid,
		.mode = mode,
		.rdev = m->mask & FM_RDEV ? m->rdev : (uint64_t)st->st_rdev,
	};
}

int store_get(struct store *s, int dirfd, const char *path, bool nofollow,
	      const struct stat *st, struct fake_meta *ret)
{
	struct fake_meta m = { 0 };
	struct target t;
	struct entry *e;
	int r = find_target(s, dirfd, path, nofollow, st, &t, &e);

	if (r < 0)
		return r;
	if (r > 0 && e->has_meta)
		m = e->meta;
	else if (xattr_capable(&t)) {
		r = xattr_meta_read(&t, &m);
		if (r < 0)
			return r;
	}
	fill_result(&m, st, ret);
	return 0;
}

static int update_meta(struct store *s, int dirfd, const char *path, bool nofollow,
		       const struct stat *st, const struct fake_meta *set, uint32_t clear)
{
	struct fake_meta base = { 0 };
	struct target t;
	struct entry *e;
	int r = find_target(s, dirfd, path, nofollow, st, &t, &e);

	if (r < 0)
		return r;
	if ((r == 0 || !e->has_meta) && xattr_capable(&t)) {
		/* A fake type (a device node kept as a plain file) goes to the
		 * log, which can be enumerated without walking the trees:
		 * directory listings must show it (d_type). */
		r = set && (set->mask & FM_TYPE) ? -EOPNOTSUPP
			: set ? xattr_meta_write(&t, set) : xattr_meta_remove(&t, clear);
		if (r == 0 || (!use_fallback_after(r) && r != -EOPNOTSUPP))
			return r;
		/* Continue in the fallback from what the xattrs hold now. */
		r = xattr_meta_read(&t, &base);
		if (r < 0)
			return r;
	}
	return fallback_meta(s, &t, &base, set, clear);
}

int store_set(struct store *s, int dirfd, const char *path, bool nofollow,
	      const struct stat *st, const struct fake_meta *m)
{
	if (!m || (m->mask & ~FM_ALL))
		return -EINVAL;
	if ((m->mask & FM_TYPE) && !valid_type(m->mode & S_IFMT))
		return -EINVAL;
	if (!m->mask)
		return 0;
	return update_meta(s, dirfd, path, nofollow, st, m, 0);
}

int store_unset(struct store *s, int dirfd, const char *path, bool nofollow,
		const struct stat *st, uint32_t mask)
{
	if (mask & ~FM_ALL)
		return -EINVAL;
	if (!mask)
		return 0;
	return update_meta(s, dirfd, path, nofollow, st, NULL, mask);
}

int store_forget(struct store *s, const struct stat *st)
{
	struct recbuf b = { 0 };
	int r;

	if (!st)
		return -EINVAL;
	r = refresh(s);
	if (r < 0)
		return r;
	if (!find_entry(s, st->st_dev, st->st_ino))
		return 0;
	r = lock_for_write(s);
	if (r < 0)
		return r;
	if (find_entry(s, st->st_dev, st->st_ino)) {
		r = recbuf_add(&b, REC_FORGET, st->st_dev, st->st_ino, NULL, NULL, 0, NULL, 0,
			       NULL, 0);
		if (r >= 0)
			r = append_locked(s, &b);
	}
	unlock_write(s);
	free(b.data);
	return r;
}

/* ---- public: emulated xattrs ---- */

bool store_xattr_is_emulated(const char *name)
{
	if (!name || (strncmp(name, "security.", 9) && strncmp(name, "trusted.", 8) &&
		      strncmp(name, "system.", 7)))
		return false;
	return strchr(name, '.')[1] != '\0' && strlen(name) <= XATTR_NAME_MAX;
}

bool store_xattr_is_internal(const char *name)
{
	return name && !strncmp(name, PREFIX, PREFIX_LEN);
}

size_t store_xattr_filter_list(char *list, size_t len)
{
	size_t out = 0;

	for (size_t pos = 0; pos < len;) {
		size_t n = strnlen(list + pos, len - pos);
		size_t step = n + (pos + n < len);	/* its NUL, if there */

		if (!store_xattr_is_internal(list + pos)) {
			memmove(list + out, list + pos, step);
			out += step;
		}
		pos += step;
	}
	return out;
}

/* user.iamroot.<name>, or "" when too long for a user xattr (the fallback
 * holds it then). */
static void prefixed(char *buf, size_t size, const char *name)
{
	if ((size_t)snprintf(buf, size, PREFIX "%s", name) >= size ||
	    strlen(buf) > XATTR_NAME_MAX)
		buf[0] = '\0';
}

static ssize_t copy_value(const void *v, size_t n, void *buf, size_t size)
{
	if (!size)
		return (ssize_t)n;
	if (n > size)
		return -ERANGE;
	if (n)
		memcpy(buf, v, n);
	return (ssize_t)n;
}

ssize_t store_xattr_get(struct store *s, int dirfd, const char *path, bool nofollow,
			const struct stat *st, const char *name, void *value, size_t size)
{
	char xname[XATTR_NAME_MAX + PREFIX_LEN + 2];
	struct target t;
	struct entry *e;
	struct xent *x;
	ssize_t r;

	if (!store_xattr_is_emulated(name))
		return -EOPNOTSUPP;
	r = find_target(s, dirfd, path, nofollow, st, &t, &e);
	if (r < 0)
		return r;
	if (r > 0 && (x = find_xent(e, name)))
		return x->removed ? -ENODATA : copy_value(x->value, x->size, value, size);
	prefixed(xname, sizeof(xname), name);
	if (!xattr_capable(&t) || !xname[0])
		return -ENODATA;
	r = x_get(&t, xname, value, size);
	if (r == -EOPNOTSUPP || r == -EPERM)
		return -ENODATA;
	return r;
}

/* The fallback's record of an xattr set (or removed, with LOG_XATTR_REMOVE)
 * on t, with XATTR_CREATE/XATTR_REPLACE checked under the write lock against
 * what the log says, else `exists` (what the object's own xattrs say). */
#define LOG_XATTR_REMOVE 0x100
static int log_xattr(struct store *s, struct target *t, const struct stat *st, const char *name,
		     const void *value, size_t size, int flags, bool exists)
{
	struct recbuf b = { 0 };
	struct entry *e;
	struct xent *x;
	int r = lock_for_record(s, t, &e);

	if (r < 0)
		return r;
	if (e && (x = find_xent(e, name)))
		exists = !x->removed;
	if ((flags & XATTR_CREATE) && exists)
		r = -EEXIST;
	else if ((flags & XATTR_REPLACE) && !exists)
		r = -ENODATA;
	else
		r = recbuf_xattr(&b, st->st_dev, st->st_ino, &t->id, name, value, size,
				 flags & LOG_XATTR_REMOVE);
	return append_unlock(s, &b, r);
}

int store_xattr_set(struct store *s, int dirfd, const char *path, bool nofollow,
		    const struct stat *st, const char *name, const void *value, size_t size,
		    int flags)
{
	char xname[XATTR_NAME_MAX + PREFIX_LEN + 2];
	struct target t;
	struct entry *e;
	bool exists = false;
	int r;

	if (!store_xattr_is_emulated(name))
		return -EOPNOTSUPP;
	if (size > XATTR_SIZE_MAX)
		return -E2BIG;
	if ((flags & ~(XATTR_CREATE | XATTR_REPLACE)) || (size && !value))
		return -EINVAL;
	r = find_target(s, dirfd, path, nofollow, st, &t, &e);
	if (r < 0)
		return r;
	prefixed(xname, sizeof(xname), name);
	if (!(r > 0 && find_xent(e, name)) && xattr_capable(&t) && xname[0]) {
		r = x_set(&t, xname, value, size, flags);
		if (r == 0 || !use_fallback_after(r))
			return r;
		exists = x_get(&t, xname, NULL, 0) >= 0;
	}
	return log_xattr(s, &t, st, name, value, size, flags, exists);
}

int store_xattr_remove(struct store *s, int dirfd, const char *path, bool nofollow,
		       const struct stat *st, const char *name)
{
	char xname[XATTR_NAME_MAX + PREFIX_LEN + 2];
	struct target t;
	struct entry *e;
	bool exists = false;
	int r;

	if (!store_xattr_is_emulated(name))
		return -EOPNOTSUPP;
	r = find_target(s, dirfd, path, nofollow, st, &t, &e);
	if (r < 0)
		return r;
	prefixed(xname, sizeof(xname), name);
	if (!(r > 0 && find_xent(e, name))) {
		if (!xattr_capable(&t) || !xname[0])
			return -ENODATA;
		r = x_remove(&t, xname);
		if (r == 0 || r == -ENODATA || !use_fallback_after(r))
			return r;
		/* Present but not removable by the real user: shadow it. */
		exists = x_get(&t, xname, NULL, 0) >= 0;
		if (!exists)
			return -ENODATA;
	}
	return log_xattr(s, &t, st, name, NULL, 0, XATTR_REPLACE | LOG_XATTR_REMOVE, exists);
}

/* Append name (with its NUL) to the list being built: the needed length
 * grows always, the copy only while it fits. */
static void list_add(char *list, size_t size, size_t *len, const char *name)
{
	size_t n = strlen(name) + 1;

	if (size && *len + n <= size)
		memcpy(list + *len, name, n);
	*len += n;
}

ssize_t store_xattr_list(struct store *s, int dirfd, const char *path, bool nofollow,
			 const struct stat *st, char *list, size_t size)
{
	char stack[1024];
	_cleanup_free_ char *heap = NULL;
	const char *names;
	struct target t;
	struct entry *e;
	size_t len = 0;
	ssize_t r;

	r = find_target(s, dirfd, path, nofollow, st, &t, &e);
	if (r < 0)
		return r;
	for (size_t i = 0; e && i < e->nx; i++)
		if (!e->x[i].removed)
			list_add(list, size, &len, e->x[i].name);
	if (xattr_capable(&t)) {
		r = list_names(&t, stack, sizeof(stack), &heap, &names);
		if (r < 0)
			return r;
		for (const char *p = names; p < names + r; p += strlen(p) + 1) {
			const char *n = p + PREFIX_LEN;

			if (!store_xattr_is_internal(p) || !store_xattr_is_emulated(n) ||
			    (e && find_xent(e, n)))
				continue;
			list_add(list, size, &len, n);
		}
	}
	if (size && len > size)
		return -ERANGE;
	return (ssize_t)len;
}

/* ---- public: the fallback store as a whole ---- */

int store_foreach(struct store *s, int (*cb)(const struct store_entry *e, void *userdata),
		  void *userdata)
{
	int r = refresh(s);

	if (r < 0)
		return r;
	for (size_t i = 0; i < s->nbuckets; i++)
		for (struct entry *e = s->buckets[i]; e; e = e->next) {
			_cleanup_free_ struct store_xattr *xs = NULL;
			struct store_entry out = {
				.dev = e->dev,
				.ino = e->ino,
				.has_btime = e->id.has_btime,
				.btime_sec = e->id.btime_sec,
				.btime_nsec = e->id.btime_nsec,
				.real_mode = e->id.real_mode,
			};

			if (e->has_meta)
				out.meta = e->meta;
			if (e->nx) {
				xs = calloc(e->nx, sizeof(*xs));
				if (!xs)
					return -ENOMEM;
				for (size_t j = 0; j < e->nx; j++)
					if (!e->x[j].removed)
						xs[out.n_xattrs++] = (struct store_xattr){
							e->x[j].name, e->x[j].value, e->x[j].size };
			}
			out.xattrs = xs;
			/* cb may not change the store: the walk holds no copy. */
			r = cb(&out, userdata);
			if (r)
				return r;
		}
	return 0;
}

int store_stats(struct store *s, struct store_stats *ret)
{
	struct stat st;
	int r = refresh(s);

	if (r < 0)
		return r;
	if (fstat(s->fd, &st) < 0)
		return -errno;
	*ret = (struct store_stats){
		.file_size = (uint64_t)st.st_size,
		.live_bytes = s->live_bytes,
		.entries = s->nentries,
		.compactions = s->compactions,
	};
	return 0;
}

int store_compact(struct store *s)
{
	int r = lock_for_write(s);

	if (r < 0)
		return r;
	r = compact_locked(s);
	unlock_write(s);
	return r;
}

/* ---- fakeroot save files ---- */

/* A set of (dev, ino) with a value: open addressing, no removal. */
struct keyset {
	struct kslot { uint64_t dev, ino; struct fake_meta m; bool used; } *slots;
	size_t n, used;
};

static int keyset_put(struct keyset *k, uint64_t dev, uint64_t ino, const struct fake_meta *m,
		      bool *ret_new)
{
	size_t i;

	if (k->used >= k->n / 2) {
		struct keyset g = { .n = k->n ? k->n * 2 : 1024 };

		g.slots = calloc(g.n, sizeof(*g.slots));
		if (!g.slots)
			return -ENOMEM;
		for (size_t j = 0; j < k->n; j++)
			if (k->slots[j].used)
				keyset_put(&g, k->slots[j].dev, k->slots[j].ino, &k->slots[j].m, NULL);
		free(k->slots);
		*k = g;
	}
	for (i = hash_key(dev, ino) & (k->n - 1); k->slots[i].used; i = (i + 1) & (k->n - 1))
		if (k->slots[i].dev == dev && k->slots[i].ino == ino) {
			if (m)
				k->slots[i].m = *m;
			if (ret_new)
				*ret_new = false;
			return 0;
		}
	k->slots[i] = (struct kslot){ .dev = dev, .ino = ino, .used = true };
	if (m)
		k->slots[i].m = *m;
	k->used++;
	if (ret_new)
		*ret_new = true;
	return 0;
}

static const struct fake_meta *keyset_get(const struct keyset *k, uint64_t dev, uint64_t ino)
{
	if (!k->n)
		return NULL;
	for (size_t i = hash_key(dev, ino) & (k->n - 1); k->slots[i].used; i = (i + 1) & (k->n - 1))
		if (k->slots[i].dev == dev && k->slots[i].ino == ino)
			return &k->slots[i].m;
	return NULL;
}

/* Every inode under tree, not following symlinks: fn(dirfd, name, st). */
typedef int (*walk_fn)(int dirfd, const char *name, const struct stat *st, void *ud);

static int walk_dir(int dfd, const char *where, walk_fn fn, void *ud)
{
	DIR *d = fdopendir(dfd);
	struct dirent *de;
	int r = 0;

	if (!d) {
		r = -errno;
		close(dfd);
		return failf(-r, "%s: %s", where, strerror(-r));
	}
	while (r == 0 && (errno = 0, de = readdir(d))) {
		_cleanup_free_ char *sub = NULL;
		struct stat st;
		int cfd;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			if (errno == ENOENT)
				continue;
			r = failf(errno, "%s/%s: %m", where, de->d_name);
			break;
		}
		r = fn(dfd, de->d_name, &st, ud);
		if (r || !S_ISDIR(st.st_mode))
			continue;
		cfd = openat(dfd, de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (cfd < 0) {
			r = failf(errno, "%s/%s: %m", where, de->d_name);
			break;
		}
		if (asprintf(&sub, "%s/%s", where, de->d_name) < 0) {
			close(cfd);
			r = -ENOMEM;
			break;
		}
		r = walk_dir(cfd, sub, fn, ud);
	}
	if (r == 0 && errno)
		r = failf(errno, "%s: %m", where);
	closedir(d);
	return r;
}

static int walk_tree(const char *tree, walk_fn fn, void *ud)
{
	struct stat st;
	int fd, r;

	if (lstat(tree, &st) < 0)
		return failf(errno, "%s: %m", tree);
	r = fn(AT_FDCWD, tree, &st, ud);
	if (r || !S_ISDIR(st.st_mode))
		return r;
	fd = open(tree, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return failf(errno, "%s: %m", tree);
	return walk_dir(fd, tree, fn, ud);
}

static int write_fakeroot_line(FILE *out, uint64_t dev, uint64_t ino, uint32_t mode, uint32_t uid,
			       uint32_t gid, uint64_t nlink, uint64_t rdev)
{
	if (fprintf(out, "dev=%llx,ino=%llu,mode=%llo,uid=%llu,gid=%llu,nlink=%llu,rdev=%llu\n",
		    (unsigned long long)dev, (unsigned long long)ino, (unsigned long long)mode,
		    (unsigned long long)uid, (unsigned long long)gid, (unsigned long long)nlink,
		    (unsigned long long)rdev) < 0)
		return -EIO;
	return 0;
}

struct export_ctx {
	struct store *s;
	FILE *out;
	struct keyset seen;
	int count;
};

static int export_entry(const struct store_entry *e, void *ud)
{
	struct export_ctx *c = ud;
	const struct fake_meta *m = &e->meta;
	uint32_t mode = e->real_mode;
	int r;

	if (!m->mask)
		return 0;
	if (m->mask & FM_MODE)
		mode = (mode & ~07777u) | (m->mode & 07777);
	if (m->mask & FM_TYPE)
		mode = (mode & ~(uint32_t)S_IFMT) | (m->mode & S_IFMT);
	if (!(mode & S_IFMT))
		mode |= S_IFREG;	/* imported without a type: what fakeroot would assume */
	r = write_fakeroot_line(c->out, e->dev, e->ino, mode, m->mask & FM_UID ? m->uid : 0,
				m->mask & FM_GID ? m->gid : 0, 1,
				m->mask & FM_RDEV ? m->rdev : 0);
	if (r < 0)
		return r;
	c->count++;
	return 0;
}

static int export_file(int dirfd, const char *name, const struct stat *st, void *ud)
{
	struct export_ctx *c = ud;
	struct fake_meta m;
	bool is_new;
	int r;

	if (st->st_nlink > 1 && !S_ISDIR(st->st_mode)) {
		r = keyset_put(&c->seen, st->st_dev, st->st_ino, NULL, &is_new);
		if (r < 0)
			return r;
		if (!is_new)
			return 0;
	}
	r = store_get(c->s, dirfd, name, true, st, &m);
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return r;
	if (!m.mask)
		return 0;
	r = write_fakeroot_line(c->out, st->st_dev, st->st_ino, m.mode,
				m.mask & FM_UID ? m.uid : 0, m.mask & FM_GID ? m.gid : 0,
				st->st_nlink, m.rdev);
	if (r < 0)
		return r;
	c->count++;
	return 0;
}

int store_export_fakeroot(struct store *s, FILE *out, const char *tree)
{
	struct export_ctx c = { .s = s, .out = out };
	int r;

	if (!out)
		return -EINVAL;
	r = tree ? walk_tree(tree, export_file, &c) : store_foreach(s, export_entry, &c);
	free(c.seen.slots);
	if (r == 0 && fflush(out) != 0)
		r = -errno;
	return r < 0 ? r : c.count;
}

/* One number after `key=`, then `sep`. */
static bool parse_field(const char **p, const char *key, int base, uint64_t *ret, char sep)
{
	size_t kl = strlen(key);
	const char *q = *p;
	char *end;
	unsigned long long v;

	if (strncmp(q, key, kl) || q[kl] != '=')
		return false;
	q += kl + 1;
	if (base == 16 ? !((*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'f') ||
			  (*q >= 'A' && *q <= 'F'))
		       : !(*q >= '0' && *q <= (base == 8 ? '7' : '9')))
		return false;
	errno = 0;
	v = strtoull(q, &end, base);
	if (errno || *end != sep)
		return false;
	*ret = v;
	*p = end + (sep != '\0');
	return true;
}

struct fr_line {
	uint64_t dev, ino, mode, uid, gid, nlink, rdev;
};

static bool parse_fakeroot_line(const char *l, struct fr_line *ret)
{
	struct fr_line v;

	if (!parse_field(&l, "dev", 16, &v.dev, ',') || !parse_field(&l, "ino", 10, &v.ino, ',') ||
	    !parse_field(&l, "mode", 8, &v.mode, ',') || !parse_field(&l, "uid", 10, &v.uid, ',') ||
	    !parse_field(&l, "gid", 10, &v.gid, ',') ||
	    !parse_field(&l, "nlink", 10, &v.nlink, ',') ||
	    !parse_field(&l, "rdev", 10, &v.rdev, '\0'))
		return false;
	if (v.uid > UINT32_MAX || v.gid > UINT32_MAX || v.mode > UINT32_MAX ||
	    !valid_type((uint32_t)v.mode & S_IFMT))
		return false;
	*ret = v;
	return true;
}

/* The fake metadata a fakeroot line stands for.  real_type: the type on
 * disk when known (0 if not): the type is fake only where it differs, or,
 * unknown, for the types fakeroot's mknod makes as plain files. */
static struct fake_meta fakeroot_meta(const struct fr_line *v, uint32_t real_type)
{
	uint32_t type = (uint32_t)v->mode & S_IFMT;
	struct fake_meta m = {
		.mask = FM_UID | FM_GID | FM_MODE,
		.uid = (uint32_t)v->uid,
		.gid = (uint32_t)v->gid,
		.mode = (uint32_t)v->mode,
	};

	if (real_type ? type != real_type
		      : (S_ISCHR(type) || S_ISBLK(type) || S_ISFIFO(type) || S_ISSOCK(type)))
		m.mask |= FM_TYPE;
	if (S_ISCHR(type) || S_ISBLK(type)) {
		m.mask |= FM_RDEV;
		m.rdev = v->rdev;
	}
	return m;
}

struct import_ctx {
	struct store *s;
	struct keyset lines;
	struct keyset seen;	/* hard links: one inode, imported once */
	int count;
};

static int import_file(int dirfd, const char *name, const struct stat *st, void *ud)
{
	struct import_ctx *c = ud;
	const struct fake_meta *m = keyset_get(&c->lines, st->st_dev, st->st_ino);
	struct fake_meta mm;
	bool is_new;
	int r;

	if (!m)
		return 0;
	if (st->st_nlink > 1 && !S_ISDIR(st->st_mode)) {
		r = keyset_put(&c->seen, st->st_dev, st->st_ino, NULL, &is_new);
		if (r < 0)
			return r;
		if (!is_new)
			return 0;
	}
	/* The keyset holds the line's full mode in m->mode, type included. */
	mm = *m;
	if ((mm.mask & FM_TYPE) && (mm.mode & S_IFMT) == (st->st_mode & S_IFMT))
		mm.mask &= ~FM_TYPE;
	r = store_set(c->s, dirfd, name, true, st, &mm);
	if (r < 0)
		return r;
	c->count++;
	return 0;
}

int store_import_fakeroot(struct store *s, FILE *in, const char *in_name, const char *tree)
{
	struct import_ctx c = { .s = s };
	struct recbuf b = { 0 };
	_cleanup_free_ char *line = NULL;
	size_t cap = 0;
	unsigned lineno = 0;
	ssize_t n;
	int r = 0, count = 0;

	if (!in)
		return -EINVAL;
	if (!in_name)
		in_name = "fakeroot save file";
	while ((n = getline(&line, &cap, in)) >= 0) {
		struct fr_line v;
		struct fake_meta m;

		lineno++;
		if (n && line[n - 1] == '\n')
			line[--n] = '\0';
		if (!n)
			continue;
		if (!parse_fakeroot_line(line, &v)) {
			r = failf(EBADMSG, "%s:%u: not a fakeroot save-file line "
				  "(dev=HEX,ino=N,mode=OCTAL,uid=N,gid=N,nlink=N,rdev=N)",
				  in_name, lineno);
			goto out;
		}
		if (tree) {
			/* Decide the type against the file found under tree. */
			m = fakeroot_meta(&v, 0);
			m.mask |= FM_TYPE;
			r = keyset_put(&c.lines, v.dev, v.ino, &m, NULL);
		} else {
			struct ident id = { 0 };

			m = fakeroot_meta(&v, 0);
			r = recbuf_meta(&b, v.dev, v.ino, &id, &m);
			count++;
		}
		if (r < 0)
			goto out;
	}
	if (ferror(in)) {
		r = failf(EIO, "%s: read error", in_name);
		goto out;
	}
	if (tree) {
		r = walk_tree(tree, import_file, &c);
		count = c.count;
	} else {
		r = append(s, &b);
	}
out:
	free(b.data);
	free(c.lines.slots);
	free(c.seen.slots);
	return r < 0 ? r : count;
}
