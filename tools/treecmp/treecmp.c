/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * iamroot-treecmp: compare two trees, or a tree and a tarball, path by
 * path, and say how faithful one is to the other.  doc/iamroot-treecmp.1
 * is the manual.
 *
 * Each side is read whole (tree.c, tar.c) into a list of entries, sorted by
 * path; the two lists are merged and every entry compared field by field.
 * Differences go to stdout, one a line ("PATH: FIELD: LEFT != RIGHT"),
 * then one summary line.  Exit status: 0 identical, 1 different, 2 trouble.
 */
#include <errno.h>
#include <fnmatch.h>
#include <getopt.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "treecmp.h"

struct options opt;
const char *prog = "iamroot-treecmp";
int n_errors;

/* ---- small helpers ---- */

void warn(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	n_errors++;
}

_Noreturn void die(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die("out of memory");
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die("out of memory");
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* ---- entries ---- */

struct entry *side_add(struct side *s, char *path)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 1024;
		s->e = xrealloc(s->e, s->cap * sizeof(*s->e));
	}
	s->e[s->n] = (struct entry){ .path = path, .seq = s->n };
	return &s->e[s->n++];
}

void entry_free(struct entry *e)
{
	free(e->path);
	free(e->target);
	for (size_t i = 0; i < e->nx; i++) {
		free(e->x[i].name);
		free(e->x[i].value);
	}
	free(e->x);
	*e = (struct entry){ 0 };
}

void entry_add_xattr(struct entry *e, const char *name, const void *value, size_t size)
{
	struct xattr *x = NULL;

	if (xattr_ignored(name))
		return;
	for (size_t i = 0; i < e->nx; i++)
		if (!strcmp(e->x[i].name, name)) {
			x = &e->x[i];
			free(x->value);
			break;
		}
	if (!x) {
		e->x = xrealloc(e->x, (e->nx + 1) * sizeof(*e->x));
		x = &e->x[e->nx++];
		x->name = xstrdup(name);
	}
	x->value = xmalloc(size);
	if (size)
		memcpy(x->value, value, size);
	x->size = size;
}

static int xattr_cmp(const void *a, const void *b)
{
	return strcmp(((const struct xattr *)a)->name, ((const struct xattr *)b)->name);
}

void entry_sort_xattrs(struct entry *e)
{
	if (e->nx > 1)
		qsort(e->x, e->nx, sizeof(*e->x), xattr_cmp);
}

/* ---- paths ---- */

bool path_normalise(char *path, unsigned strip)
{
	char *out = path, *p = path;
	unsigned comps = 0;

	while (*p) {
		char *end = strchrnul(p, '/');
		size_t len = (size_t)(end - p);

		if (len && !(len == 1 && *p == '.')) {
			if (comps >= strip) {
				if (out != path)
					*out++ = '/';
				memmove(out, p, len);
				out += len;
			}
			comps++;
		}
		p = *end ? end + 1 : end;
	}
	if (comps < strip)
		return false;
	if (out == path)
		*out++ = '.';
	*out = '\0';
	return true;
}

/* Sort order: a directory's entries right after it ("a", "a/b", "a.b"):
 * '/' sorts before every other byte. */
static int path_cmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int x = *a == '/' ? 1 : *a ? (unsigned char)*a + 1 : 0;
		int y = *b == '/' ? 1 : *b ? (unsigned char)*b + 1 : 0;

		if (x != y)
			return x - y;
		if (!x)
			return 0;
	}
}

/* A glob with a '/' is matched against the path and each directory above
 * it; one without, against each component (so "*.pyc" is anywhere and
 * "proc" takes proc/ and all below it). */
bool path_excluded(const char *path)
{
	for (size_t i = 0; i < opt.n_exclude; i++) {
		const char *g = opt.exclude[i];
		bool slash = strchr(g, '/');
		char *copy = xstrdup(path);
		bool hit = false;

		if (!strcmp(path, ".")) {
			hit = !fnmatch(g, path, 0);
		} else if (slash) {
			for (char *p = copy + strlen(copy); !hit; ) {
				*p = '\0';
				hit = !fnmatch(g, copy, 0);
				p = strrchr(copy, '/');
				if (!p)
					break;
			}
		} else {
			for (char *tok = strtok(copy, "/"); tok && !hit; tok = strtok(NULL, "/"))
				hit = !fnmatch(g, tok, 0);
		}
		free(copy);
		if (hit)
			return true;
	}
	return false;
}

