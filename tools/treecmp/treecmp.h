/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/*
 * iamroot-treecmp: what one side of the comparison holds.  A side is read
 * whole into a list of entries (one per path), by tree.c (a directory, read
 * as it is or through the metadata store) or tar.c (a tarball); treecmp.c
 * sorts both lists and compares them path by path.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "sha256.h"

/* The fields, in the order differences are printed. */
enum field {
	F_TYPE,
	F_OWNER,
	F_GROUP,
	F_MODE,
	F_DEV,
	F_TARGET,
	F_SIZE,
	F_CONTENT,
	F_XATTRS,
	F_LINKS,
	F_MTIME,
	F_ATIME,
	F_CTIME,
	F_COUNT
};

struct xattr {
	char *name;
	unsigned char *value;
	size_t size;
};

/* A timestamp and how much of it the side knows. */
enum prec { P_NONE, P_SEC, P_NSEC };
struct when {
	int64_t sec;
	uint32_t nsec;
	enum prec prec;
};

struct entry {
	char *path;		/* relative, normalised: "." is the top */
	uint32_t type;		/* S_IFREG, S_IFDIR, ...: an S_IFMT value */
	uint32_t mode;		/* permission bits, mode & 07777 */
	uint64_t uid, gid;
	unsigned major, minor;	/* char and block devices */
	char *target;		/* symlinks */
	uint64_t size;		/* regular files */
	bool has_digest;	/* regular files, when read and asked for */
	unsigned char digest[SHA256_SIZE];
	struct xattr *x;	/* sorted by name */
	size_t nx;
	struct when mtime, atime, ctime;
	/* Hard links: entries of one side with the same non-zero group are
	 * names of one inode. */
	uint64_t group;
	uint64_t dev, ino;	/* trees: the inode, to find the groups */
	/* Filled by treecmp.c: the names of this entry's inode on its side,
	 * sorted (NULL: just this one). */
	struct linkset *links;
	uint64_t seq;		/* order of reading, for duplicate tar members */
	bool excluded;		/* kept only to resolve hard links (tar) */
};

struct linkset {
	size_t n;
	const char **paths;
};

enum side_kind { SIDE_TREE, SIDE_FAKE, SIDE_TAR };

struct side {
	const char *name;	/* "left" / "right" */
	const char *path;	/* the directory or tarball ("-": stdin) */
	enum side_kind kind;
	bool explicit;		/* kind given by a prefix */
	struct entry *e;
	size_t n, cap;
	bool has_top;		/* holds "." */
	struct linkset *sets;
	size_t nsets;
};

/* Options shared with the readers. */
struct options {
	bool want[F_COUNT];	/* fields compared */
	char **exclude;		/* globs on paths */
	size_t n_exclude;
	char **ignore_xattr;	/* globs on xattr names */
	size_t n_ignore_xattr;
	unsigned strip;		/* --strip-components, tarballs */
	bool one_fs;
	const char *store_path;	/* fake sides */
	bool real_ids;		/* --real-ids given: */
	uid_t real_uid;		/* the user iamroot-run ran as, shown as 0 */
	gid_t real_gid;
};
extern struct options opt;
extern const char *prog;
extern int n_errors;		/* reading problems: the exit status becomes 2 */

/* Say something went wrong with what was read (counted in n_errors). */
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Say it and exit with status 2. */
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* A new entry at the end of the side's list, zeroed, owning path. */
struct entry *side_add(struct side *s, char *path);
void entry_free(struct entry *e);
/* Add an xattr unless ignored (the value is copied). */
void entry_add_xattr(struct entry *e, const char *name, const void *value, size_t size);
/* Sort e->x by name; on a duplicate name, the one added last is kept. */
void entry_sort_xattrs(struct entry *e);

/* path (relative, normalised) is excluded by a --exclude glob. */
bool path_excluded(const char *path);
bool xattr_ignored(const char *name);

/* Normalise an archive or tree name in place: no leading "/" or "./", no
 * "//", "/./" or trailing "/"; the top is ".".  Then drop `strip` leading
 * components; returns false when nothing is left (a member above the top). */
bool path_normalise(char *path, unsigned strip);

/* Readers: fill s, exit through die() when the side cannot be read at all. */
void tree_read(struct side *s);
void tar_read(struct side *s);
