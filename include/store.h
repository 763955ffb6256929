/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/*
 * The metadata store: fake ownership, modes, file types, device numbers and
 * emulated security.* / trusted.* / system.* xattrs, kept across runs.
 *
 * Two places, one rule.  Regular files and directories carry their fake
 * metadata in user xattrs on the file itself, in the iamroot project's format
 * (user.iamroot.uid/gid/mode, raw 4-byte native-endian) plus our additions
 * (user.iamroot.type, user.iamroot.rdev, user.iamroot.<emulated name>).
 * What cannot carry user xattrs (symlinks, fifos, sockets, real device
 * nodes, filesystems without user_xattr, files the real user may not write)
 * goes to the fallback store: an append-only log keyed by (st_dev, st_ino),
 * with the birth time guarding against inode reuse.  A record in the
 * fallback is authoritative for its inode: once an inode is there, it stays
 * there until store_forget().  doc/STORE.md has the exact formats.
 *
 * Errors are -errno; ret_ parameters are untouched on failure.  A failure
 * that needs explaining (a damaged store file, a bad fakeroot save-file
 * line) also leaves a message naming the file in store_error().
 *
 * A struct store is one open file description: not for sharing across
 * fork() (flock() would not exclude the two processes); open another in the
 * child.  It is not thread-safe.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>

#define FM_UID	(1u << 0)	/* uid */
#define FM_GID	(1u << 1)	/* gid */
#define FM_MODE	(1u << 2)	/* permission bits: mode & 07777 */
#define FM_TYPE	(1u << 3)	/* file type: mode & S_IFMT (mknod kept as a plain file) */
#define FM_RDEV	(1u << 4)	/* device number */
#define FM_ALL	(FM_UID | FM_GID | FM_MODE | FM_TYPE | FM_RDEV)

struct fake_meta {
	uint32_t mask;		/* FM_*: which fields are fake */
	uint32_t uid, gid;
	/* store_set: FM_MODE takes mode & 07777, FM_TYPE takes mode & S_IFMT.
	 * store_get: always a full st_mode, the fake parts where masked and the
	 * real ones (from st) elsewhere, ready to put in a stat buffer. */
	uint32_t mode;
	uint64_t rdev;		/* dev_t as makedev() encodes it; store_get: st_rdev when not fake */
};

struct store;

/* Open (creating it, mode 0600, if needed) the fallback store at
 * fallback_path; its directory must exist.  A store the user may only read is
 * opened read-only: lookups work, writes to the fallback give -EROFS.
 * -EBADMSG: the file is damaged or not a store (store_error() says where). */
int store_open(const char *fallback_path, struct store **ret);
/* Always returns NULL; NULL is fine. */
struct store *store_close(struct store *s);
static inline void store_closep(struct store **s)
{
	store_close(*s);
}
#define _cleanup_store_ __attribute__((cleanup(store_closep)))

/* The last failure of this thread explained, naming the file; "" if none. */
const char *store_error(void);

/*
 * The object: path relative to dirfd (AT_FDCWD or a directory fd, any path
 * on the host), or dirfd itself when path is "" (as AT_EMPTY_PATH; an O_PATH
 * fd is fine).  nofollow: a symlink in the last component is the object.
 * st: the caller's stat/lstat of that same object (matching nofollow); its
 * st_dev/st_ino are the fallback key and its st_mode decides whether user
 * xattrs can be used (regular files and directories only).
 */

/* Fake metadata of the object.  ret->mask == 0 when there is none (and
 * ret's other fields are then the real values from st).  Cost: one
 * llistxattr for a regular file or directory without fake metadata, plus
 * one getxattr per fake field; no syscall at all for an inode of another
 * type without a fallback record; a statx (for the birth time) when a
 * fallback record exists. */
int store_get(struct store *s, int dirfd, const char *path, bool nofollow,
	      const struct stat *st, struct fake_meta *ret);
/* Set the fields in m->mask, keep the others. */
int store_set(struct store *s, int dirfd, const char *path, bool nofollow,
	      const struct stat *st, const struct fake_meta *m);