bool xattr_ignored(const char *name)
{
	for (size_t i = 0; i < opt.n_ignore_xattr; i++)
		if (!fnmatch(opt.ignore_xattr[i], name, 0))
			return true;
	return false;
}

/* ---- preparing a side ---- */

static int entry_cmp(const void *a, const void *b)
{
	return path_cmp(((const struct entry *)a)->path, ((const struct entry *)b)->path);
}

static struct side *sort_side;	/* for the qsort callbacks below */

static int inode_cmp(const void *a, const void *b)
{
	const struct entry *x = &sort_side->e[*(const size_t *)a];
	const struct entry *y = &sort_side->e[*(const size_t *)b];

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return 0;
}

static int group_cmp(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const struct entry *x = &sort_side->e[i], *y = &sort_side->e[j];

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	return i < j ? -1 : i > j;	/* entries are sorted by path already */
}

/* Sort by path, give the hard links of a tree their groups, and make each
 * group's list of names. */
static void side_prepare(struct side *s)
{
	size_t *idx = xmalloc(s->n * sizeof(*idx)), n = 0;

	qsort(s->e, s->n, sizeof(*s->e), entry_cmp);
	sort_side = s;
	if (s->kind != SIDE_TAR) {
		uint64_t g = 0;

		for (size_t i = 0; i < s->n; i++)
			if (s->e[i].ino)
				idx[n++] = i;
		qsort(idx, n, sizeof(*idx), inode_cmp);
		for (size_t i = 0; i < n; i++) {
			if (i == 0 || inode_cmp(&idx[i - 1], &idx[i]))
				g++;
			s->e[idx[i]].group = g;
		}
		n = 0;
	}
	for (size_t i = 0; i < s->n; i++)
		if (s->e[i].group)
			idx[n++] = i;
	qsort(idx, n, sizeof(*idx), group_cmp);
	s->sets = xcalloc(n, sizeof(*s->sets));
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && s->e[idx[j]].group == s->e[idx[i]].group; j++)
			;
		if (j - i < 2)
			continue;	/* the other names are not compared */

		struct linkset *ls = &s->sets[s->nsets++];

		ls->n = j - i;
		ls->paths = xmalloc(ls->n * sizeof(*ls->paths));
		for (size_t k = i; k < j; k++) {
			ls->paths[k - i] = s->e[idx[k]].path;
			s->e[idx[k]].links = ls;
		}
	}
	free(idx);
}

/* Drop the top "." (a tarball made of a directory's contents has none). */
static void drop_top(struct side *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->e[i].path, ".")) {
			entry_free(&s->e[i]);
			memmove(&s->e[i], &s->e[i + 1], (s->n - i - 1) * sizeof(*s->e));
			s->n--;
			return;
		}
}

static void side_free(struct side *s)
{
	for (size_t i = 0; i < s->n; i++)
		entry_free(&s->e[i]);
	free(s->e);
	for (size_t i = 0; i < s->nsets; i++)
		free(s->sets[i].paths);
	free(s->sets);
}

/* ---- showing values ---- */

static const char *const field_names[F_COUNT] = {
	[F_TYPE] = "type", [F_OWNER] = "owner", [F_GROUP] = "group", [F_MODE] = "mode",
	[F_DEV] = "dev", [F_TARGET] = "target", [F_SIZE] = "size", [F_CONTENT] = "content",
	[F_XATTRS] = "xattrs", [F_LINKS] = "links", [F_MTIME] = "mtime", [F_ATIME] = "atime",
	[F_CTIME] = "ctime",
};

static const struct {
	const char *alias;
	enum field f;
} field_aliases[] = {
	{ "uid", F_OWNER }, { "gid", F_GROUP }, { "rdev", F_DEV }, { "device", F_DEV },
	{ "symlink", F_TARGET }, { "linkname", F_TARGET }, { "digest", F_CONTENT },
	{ "sha256", F_CONTENT }, { "xattr", F_XATTRS }, { "hardlinks", F_LINKS },
};

/* A string of bytes, quoted; control bytes, '"' and '\' escaped. */
static void put_escaped(FILE *f, const char *s, size_t n, bool quote)
{
	if (quote)
		fputc('"', f);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\\' || (quote && c == '"'))
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
	if (quote)
		fputc('"', f);
}

static const char *type_name(uint32_t t)
{
	switch (t) {
	case S_IFREG: return "file";
	case S_IFDIR: return "dir";
	case S_IFLNK: return "symlink";
	case S_IFCHR: return "chardev";
	case S_IFBLK: return "blockdev";
	case S_IFIFO: return "fifo";
	case S_IFSOCK: return "socket";
	default: return "?";
	}
}

/* A value being printed: a memory stream. */
struct val {
	char *buf;
	size_t len;
	FILE *f;
};

static FILE *val_open(struct val *v)
{
	v->buf = NULL;
	v->f = open_memstream(&v->buf, &v->len);
	if (!v->f)
		die("out of memory");
	return v->f;
}

static const char *val_str(struct val *v)
{
	fclose(v->f);
	v->f = NULL;
	return v->buf;
}

static void put_xattr_value(FILE *f, const struct xattr *x)
{
	size_t n = x->size;
	bool text = true;

	if (n && x->value[n - 1] == '\0')
		n--;	/* labels often carry their NUL */
	for (size_t i = 0; i < n && text; i++)
		text = x->value[i] >= 0x20 && x->value[i] < 0x7f;
	if (text && n <= 200) {
		put_escaped(f, (const char *)x->value, x->size, true);
		return;
	}
	fputs("0x", f);
	for (size_t i = 0; i < x->size && i < 32; i++)
		fprintf(f, "%02x", x->value[i]);
	if (x->size > 32) {
		struct sha256 c;
		unsigned char d[SHA256_SIZE];

		sha256_init(&c);
		sha256_update(&c, x->value, x->size);
		sha256_final(&c, d);
		fprintf(f, "... (%zu bytes, sha256 ", x->size);
		for (int i = 0; i < 8; i++)
			fprintf(f, "%02x", d[i]);
		fputs("...)", f);
	}
}

static void put_when(FILE *f, const struct when *w, bool nsec)
{
	if (w->prec == P_NONE)
		fputs("?", f);
	else if (nsec && w->prec == P_NSEC)
		fprintf(f, "%lld.%09u", (long long)w->sec, w->nsec);
	else
		fprintf(f, "%lld", (long long)w->sec);
}

static void put_links(FILE *f, const struct entry *e)
{
	size_t shown = 0;

	if (!e->links) {
		fputs("(none)", f);
		return;
	}
	for (size_t i = 0; i < e->links->n; i++) {
		const char *p = e->links->paths[i];

		if (p == e->path)
			continue;
		if (shown == 8) {
			fprintf(f, " (+%zu more)", e->links->n - 1 - shown);
			break;
		}
		if (shown++)
			fputs(", ", f);
		put_escaped(f, p, strlen(p), false);
	}
}

static void put_digest(FILE *f, const struct entry *e)
{
	if (!e->has_digest) {
		fputs("?", f);
		return;
	}
	for (int i = 0; i < SHA256_SIZE; i++)
		fprintf(f, "%02x", e->digest[i]);
}

/* ---- comparing ---- */

static bool quiet;
static unsigned long long n_diffs;

static void report(const char *path, const char *field, const char *l, const char *r)
{
	n_diffs++;
	if (quiet)
		return;
	put_escaped(stdout, path, strlen(path), false);
	printf(": %s: %s != %s\n", field, l, r);
}

#define REPORT(path, field, putl, putr)                                  \
	do {                                                             \
		struct val _l, _r;                                       \
		FILE *f;                                                 \
		f = val_open(&_l);                                       \
		putl;                                                    \
		f = val_open(&_r);                                       \
		putr;                                                    \
		report(path, field, val_str(&_l), val_str(&_r));         \
		free(_l.buf);                                            \
		free(_r.buf);                                            \
	} while (0)