/* Drop the fields in mask: the object shows its real values there again. */
int store_unset(struct store *s, int dirfd, const char *path, bool nofollow,
		const struct stat *st, uint32_t mask);
/* The last link of st's inode is gone: drop its fallback record so that a
 * new file reusing the inode number does not inherit it.  No syscall when the
 * inode has no record. */
int store_forget(struct store *s, const struct stat *st);

/*
 * Emulated xattrs: names in the security., trusted. and system. namespaces
 * (security.capability, security.selinux, system.posix_acl_access, ...).
 * Semantics of the syscalls: get/list return the length (with size 0: the
 * length needed), -ERANGE when size is too small, -ENODATA when absent;
 * set takes XATTR_CREATE / XATTR_REPLACE (-EEXIST / -ENODATA).  A name
 * outside those namespaces gives -EOPNOTSUPP.
 */
bool store_xattr_is_emulated(const char *name);
/* A user.* name holding the store's own data (user.iamroot.*): hidden from
 * the traced program's listxattr, getxattr and removexattr; a setxattr of
 * one goes to the file (a tree of the iamroot project copied in keeps its
 * metadata). */
bool store_xattr_is_internal(const char *name);
/* Remove the internal names from a listxattr(2) result in place; returns
 * the new length. */
size_t store_xattr_filter_list(char *list, size_t len);

ssize_t store_xattr_get(struct store *s, int dirfd, const char *path, bool nofollow,
			const struct stat *st, const char *name, void *value, size_t size);
int store_xattr_set(struct store *s, int dirfd, const char *path, bool nofollow,
		    const struct stat *st, const char *name, const void *value, size_t size,
		    int flags);
/* The emulated names (NUL-terminated, one after the other). */
ssize_t store_xattr_list(struct store *s, int dirfd, const char *path, bool nofollow,
			 const struct stat *st, char *list, size_t size);
int store_xattr_remove(struct store *s, int dirfd, const char *path, bool nofollow,
		       const struct stat *st, const char *name);

/* ---- the fallback store as a whole (for tools/ and the tests) ---- */

struct store_xattr {
	const char *name;
	const void *value;
	size_t size;
};

struct store_entry {
	uint64_t dev, ino;
	bool has_btime;
	int64_t btime_sec;
	uint32_t btime_nsec;
	uint32_t real_mode;	/* st_mode of the real inode when last set; 0: unknown */
	struct fake_meta meta;	/* mode: only the masked bits */
	size_t n_xattrs;
	const struct store_xattr *xattrs;
};

/* Call cb for every live fallback record (after reading what other
 * processes appended).  A non-zero return of cb stops the walk and is
 * returned.  cb must not call the store: e points into its index. */
int store_foreach(struct store *s, int (*cb)(const struct store_entry *e, void *userdata),
		  void *userdata);

struct store_stats {
	uint64_t file_size;	/* bytes, header included */
	uint64_t live_bytes;	/* bytes a compaction would keep (header excluded) */
	size_t entries;		/* inodes with a record */
	unsigned compactions;	/* by this handle */
};
int store_stats(struct store *s, struct store_stats *ret);

/* Rewrite the log with only its live records.  store_set and friends do it
 * by themselves when the log is mostly stale. */
int store_compact(struct store *s);

/*
 * fakeroot(1) save files (faked -s / -i), one line per inode:
 *   dev=%llx,ino=%llu,mode=%llo,uid=%llu,gid=%llu,nlink=%llu,rdev=%llu
 * Export, tree NULL: every fallback record that has fake metadata.  Export
 * with a tree: every inode under tree (not following symlinks, crossing
 * mounts) that has fake metadata, wherever it is kept.  Fields that are not
 * fake are written as fakeroot would show them (uid/gid 0, the real mode).
 * Import, tree NULL: every line becomes a fallback record keyed by its dev
 * and inode, as fakeroot itself keys them.  Import with a tree: only the
 * inodes found under tree, through store_set (so into xattrs where they
 * can go).  in_name names the input in errors.  Both return the number of
 * entries written or imported.
 */
int store_export_fakeroot(struct store *s, FILE *out, const char *tree);
int store_import_fakeroot(struct store *s, FILE *in, const char *in_name, const char *tree);