static bool same_when(const struct when *a, const struct when *b)
{
	if (a->prec == P_NONE || b->prec == P_NONE)
		return a->prec == b->prec;
	return a->sec == b->sec && (a->prec == P_SEC || b->prec == P_SEC || a->nsec == b->nsec);
}

static bool same_links(const struct entry *a, const struct entry *b)
{
	size_t n = a->links ? a->links->n : 1, m = b->links ? b->links->n : 1;

	if (n != m)
		return false;
	for (size_t i = 0; i < n; i++) {
		const char *x = a->links ? a->links->paths[i] : a->path;
		const char *y = b->links ? b->links->paths[i] : b->path;

		if (strcmp(x, y))
			return false;
	}
	return true;
}

/* Compare one path present on both sides; returns the differences found. */
static unsigned long long compare(const struct entry *a, const struct entry *b)
{
	unsigned long long before = n_diffs;
	const char *p = a->path;
	bool same_type = a->type == b->type;

	if (opt.want[F_TYPE] && !same_type)
		REPORT(p, "type", fputs(type_name(a->type), f), fputs(type_name(b->type), f));
	if (opt.want[F_OWNER] && a->uid != b->uid)
		REPORT(p, "owner", fprintf(f, "%llu", (unsigned long long)a->uid),
		       fprintf(f, "%llu", (unsigned long long)b->uid));
	if (opt.want[F_GROUP] && a->gid != b->gid)
		REPORT(p, "group", fprintf(f, "%llu", (unsigned long long)a->gid),
		       fprintf(f, "%llu", (unsigned long long)b->gid));
	if (opt.want[F_MODE] && a->mode != b->mode)
		REPORT(p, "mode", fprintf(f, "%04o", a->mode), fprintf(f, "%04o", b->mode));
	if (opt.want[F_DEV] && same_type && (a->type == S_IFCHR || a->type == S_IFBLK) &&
	    (a->major != b->major || a->minor != b->minor))
		REPORT(p, "dev", fprintf(f, "%u,%u", a->major, a->minor),
		       fprintf(f, "%u,%u", b->major, b->minor));
	if (opt.want[F_TARGET] && same_type && a->type == S_IFLNK &&
	    (!a->target || !b->target || strcmp(a->target, b->target)) && (a->target || b->target))
		REPORT(p, "target",
		       a->target ? put_escaped(f, a->target, strlen(a->target), true) : (void)fputs("?", f),
		       b->target ? put_escaped(f, b->target, strlen(b->target), true) : (void)fputs("?", f));
	if (opt.want[F_SIZE] && same_type && a->type == S_IFREG && a->size != b->size)
		REPORT(p, "size", fprintf(f, "%llu", (unsigned long long)a->size),
		       fprintf(f, "%llu", (unsigned long long)b->size));
	if (opt.want[F_CONTENT] && same_type && a->type == S_IFREG &&
	    (a->has_digest != b->has_digest ||
	     (a->has_digest && memcmp(a->digest, b->digest, SHA256_SIZE))))
		REPORT(p, "content", put_digest(f, a), put_digest(f, b));
	if (opt.want[F_XATTRS]) {
		size_t i = 0, j = 0;

		while (i < a->nx || j < b->nx) {
			int c = i == a->nx ? 1 : j == b->nx ? -1 : strcmp(a->x[i].name, b->x[j].name);
			const struct xattr *x = c <= 0 ? &a->x[i] : NULL;
			const struct xattr *y = c >= 0 ? &b->x[j] : NULL;
			const char *name = x ? x->name : y->name;
			struct val field;

			i += c <= 0;
			j += c >= 0;
			if (x && y && x->size == y->size && !memcmp(x->value, y->value, x->size))
				continue;
			fputs("xattr ", val_open(&field));
			put_escaped(field.f, name, strlen(name), false);
			REPORT(p, val_str(&field),
			       x ? put_xattr_value(f, x) : (void)fputs("(absent)", f),
			       y ? put_xattr_value(f, y) : (void)fputs("(absent)", f));
			free(field.buf);
		}
	}
	if (opt.want[F_LINKS] && a->type != S_IFDIR && b->type != S_IFDIR && !same_links(a, b))
		REPORT(p, "links", put_links(f, a), put_links(f, b));

	static const enum field tf[] = { F_MTIME, F_ATIME, F_CTIME };

	for (size_t k = 0; k < 3; k++) {
		const struct when *x = tf[k] == F_MTIME ? &a->mtime : tf[k] == F_ATIME ? &a->atime
											 : &a->ctime;
		const struct when *y = tf[k] == F_MTIME ? &b->mtime : tf[k] == F_ATIME ? &b->atime
											 : &b->ctime;
		bool nsec = x->prec == P_NSEC && y->prec == P_NSEC;

		if (opt.want[tf[k]] && !same_when(x, y))
			REPORT(p, field_names[tf[k]], put_when(f, x, nsec), put_when(f, y, nsec));
	}
	return n_diffs - before;
}

/* ---- options ---- */

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s [OPTION]... LEFT RIGHT\n"
		"Compare two trees, or a tree and a tarball, path by path: type, owner,\n"
		"group, mode, device numbers, symlink target, size, content (SHA-256),\n"
		"xattrs and hard links.  LEFT and RIGHT are each [tree:|fake:|tar:]PATH:\n"
		"a directory read as it is (tree:, the default for a directory), read\n"
		"through iamroot-run's metadata store (fake:), or a tarball, maybe\n"
		"compressed (tar:, the default otherwise; - is stdin).\n"
		"\n"
		"  -F, --fake[=SIDE]       read SIDE (left, right or both; default left)\n"
		"                          through the metadata store, as iamroot-run shows it\n"
		"  -s, --store FILE        the store's fallback file (default as iamroot-run:\n"
		"                          $IAMROOT_RUN_STORE, $XDG_DATA_HOME/iamroot-run/store,\n"
		"                          ~/.local/share/iamroot-run/store); without --fake\n"
		"                          or fake:, reads the left directory (else the right)\n"
		"                          through it\n"
		"  -i, --ignore FIELDS     do not compare these fields (comma-separated)\n"
		"  -c, --compare FIELDS    compare these fields too (mtime, atime, ctime are\n"
		"                          not compared by default); \"all\" is every field\n"
		"  -x, --exclude GLOB      leave out the paths GLOB matches (repeatable)\n"
		"  -X, --ignore-xattr GLOB leave out the xattrs GLOB matches (repeatable)\n"
		"  -u, --real-ids UID[:GID]  the user iamroot-run ran as, whose files show as\n"
		"                          root's where the store has no owner (default: you)\n"
		"      --strip-components N  drop N leading components of member names\n"
		"  -1, --one-file-system   do not descend into other filesystems\n"
		"  -q, --quiet             print only the summary line\n"
		"  -h, --help              show this help\n"
		"  -V, --version           show the version\n"
		"\n"
		"Fields: type owner group mode dev target size content xattrs links\n"
		"        mtime atime ctime\n"
		"Exit status: 0 identical, 1 different, 2 trouble.\n", prog);
}

static void set_fields(const char *list, bool on)
{
	char *copy = xstrdup(list);

	for (char *tok = strtok(copy, ", "); tok; tok = strtok(NULL, ", ")) {
		int f = -1;

		if (!strcmp(tok, "all")) {
			for (int k = 0; k < F_COUNT; k++)
				opt.want[k] = on;
			continue;
		}
		for (int k = 0; k < F_COUNT; k++)
			if (!strcmp(tok, field_names[k]))
				f = k;
		for (size_t k = 0; f < 0 && k < sizeof(field_aliases) / sizeof(field_aliases[0]); k++)
			if (!strcmp(tok, field_aliases[k].alias))
				f = (int)field_aliases[k].f;
		if (f < 0) {
			fprintf(stderr, "%s: unknown field '%s' (fields: type owner group mode dev "
				"target size content xattrs links mtime atime ctime, or all)\n",
				prog, tok);
			exit(2);
		}
		opt.want[f] = on;
	}
	free(copy);
}

static void parse_side(struct side *s, const char *name, const char *arg)
{
	static const struct {
		const char *prefix;
		enum side_kind kind;
	} prefixes[] = { { "tree:", SIDE_TREE }, { "fake:", SIDE_FAKE }, { "tar:", SIDE_TAR } };
	struct stat st;

	s->name = name;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncmp(arg, prefixes[i].prefix, strlen(prefixes[i].prefix))) {
			s->kind = prefixes[i].kind;
			s->path = arg + strlen(prefixes[i].prefix);
			s->explicit = true;
			return;
		}
	s->path = arg;
	if (!strcmp(arg, "-")) {
		s->kind = SIDE_TAR;
		return;
	}
	if (stat(arg, &st) < 0)
		die("%s: %s", arg, strerror(errno));
	s->kind = S_ISDIR(st.st_mode) ? SIDE_TREE : SIDE_TAR;
}

static void make_fake(struct side *s)
{
	if (s->kind == SIDE_TAR)
		die("--fake: the %s side, %s, is not a directory", s->name, s->path);
	if (s->explicit && s->kind == SIDE_TREE)
		die("--fake: the %s side is given as tree:%s", s->name, s->path);
	s->kind = SIDE_FAKE;
}

static void add_glob(char ***list, size_t *n, const char *g)
{
	char *copy;

	while (g[0] == '/' || (g[0] == '.' && g[1] == '/'))
		g += g[0] == '/' ? 1 : 2;
	copy = xstrdup(*g ? g : ".");
	for (size_t len = strlen(copy); len > 1 && copy[len - 1] == '/'; len--)
		copy[len - 1] = '\0';
	*list = xrealloc(*list, (*n + 1) * sizeof(**list));
	(*list)[(*n)++] = copy;
}

static struct side left, right;

static void free_all(void)
{
	side_free(&left);
	side_free(&right);
	for (size_t i = 0; i < opt.n_exclude; i++)
		free(opt.exclude[i]);
	free(opt.exclude);
	for (size_t i = 0; i < opt.n_ignore_xattr; i++)
		free(opt.ignore_xattr[i]);
	free(opt.ignore_xattr);
}

static int parse_id(const char *s, const char *end, uint32_t *ret)
{
	char *e;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &e, 10);
	if (errno || e == s || e != end || v >= UINT32_MAX || *s == '-')
		return -1;
	*ret = (uint32_t)v;
	return 0;
}

/* UID[:GID]; without GID, the user's group as the password database has it,
 * else the same number. */
static int parse_ids(const char *arg)
{
	const char *colon = strchr(arg, ':');
	uint32_t uid, gid;

	if (parse_id(arg, colon ? colon : arg + strlen(arg), &uid) < 0)
		return -1;
	if (colon) {
		if (parse_id(colon + 1, colon + 1 + strlen(colon + 1), &gid) < 0)
			return -1;
	} else {
		struct passwd *pw = getpwuid(uid);

		gid = pw ? pw->pw_gid : uid;
	}
	opt.real_ids = true;
	opt.real_uid = uid;
	opt.real_gid = gid;
	return 0;
}

enum { OPT_STRIP = 256 };

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "fake", optional_argument, NULL, 'F' },
		{ "store", required_argument, NULL, 's' },
		{ "ignore", required_argument, NULL, 'i' },
		{ "compare", required_argument, NULL, 'c' },
		{ "exclude", required_argument, NULL, 'x' },
		{ "ignore-xattr", required_argument, NULL, 'X' },
		{ "real-ids", required_argument, NULL, 'u' },
		{ "strip-components", required_argument, NULL, OPT_STRIP },
		{ "one-file-system", no_argument, NULL, '1' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 },
	};
	const char *fake = NULL;
	unsigned long long identical = 0, different = 0, only_left = 0, only_right = 0, total;
	int c;

	for (int k = 0; k < F_COUNT; k++)
		opt.want[k] = k != F_MTIME && k != F_ATIME && k != F_CTIME;
	atexit(free_all);

	while ((c = getopt_long(argc, argv, "F::s:i:c:x:X:u:1qhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'F':
			fake = optarg ? optarg : "left";
			if (strcmp(fake, "left") && strcmp(fake, "right") && strcmp(fake, "both")) {
				fprintf(stderr, "%s: --fake takes left, right or both, not '%s'\n",
					prog, fake);
				return 2;
			}
			break;
		case 's':
			opt.store_path = optarg;
			break;
		case 'i':
			set_fields(optarg, false);
			break;
		case 'c':
			set_fields(optarg, true);
			break;
		case 'x':
			add_glob(&opt.exclude, &opt.n_exclude, optarg);
			break;
		case 'X':
			opt.ignore_xattr = xrealloc(opt.ignore_xattr,
						    (opt.n_ignore_xattr + 1) * sizeof(char *));
			opt.ignore_xattr[opt.n_ignore_xattr++] = xstrdup(optarg);
			break;
		case OPT_STRIP: {
			char *end;
			unsigned long v;

			errno = 0;
			v = strtoul(optarg, &end, 10);
			if (errno || end == optarg || *end || v > 4096 || *optarg == '-') {
				fprintf(stderr, "%s: --strip-components takes a number, not '%s'\n",
					prog, optarg);
				return 2;
			}
			opt.strip = (unsigned)v;
			break;
		}
		case 'u':
			if (parse_ids(optarg) < 0) {
				fprintf(stderr, "%s: --real-ids takes UID[:GID], not '%s'\n", prog,
					optarg);
				return 2;
			}
			break;
		case '1':
			opt.one_fs = true;
			break;
		case 'q':
			quiet = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("%s %s\n", prog, PACKAGE_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (argc - optind != 2) {
		usage(stderr);
		return 2;
	}
	parse_side(&left, "left", argv[optind]);
	parse_side(&right, "right", argv[optind + 1]);
	if (left.kind == SIDE_TAR && right.kind == SIDE_TAR && !strcmp(left.path, "-") &&
	    !strcmp(right.path, "-"))
		die("only one side can be stdin");
	if (fake) {
		if (strcmp(fake, "right"))
			make_fake(&left);
		if (strcmp(fake, "left"))
			make_fake(&right);
	} else if (opt.store_path && left.kind != SIDE_FAKE && right.kind != SIDE_FAKE) {
		if (left.kind == SIDE_TREE && !left.explicit)
			left.kind = SIDE_FAKE;
		else if (right.kind == SIDE_TREE && !right.explicit)
			right.kind = SIDE_FAKE;
		else
			die("--store: no side to read through the store (use fake:DIR or --fake)");
	}

	struct side *sides[2] = { &left, &right };

	for (int k = 0; k < 2; k++) {
		if (sides[k]->kind == SIDE_TAR)
			tar_read(sides[k]);
		else
			tree_read(sides[k]);
	}
	/* A tarball of a directory's contents (tar -C dir -cf t a b) has no
	 * member for the directory itself: then the top is not compared. */
	if (!left.has_top || !right.has_top) {
		drop_top(&left);
		drop_top(&right);
	}
	side_prepare(&left);
	side_prepare(&right);

	for (size_t i = 0, j = 0; i < left.n || j < right.n;) {
		int cmp = i == left.n ? 1 : j == right.n ? -1 : path_cmp(left.e[i].path, right.e[j].path);

		if (cmp < 0) {
			report(left.e[i].path, "type", type_name(left.e[i].type), "(absent)");
			only_left++;
			i++;
		} else if (cmp > 0) {
			report(right.e[j].path, "type", "(absent)", type_name(right.e[j].type));
			only_right++;
			j++;
		} else {
			if (compare(&left.e[i], &right.e[j]))
				different++;
			else
				identical++;
			i++;
			j++;
		}
	}

	total = identical + different + only_left + only_right;
	/* Rounded down: 99.999% is not shown as 100.00%. */
	unsigned long long hundredths = total ? identical * 10000 / total : 10000;

	printf("summary: %llu entries, %llu identical, %llu different, %llu only in left, "
	       "%llu only in right, %llu differences: fidelity %llu.%02llu%%\n",
	       total, identical, different, only_left, only_right, n_diffs, hundredths / 100,
	       hundredths % 100);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "%s: write error on stdout\n", prog);
		return 2;
	}
	if (n_errors) {
		fprintf(stderr, "%s: %d problem%s reading the sides: the comparison is incomplete\n",
			prog, n_errors, n_errors == 1 ? "" : "s");
		return 2;
	}
	return n_diffs ? 1 : 0;
}
