/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The metadata store: round trips, the iamroot xattr format byte for byte,
 * the fallback log (symlinks, hard links, renames, inode reuse), concurrent
 * writers, SIGKILL at random points, damage, fakeroot save files.
 *
 * STORE_BENCH=DIR[:DIR...] also prints ns per store_get in each DIR.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "store.h"
#include "util.h"

static char dir[512];
static bool have_user_xattr;
static unsigned serial;

/* A fresh name under the test directory (rotating static buffers). */
static const char *p(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static const char *p(const char *fmt, ...)
{
	static char bufs[8][PATH_MAX];
	static unsigned i;
	char *b = bufs[i++ % 8];
	int n = snprintf(b, PATH_MAX, "%s/", dir);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b + n, PATH_MAX - n, fmt, ap);
	va_end(ap);
	return b;
}

static const char *new_store_path(void)
{
	return p("store-%u", serial++);
}

static void copy_path(char dst[PATH_MAX], const char *src)
{
	snprintf(dst, PATH_MAX, "%s", src);
}

static struct stat lst(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		fail_msg("lstat %s: %m", path);
	return st;
}

static off_t size_of(const char *path)
{
	return lst(path).st_size;
}

static void touch(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	assert_true(fd >= 0);
	close(fd);
}

static void mksymlink(const char *path)
{
	unlink(path);
	assert_int_equal(symlink("target-that-need-not-exist", path), 0);
}

enum kind { K_FILE, K_DIR, K_SYMLINK, K_FIFO };

static void make(enum kind k, const char *path)
{
	switch (k) {
	case K_FILE: touch(path); break;
	case K_DIR: assert_int_equal(mkdir(path, 0755), 0); break;
	case K_SYMLINK: mksymlink(path); break;
	case K_FIFO: assert_int_equal(mkfifo(path, 0644), 0); break;
	}
}

static struct fake_meta get(struct store *s, const char *path)
{
	struct stat st = lst(path);
	struct fake_meta m;
	int r = store_get(s, AT_FDCWD, path, true, &st, &m);

	if (r < 0)
		fail_msg("store_get %s: %s (%s)", path, strerror(-r), store_error());
	return m;
}

static void set(struct store *s, const char *path, const struct fake_meta *m)
{
	struct stat st = lst(path);
	int r = store_set(s, AT_FDCWD, path, true, &st, m);

	if (r < 0)
		fail_msg("store_set %s: %s (%s)", path, strerror(-r), store_error());
}

static void set_uid(struct store *s, const char *path, uint32_t uid)
{
	set(s, path, &(struct fake_meta){ .mask = FM_UID, .uid = uid });
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	return remove(path);
}

/* ---- round trips ---- */

/* Every field on every kind of object, through xattrs or the fallback, in
 * this handle and in a new one (persistence), then unset. */
static void test_roundtrip_each_field(void **state)
{
	static const struct row {
		enum kind kind;
		struct fake_meta m;
		bool via_fallback;
	} rows[] = {
		{ K_FILE, { FM_UID, .uid = 123 }, false },
		{ K_FILE, { FM_GID, .gid = 456 }, false },
		{ K_FILE, { FM_MODE, .mode = 06755 }, false },
		/* a fake type goes to the log, which can be enumerated */
		{ K_FILE, { FM_TYPE | FM_RDEV | FM_MODE, .mode = S_IFCHR | 0620,
			    .rdev = 0 /* set below: makedev(4, 64) */ }, true },
		{ K_FILE, { FM_TYPE | FM_MODE, .mode = S_IFIFO | 0600 }, true },
		{ K_FILE, { FM_ALL, .uid = 0xfffffffe, .gid = 7, .mode = S_IFBLK | 0660,
			    .rdev = 0x123456789abcull }, true },
		{ K_DIR, { FM_UID | FM_GID | FM_MODE, .uid = 1, .gid = 2, .mode = 01777 }, false },
		{ K_SYMLINK, { FM_UID | FM_GID, .uid = 7, .gid = 8 }, true },
		{ K_SYMLINK, { FM_ALL, .uid = 9, .gid = 10, .mode = S_IFLNK | 0777, .rdev = 5 }, true },
		{ K_FIFO, { FM_UID | FM_MODE, .uid = 11, .mode = 0640 }, true },
	};
	char sp[PATH_MAX];

	copy_path(sp, new_store_path());
	struct store *s = NULL, *s2 = NULL;

	assert_int_equal(store_open(sp, &s), 0);
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		const struct row *r = &rows[i];
		struct fake_meta want = r->m, got;
		const char *f = p("rt-%zu", i);
		off_t before;
		struct stat st;

		if (!r->via_fallback && !have_user_xattr)
			continue;
		if (i == 3)
			want.rdev = makedev(4, 64);
		make(r->kind, f);
		st = lst(f);
		before = size_of(sp);
		set(s, f, &want);
		/* Where it went: the log grows only for the fallback. */
		assert_int_equal(size_of(sp) > before, r->via_fallback);

		for (int pass = 0; pass < 2; pass++) {
			struct store *h = s;

			if (pass == 1) {
				assert_int_equal(store_open(sp, &s2), 0);
				h = s2;
			}
			got = get(h, f);
			assert_int_equal(got.mask, want.mask);
			assert_int_equal(got.uid, want.mask & FM_UID ? want.uid : st.st_uid);
			assert_int_equal(got.gid, want.mask & FM_GID ? want.gid : st.st_gid);
			assert_int_equal(got.mode & 07777,
					 want.mask & FM_MODE ? want.mode & 07777 : st.st_mode & 07777);
			assert_int_equal(got.mode & S_IFMT,
					 want.mask & FM_TYPE ? want.mode & S_IFMT : st.st_mode & S_IFMT);
			assert_int_equal(got.rdev, want.mask & FM_RDEV ? want.rdev : st.st_rdev);
			s2 = store_close(s2);
		}

		/* Fields merge: setting one keeps the others. */
		set(s, f, &(struct fake_meta){ .mask = FM_GID, .gid = 99 });
		got = get(s, f);
		assert_int_equal(got.mask, want.mask | FM_GID);
		assert_int_equal(got.gid, 99);
		if (want.mask & FM_UID)
			assert_int_equal(got.uid, want.uid);

		/* Unset, field by field, back to the real values. */
		for (uint32_t bit = 1; bit & FM_ALL; bit <<= 1) {
			assert_int_equal(store_unset(s, AT_FDCWD, f, true, &st, bit), 0);
			assert_int_equal(get(s, f).mask, (want.mask | FM_GID) & ~((bit << 1) - 1));
		}
		got = get(s, f);
		assert_int_equal(got.mode, st.st_mode);
		assert_int_equal(got.uid, st.st_uid);
	}
	store_close(s);
}

/* A file without fake metadata: mask 0 and the real values. */
static void test_nothing_known(void **state)
{
	char sp[PATH_MAX];

	copy_path(sp, new_store_path());
	struct store *s;
	const char *f = p("plain");
	struct fake_meta m;
	struct stat st;

	touch(f);
	mksymlink(p("plain-link"));
	assert_int_equal(store_open(sp, &s), 0);
	st = lst(f);
	m = get(s, f);
	assert_int_equal(m.mask, 0);
	assert_int_equal(m.mode, st.st_mode);
	assert_int_equal(get(s, p("plain-link")).mask, 0);
	/* A path that vanished is an error, not "nothing known". */
	assert_int_equal(store_get(s, AT_FDCWD, p("does-not-exist"), true, &st, &m), -ENOENT);
	store_close(s);
}

/* ---- the iamroot format, byte for byte ---- */

/* The compatibility oracle: values written the way iamroot writes them are
 * read back, and what we write is what iamroot reads. */
static void test_xattr_format_iamroot(void **state)
{
	char sp[PATH_MAX];

	copy_path(sp, new_store_path());
	struct store *s;
	const char *f = p("iamroot-file");
	uint32_t uid = 1234, gid = 5678, mode = 04755, v32;
	uint16_t short_uid = 1;
	uint64_t v64;
	uint8_t raw[16];
	struct fake_meta m;

	if (!have_user_xattr)
		skip();
	touch(f);
	assert_int_equal(lsetxattr(f, "user.iamroot.uid", &uid, 4, 0), 0);
	assert_int_equal(lsetxattr(f, "user.iamroot.gid", &gid, 4, 0), 0);
	assert_int_equal(lsetxattr(f, "user.iamroot.mode", &mode, 4, 0), 0);
	assert_int_equal(store_open(sp, &s), 0);
	m = get(s, f);
	assert_int_equal(m.mask, FM_UID | FM_GID | FM_MODE);
	assert_int_equal(m.uid, 1234);
	assert_int_equal(m.gid, 5678);
	assert_int_equal(m.mode, S_IFREG | 04755);

	/* A value of the wrong size is ignored, as iamroot ignores it. */
	assert_int_equal(lsetxattr(f, "user.iamroot.uid", &short_uid, 2, 0), 0);
	assert_int_equal(get(s, f).mask, FM_GID | FM_MODE);

	/* What we write: raw 4-byte native-endian values, mode without type. */
	set(s, f, &(struct fake_meta){ .mask = FM_UID | FM_GID | FM_MODE | FM_RDEV, .uid = 42,
				       .gid = 43, .mode = 0600, .rdev = makedev(1, 3) });
	assert_int_equal(lgetxattr(f, "user.iamroot.uid", raw, sizeof(raw)), 4);
	memcpy(&v32, raw, 4);
	assert_int_equal(v32, 42);
	assert_int_equal(lgetxattr(f, "user.iamroot.gid", raw, sizeof(raw)), 4);
	memcpy(&v32, raw, 4);
	assert_int_equal(v32, 43);
	assert_int_equal(lgetxattr(f, "user.iamroot.mode", raw, sizeof(raw)), 4);
	memcpy(&v32, raw, 4);
	assert_int_equal(v32, 0600);
	assert_int_equal(lgetxattr(f, "user.iamroot.rdev", raw, sizeof(raw)), 8);
	memcpy(&v64, raw, 8);
	assert_int_equal(v64, makedev(1, 3));
	/* Nothing went to the fallback. */
	assert_int_equal(size_of(sp), 4096);
	/* A fake type does, with what the xattrs held: the log can be walked
	 * for every fake device, which directory listings need. */
	set(s, f, &(struct fake_meta){ .mask = FM_TYPE, .mode = S_IFCHR });
	assert_true(size_of(sp) > 4096);
	m = get(s, f);
	assert_int_equal(m.mask, FM_ALL);
	assert_int_equal(m.uid, 42);
	assert_int_equal(m.mode, S_IFCHR | 0600);

	/* Hidden from the traced program. */
	assert_true(store_xattr_is_internal("user.iamroot.uid"));
	assert_true(store_xattr_is_internal("user.iamroot.security.capability"));
	assert_false(store_xattr_is_internal("user.mime_type"));
	assert_false(store_xattr_is_internal("security.capability"));
	store_close(s);
}

static void test_filter_list(void **state)
{
	static const char in[] = "user.a\0user.iamroot.uid\0security.selinux\0user.iamroot.mode\0"
				 "user.iamrootx\0user.iamroot.security.capability\0";
	static const char want[] = "user.a\0security.selinux\0user.iamrootx\0";
	char buf[sizeof(in)];

	memcpy(buf, in, sizeof(in));
	assert_int_equal(store_xattr_filter_list(buf, sizeof(in) - 1), sizeof(want) - 1);
	assert_memory_equal(buf, want, sizeof(want) - 1);
	assert_int_equal(store_xattr_filter_list(buf, 0), 0);
}

/* ---- emulated xattrs ---- */

static void test_emulated_xattrs(void **state)
{
	static const uint8_t cap[20] = { 0x01, 0x00, 0x00, 0x02, 0x00, 0x20 };
	static const char label[] = "system_u:object_r:bin_t:s0";
	char sp[PATH_MAX];

	copy_path(sp, new_store_path());
	struct store *s;
	const char *objs[] = { p("xa-file"), p("xa-link") };
	char buf[256];
	uint8_t raw[64];

	assert_true(store_xattr_is_emulated("security.capability"));
	assert_true(store_xattr_is_emulated("trusted.overlay.opaque"));
	assert_true(store_xattr_is_emulated("system.posix_acl_access"));
	assert_false(store_xattr_is_emulated("user.foo"));
	assert_false(store_xattr_is_emulated("security."));
	assert_false(store_xattr_is_emulated("securityx.a"));

	touch(objs[0]);
	mksymlink(objs[1]);
	assert_int_equal(store_open(sp, &s), 0);
	for (size_t i = 0; i < ARRAY_SIZE(objs); i++) {
		const char *f = objs[i];
		struct stat st = lst(f);
		bool fallback = i == 1 || !have_user_xattr;
		ssize_t n;

		assert_int_equal(store_xattr_get(s, AT_FDCWD, f, true, &st, "security.capability",
						 buf, sizeof(buf)), -ENODATA);
		assert_int_equal(store_xattr_set(s, AT_FDCWD, f, true, &st, "user.foo", "x", 1, 0),
				 -EOPNOTSUPP);
		assert_int_equal(store_xattr_set(s, AT_FDCWD, f, true, &st, "security.capability",
						 cap, sizeof(cap), XATTR_REPLACE), -ENODATA);
		assert_int_equal(store_xattr_set(s, AT_FDCWD, f, true, &st, "security.capability",
						 cap, sizeof(cap), 0), 0);
		assert_int_equal(store_xattr_set(s, AT_FDCWD, f, true, &st, "security.capability",
						 cap, sizeof(cap), XATTR_CREATE), -EEXIST);
		assert_int_equal(store_xattr_set(s, AT_FDCWD, f, true, &st, "security.selinux",
						 label, sizeof(label), 0), 0);
		/* The iamroot name on the file itself. */
		if (!fallback) {
			assert_int_equal(lgetxattr(f, "user.iamroot.security.capability", raw,
						   sizeof(raw)), sizeof(cap));
			assert_memory_equal(raw, cap, sizeof(cap));
		}
		/* Size 0 asks the length; too small is ERANGE. */
		assert_int_equal(store_xattr_get(s, AT_FDCWD, f, true, &st, "security.capability",
						 NULL, 0), sizeof(cap));
		assert_int_equal(store_xattr_get(s, AT_FDCWD, f, true, &st, "security.capability",
						 buf, 3), -ERANGE);
		assert_int_equal(store_xattr_get(s, AT_FDCWD, f, true, &st, "security.capability",
						 buf, sizeof(buf)), sizeof(cap));
		assert_memory_equal(buf, cap, sizeof(cap));

		n = store_xattr_list(s, AT_FDCWD, f, true, &st, NULL, 0);
		assert_int_equal(n, sizeof("security.capability") + sizeof("security.selinux"));
		assert_int_equal(store_xattr_list(s, AT_FDCWD, f, true, &st, buf, 5), -ERANGE);
		assert_int_equal(store_xattr_list(s, AT_FDCWD, f, true, &st, buf, sizeof(buf)), n);
		assert_true(memmem(buf, n, "security.capability", sizeof("security.capability")));
		assert_true(memmem(buf, n, "security.selinux", sizeof("security.selinux")));

		assert_int_equal(store_xattr_remove(s, AT_FDCWD, f, true, &st, "security.capability"), 0);
		assert_int_equal(store_xattr_remove(s, AT_FDCWD, f, true, &st, "security.capability"),
				 -ENODATA);
		assert_int_equal(store_xattr_get(s, AT_FDCWD, f, true, &st, "security.capability",
						 buf, sizeof(buf)), -ENODATA);
		assert_int_equal(store_xattr_list(s, AT_FDCWD, f, true, &st, buf, sizeof(buf)),
				 sizeof("security.selinux"));

		/* Persisted: a new handle reads the label. */
		struct store *s2;
		assert_int_equal(store_open(sp, &s2), 0);
		assert_int_equal(store_xattr_get(s2, AT_FDCWD, f, true, &st, "security.selinux",
						 buf, sizeof(buf)), sizeof(label));
		assert_string_equal(buf, label);
		store_close(s2);
	}
	store_close(s);
}

/* dirfd + relative path, and an O_PATH descriptor of a symlink with "". */
static void test_dirfd_forms(void **state)
{
	char sp[PATH_MAX];

	copy_path(sp, new_store_path());
	_cleanup_close_ int dfd = -1, lfd = -1;
	struct store *s;
	struct fake_meta m;
	struct stat st;

	assert_int_equal(mkdir(p("dfd"), 0755), 0);
	touch(p("dfd/f"));
	mksymlink(p("dfd/l"));
	dfd = open(p("dfd"), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	lfd = open(p("dfd/l"), O_PATH | O_NOFOLLOW | O_CLOEXEC);
	assert_true(dfd >= 0 && lfd >= 0);
	assert_int_equal(store_open(sp, &s), 0);

	assert_int_equal(fstatat(dfd, "l", &st, AT_SYMLINK_NOFOLLOW), 0);
	assert_int_equal(store_set(s, dfd, "l", true, &st,
				   &(struct fake_meta){ .mask = FM_UID, .uid = 31 }), 0);
	assert_int_equal(store_get(s, lfd, "", true, &st, &m), 0);
	assert_int_equal(m.uid, 31);
	assert_int_equal(get(s, p("dfd/l")).uid, 31);

	if (have_user_xattr) {
		assert_int_equal(fstatat(dfd, "f", &st, AT_SYMLINK_NOFOLLOW), 0);
		assert_int_equal(store_set(s, dfd, "f", true, &st,
					   &(struct fake_meta){ .mask = FM_GID, .gid = 32 }), 0);
		assert_int_equal(get(s, p("dfd/f")).gid, 32);
		_cleanup_close_ int ffd = open(p("dfd/f"), O_PATH | O_CLOEXEC);
		assert_int_equal(store_get(s, ffd, "", true, &st, &m), 0);
		assert_int_equal(m.gid, 32);
	}
	store_close(s);
}

/* ---- the fallback: links, renames, inode reuse ---- */

static void test_hardlinks_share(void **state)
{
	char sp[PATH_MAX];

	copy_path(sp, new_store_path());
	struct store *s;

	assert_int_equal(store_open(sp, &s), 0);
	if (have_user_xattr) {
		touch(p("hl-a"));
		assert_int_equal(link(p("hl-a"), p("hl-b")), 0);
		set_uid(s, p("hl-a"), 500);
		assert_int_equal(get(s, p("hl-b")).uid, 500);
		set_uid(s, p("hl-b"), 501);
		assert_int_equal(get(s, p("hl-a")).uid, 501);
	}
	/* A hard link to a symlink itself (linkat without FOLLOW): the same
	 * inode, the same fallback record. */
	mksymlink(p("hl-l1"));
	assert_int_equal(linkat(AT_FDCWD, p("hl-l1"), AT_FDCWD, p("hl-l2"), 0), 0);
	set_uid(s, p("hl-l1"), 600);
	assert_int_equal(get(s, p("hl-l2")).uid, 600);
	/* One link goes: the other keeps it (the handler forgets only on the
	 * last link). */
	assert_int_equal(unlink(p("hl-l1")), 0);
	assert_int_equal(get(s, p("hl-l2")).uid, 600);
	store_close(s);
}

static void test_rename_keeps(void **state)
{
	char sp[PATH_MAX];

	copy_path(sp, new_store_path());
	struct store *s;

	assert_int_equal(store_open(sp, &s), 0);
	assert_int_equal(mkdir(p("rn-dir"), 0755), 0);
	if (have_user_xattr) {
		touch(p("rn-f"));
		set_uid(s, p("rn-f"), 700);
		assert_int_equal(rename(p("rn-f"), p("rn-dir/g")), 0);
		assert_int_equal(get(s, p("rn-dir/g")).uid, 700);
	}
	mksymlink(p("rn-l"));
	set_uid(s, p("rn-l"), 701);
	assert_int_equal(rename(p("rn-l"), p("rn-dir/m")), 0);
	assert_int_equal(get(s, p("rn-dir/m")).uid, 701);
	store_close(s);
}

/* A new file that gets the inode number of a deleted one must not inherit
 * its record: by store_forget, by the birth time, by the type. */
static void test_inode_reuse_not_inherited(void **state)
{
	char sp[PATH_MAX];

	copy_path(sp, new_store_path());
	struct store *s, *s2;
	struct fake_meta m;
	struct stat a, b;
	bool has_btime;

	assert_int_equal(store_open(sp, &s), 0);

	/* forget: the handler saw the last link go. */
	mksymlink(p("ir-a"));
	set_uid(s, p("ir-a"), 800);
	a = lst(p("ir-a"));
	assert_int_equal(store_forget(s, &a), 0);
	assert_int_equal(get(s, p("ir-a")).mask, 0);
	assert_int_equal(store_open(sp, &s2), 0);	/* persisted too */
	assert_int_equal(get(s2, p("ir-a")).mask, 0);
	s2 = store_close(s2);
	/* Forgetting what is not there costs nothing and is fine. */
	assert_int_equal(store_forget(s, &a), 0);

	/* btime: deleted outside the session, the number reused.  B is
	 * presented with A's (dev, ino), as the kernel would after reuse. */
	set_uid(s, p("ir-a"), 801);
	a = lst(p("ir-a"));
	nanosleep(&(struct timespec){ .tv_nsec = 20 * 1000 * 1000 }, NULL);
	mksymlink(p("ir-b"));
	b = lst(p("ir-b"));
	b.st_dev = a.st_dev;
	b.st_ino = a.st_ino;
	assert_int_equal(store_get(s, AT_FDCWD, p("ir-b"), true, &b, &m), 0);
	{
		struct statx sa;

		assert_int_equal(statx(AT_FDCWD, p("ir-a"), AT_SYMLINK_NOFOLLOW, STATX_BTIME, &sa), 0);
		has_btime = sa.stx_mask & STATX_BTIME;
		if (!has_btime)
			print_message("  (no btime on this filesystem: only forget protects)\n");
		else
			assert_int_equal(m.mask, 0);
	}
	/* Setting on B starts afresh, not merged with A's fields. */
	assert_int_equal(store_set(s, AT_FDCWD, p("ir-b"), true, &b,
				   &(struct fake_meta){ .mask = FM_GID, .gid = 9 }), 0);
	assert_int_equal(store_get(s, AT_FDCWD, p("ir-b"), true, &b, &m), 0);
	assert_int_equal(m.mask, FM_GID);

	/* type: a record about a symlink says nothing about a fifo. */
	mksymlink(p("ir-c"));
	set_uid(s, p("ir-c"), 802);
	a = lst(p("ir-c"));
	assert_int_equal(mkfifo(p("ir-d"), 0600), 0);
	b = lst(p("ir-d"));
	b.st_dev = a.st_dev;
	b.st_ino = a.st_ino;
	assert_int_equal(store_get(s, AT_FDCWD, p("ir-d"), true, &b, &m), 0);
	assert_int_equal(m.mask, 0);

	/* And real reuse, where the filesystem hands the number out again
	 * (ext4 and tmpfs often do at once), without forget. */
	int reused = 0;
	for (int i = 0; i < 20; i++) {
		mksymlink(p("ir-real"));
		a = lst(p("ir-real"));
		set_uid(s, p("ir-real"), 900);
		assert_int_equal(unlink(p("ir-real")), 0);
		mksymlink(p("ir-real"));
		b = lst(p("ir-real"));
		reused += b.st_ino == a.st_ino;
		if (has_btime)
			assert_int_equal(get(s, p("ir-real")).mask, 0);
	}
	print_message("  inode number reused %d times out of 20\n", reused);
	store_close(s);
}

/* A file the real user may not write takes no user xattr (EACCES): its
 * metadata goes to the fallback, which then stays authoritative for it, and
 * an xattr it carries can still be shadowed. */
static void test_unwritable_file_uses_fallback(void **state)
{
	char sp[PATH_MAX];

	copy_path(sp, new_store_path());
	const char *f = p("ro-file");
	uint32_t old_uid = 77;
	struct store *s;
	struct stat st;
	off_t before;
	char buf[8];

	if (geteuid() == 0 || !have_user_xattr)
		skip();		/* root writes anything */
	touch(f);
	assert_int_equal(lsetxattr(f, "user.iamroot.uid", &old_uid, 4, 0), 0);
	assert_int_equal(lsetxattr(f, "user.iamroot.security.selinux", "old", 3, 0), 0);
	assert_int_equal(chmod(f, 0444), 0);
	st = lst(f);
	assert_int_equal(store_open(sp, &s), 0);
	assert_int_equal(get(s, f).uid, 77);
	before = size_of(sp);
	set(s, f, &(struct fake_meta){ .mask = FM_GID, .gid = 78 });
	assert_true(size_of(sp) > before);
	/* Merged with what the xattrs held. */
	assert_int_equal(get(s, f).mask, FM_UID | FM_GID);
	assert_int_equal(get(s, f).uid, 77);
	assert_int_equal(get(s, f).gid, 78);
	/* Writable again: the fallback record still wins. */
	assert_int_equal(chmod(f, 0644), 0);
	set(s, f, &(struct fake_meta){ .mask = FM_UID, .uid = 79 });
	assert_int_equal(get(s, f).uid, 79);
	assert_int_equal(chmod(f, 0444), 0);

	assert_int_equal(store_xattr_remove(s, AT_FDCWD, f, true, &st, "security.selinux"), 0);
	assert_int_equal(store_xattr_get(s, AT_FDCWD, f, true, &st, "security.selinux", buf,
					 sizeof(buf)), -ENODATA);
	assert_int_equal(store_xattr_list(s, AT_FDCWD, f, true, &st, NULL, 0), 0);
	assert_int_equal(lgetxattr(f, "user.iamroot.security.selinux", buf, sizeof(buf)), 3);
	assert_int_equal(store_xattr_set(s, AT_FDCWD, f, true, &st, "security.selinux", "new", 3,
					 XATTR_CREATE), 0);
	assert_int_equal(store_xattr_get(s, AT_FDCWD, f, true, &st, "security.selinux", buf,
					 sizeof(buf)), 3);
	assert_memory_equal(buf, "new", 3);
	store_close(s);
}

/* overlayfs: a copy-up gives the file a new upper inode, so a new birth
 * time, under the same st_dev/st_ino.  The record must survive it. */
static void test_overlay_copy_up_keeps(void **state)
{
	char sp[PATH_MAX];

	copy_path(sp, new_store_path());
	char opts[3 * PATH_MAX];
	const char *m;
	struct store *s;
	struct stat before, after;

	assert_int_equal(mkdir(p("ov-lower"), 0755), 0);
	assert_int_equal(mkdir(p("ov-upper"), 0755), 0);
	assert_int_equal(mkdir(p("ov-work"), 0755), 0);
	assert_int_equal(mkdir(p("ov"), 0755), 0);
	mksymlink(p("ov-lower/l"));
	snprintf(opts, sizeof(opts), "lowerdir=%s,upperdir=%s,workdir=%s", p("ov-lower"),
		 p("ov-upper"), p("ov-work"));
	if (mount("overlay", p("ov"), "overlay", 0, opts) < 0)
		skip();		/* needs root, or a kernel with overlayfs */
	m = p("ov/l");
	assert_int_equal(store_open(sp, &s), 0);
	before = lst(m);
	set_uid(s, m, 4242);
	/* Copy-up: change the symlink's times through the overlay. */
	assert_int_equal(utimensat(AT_FDCWD, m, NULL, AT_SYMLINK_NOFOLLOW), 0);
	after = lst(m);
	lst(p("ov-upper/l"));	/* copied up */
	if (after.st_ino == before.st_ino && after.st_dev == before.st_dev)
		assert_int_equal(get(s, m).uid, 4242);
	else
		print_message("  (this overlay changed the inode number on copy-up)\n");
	store_close(s);
}

static int unmount_overlay(void **state)
{
	umount(p("ov"));
	return 0;
}

/* A store the user may only read: lookups work, writes say EROFS. */
static void test_readonly_store(void **state)
{
	char sp[PATH_MAX];

	copy_path(sp, new_store_path());
	struct store *s;
	struct stat st;

	if (geteuid() == 0)
		skip();
	mksymlink(p("rd-l"));
	assert_int_equal(store_open(sp, &s), 0);
	set_uid(s, p("rd-l"), 66);
	store_close(s);
	assert_int_equal(chmod(sp, 0444), 0);
	assert_int_equal(store_open(sp, &s), 0);
	assert_int_equal(get(s, p("rd-l")).uid, 66);
	st = lst(p("rd-l"));
	assert_int_equal(store_set(s, AT_FDCWD, p("rd-l"), true, &st,
				   &(struct fake_meta){ .mask = FM_UID, .uid = 1 }), -EROFS);
	assert_non_null(strstr(store_error(), sp));
	store_close(s);
}

/* ---- several handles, several processes ---- */

static void test_two_handles_see_each_other(void **state)
{
	char sp[PATH_MAX];

	copy_path(sp, new_store_path());
	struct store *a, *b;
	struct store_stats st;

	assert_int_equal(store_open(sp, &a), 0);
	assert_int_equal(store_open(sp, &b), 0);
	mksymlink(p("tw-1"));
	set_uid(a, p("tw-1"), 1);
	assert_int_equal(get(b, p("tw-1")).uid, 1);
	set_uid(b, p("tw-1"), 2);
	assert_int_equal(get(a, p("tw-1")).uid, 2);
	/* A compacts; B follows to the new file and its writes reach A. */
	assert_int_equal(store_compact(a), 0);
	assert_int_equal(get(b, p("tw-1")).uid, 2);
	set_uid(b, p("tw-1"), 3);
	assert_int_equal(get(a, p("tw-1")).uid, 3);
	assert_int_equal(store_stats(a, &st), 0);
	assert_int_equal(st.entries, 1);
	assert_int_equal(st.compactions, 1);
	store_close(a);
	store_close(b);
}

static void test_compaction(void **state)
{
	char sp[PATH_MAX];

	copy_path(sp, new_store_path());
	struct store *s, *s2;
	struct store_stats st;

	assert_int_equal(store_open(sp, &s), 0);
	for (int i = 0; i < 8; i++)
		mksymlink(p("cp-%d", i));
	for (int round = 0; round < 400; round++)
		for (int i = 0; i < 8; i++)
			set_uid(s, p("cp-%d", i), (uint32_t)(round * 8 + i));
	assert_int_equal(store_stats(s, &st), 0);
	assert_true(st.compactions > 0);
	assert_int_equal(st.entries, 8);
	assert_true(st.file_size < 4096 + 64 * 1024 + 8 * 72);
	{
		char tmp[PATH_MAX + 16];

		snprintf(tmp, sizeof(tmp), "%s.compact", sp);
		assert_int_equal(access(tmp, F_OK), -1);
	}
	assert_int_equal(store_open(sp, &s2), 0);
	for (int i = 0; i < 8; i++)
		assert_int_equal(get(s2, p("cp-%d", i)).uid, 399 * 8 + i);
	store_close(s2);
	store_close(s);
}

/* Wait on a pipe until the parent says go, so that writers overlap. */
static void wait_go(int fd)
{
	char c;

	if (read(fd, &c, 1) != 1)
		_exit(90);
}

#define NWRITERS 2
#define PER_WRITER 1000

/* Two processes append 1000 records each to one store: all 2000 are there,
 * seen by a handle that was open all along and by a new one. */
static void test_concurrent_writers(void **state)
{
	char sp[PATH_MAX];

	copy_path(sp, new_store_path());
	struct store *watcher, *s2;
	int go[2];
	pid_t pids[NWRITERS];

	assert_int_equal(mkdir(p("cw"), 0755), 0);
	for (int i = 0; i < NWRITERS * PER_WRITER; i++)
		mksymlink(p("cw/%d", i));
	assert_int_equal(store_open(sp, &watcher), 0);
	assert_int_equal(pipe(go), 0);
	for (int w = 0; w < NWRITERS; w++) {
		pids[w] = fork();
		assert_true(pids[w] >= 0);
		if (pids[w] == 0) {
			struct store *s;

			close(go[1]);
			wait_go(go[0]);
			if (store_open(sp, &s) < 0)
				_exit(91);
			for (int i = w * PER_WRITER; i < (w + 1) * PER_WRITER; i++) {
				struct stat st;
				char path[PATH_MAX];

				snprintf(path, sizeof(path), "%s/cw/%d", dir, i);
				if (lstat(path, &st) < 0 ||
				    store_set(s, AT_FDCWD, path, true, &st,
					      &(struct fake_meta){ .mask = FM_UID | FM_GID,
								   .uid = (uint32_t)i,
								   .gid = (uint32_t)w }) < 0)
					_exit(92);
			}
			store_close(s);
			_exit(0);
		}
	}
	close(go[0]);
	assert_int_equal(write(go[1], "gg", NWRITERS), NWRITERS);
	close(go[1]);
	for (int w = 0; w < NWRITERS; w++) {
		int status;

		assert_int_equal(waitpid(pids[w], &status, 0), pids[w]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_int_equal(store_open(sp, &s2), 0);
	for (int i = 0; i < NWRITERS * PER_WRITER; i++) {
		struct fake_meta a = get(watcher, p("cw/%d", i)), b = get(s2, p("cw/%d", i));

		assert_int_equal(a.uid, i);
		assert_int_equal(a.gid, i / PER_WRITER);
		assert_int_equal(b.uid, i);
	}
	assert_int_equal(size_of(sp), 4096 + NWRITERS * PER_WRITER * 72);
	store_close(s2);
	store_close(watcher);
}

/* Two processes rewrite the same inodes over and over: compactions happen
 * while the other appends; nothing is lost, every value is one of the
 * writers' last ones. */
static void test_concurrent_compaction(void **state)
{
	char sp[PATH_MAX];

	copy_path(sp, new_store_path());
	struct store *s;
	struct store_stats st;
	pid_t pids[NWRITERS];
	int go[2];
	enum { N = 50, ROUNDS = 60 };

	assert_int_equal(mkdir(p("cc"), 0755), 0);
	for (int i = 0; i < N; i++)
		mksymlink(p("cc/%d", i));
	assert_int_equal(pipe(go), 0);
	for (int w = 0; w < NWRITERS; w++) {
		pids[w] = fork();
		assert_true(pids[w] >= 0);
		if (pids[w] == 0) {
			struct store *c;

			close(go[1]);
			wait_go(go[0]);
			if (store_open(sp, &c) < 0)
				_exit(91);
			for (int r = 0; r < ROUNDS; r++)
				for (int i = 0; i < N; i++) {
					struct stat lst_;
					char path[PATH_MAX];

					snprintf(path, sizeof(path), "%s/cc/%d", dir, i);
					if (lstat(path, &lst_) < 0 ||
					    store_set(c, AT_FDCWD, path, true, &lst_,
						      &(struct fake_meta){ .mask = FM_UID,
									   .uid = (uint32_t)(w * 1000000 + r) }) < 0)
						_exit(92);
				}
			store_stats(c, &st);
			store_close(c);
			_exit(st.compactions ? 0 : 93);
		}
	}
	close(go[0]);
	assert_int_equal(write(go[1], "gg", NWRITERS), NWRITERS);
	close(go[1]);
	for (int w = 0; w < NWRITERS; w++) {
		int status;

		assert_int_equal(waitpid(pids[w], &status, 0), pids[w]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_int_equal(store_open(sp, &s), 0);
	for (int i = 0; i < N; i++) {
		uint32_t uid = get(s, p("cc/%d", i)).uid;

		assert_true(uid == ROUNDS - 1 || uid == 1000000 + ROUNDS - 1);
	}
	assert_int_equal(store_stats(s, &st), 0);
	assert_int_equal(st.entries, N);
	store_close(s);
}

/* A writer SIGKILLed at random points (in the middle of an append, of a
 * compaction, anywhere): every store_set that returned is there, and the
 * store opens without complaint. */
static void test_sigkill_loses_nothing_returned(void **state)
{
	char sp[PATH_MAX];

	copy_path(sp, new_store_path());
	volatile int64_t *last;
	enum { N = 64, ITER = 50 };
	int64_t total = 0, covered = 0;
	int in_compaction = 0;
	char tmp[PATH_MAX + 16];

	snprintf(tmp, sizeof(tmp), "%s.compact", sp);
	unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();

	print_message("  seed %u\n", seed);
	srand(seed);
	assert_int_equal(mkdir(p("sk"), 0755), 0);
	for (int i = 0; i < N; i++)
		mksymlink(p("sk/%d", i));
	last = mmap(NULL, sizeof(*last), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	assert_true(last != MAP_FAILED);

	for (int it = 0; it < ITER; it++) {
		int64_t base = (int64_t)it * 1000000, done;
		struct store *s;
		struct store_stats st;
		int status;
		pid_t pid;

		*last = -1;
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			struct store *c;

			if (store_open(sp, &c) < 0)
				_exit(91);
			for (int64_t seq = base;; seq++) {
				struct stat lst_;
				char path[PATH_MAX];

				snprintf(path, sizeof(path), "%s/sk/%d", dir, (int)(seq % N));
				if (lstat(path, &lst_) < 0 ||
				    store_set(c, AT_FDCWD, path, true, &lst_,
					      &(struct fake_meta){ .mask = FM_UID,
								   .uid = (uint32_t)seq }) < 0)
					_exit(92);
				__atomic_store_n(last, seq, __ATOMIC_SEQ_CST);
			}
		}
		usleep((useconds_t)(rand() % 20000));
		kill(pid, SIGKILL);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		if (!WIFSIGNALED(status))
			fail_msg("writer exited with %d before the kill (%s)", WEXITSTATUS(status),
				 "see store_error in the child");
		done = __atomic_load_n(last, __ATOMIC_SEQ_CST);
		total += done >= base ? done - base + 1 : 0;
		/* Killed while compacting: its half-written new file is left. */
		in_compaction += unlink(tmp) == 0;
		if (done - base + 1 > covered)
			covered = done - base + 1 < N ? done - base + 1 : N;

		if (store_open(sp, &s) < 0)
			fail_msg("iteration %d: %s", it, store_error());
		for (int64_t seq = done - N + 1 > base ? done - N + 1 : base; seq <= done; seq++) {
			uint32_t got = get(s, p("sk/%d", (int)(seq % N))).uid;

			/* seq+N may have landed too (returned, not yet counted)
			 * only if it is done+1. */
			if (got != (uint32_t)seq && !(seq + N == done + 1 && got == (uint32_t)(done + 1)))
				fail_msg("iteration %d: set %lld returned, store has %u", it,
					 (long long)seq, got);
		}
		assert_int_equal(store_stats(s, &st), 0);
		/* Symlinks set so far, maybe one more not yet counted. */
		assert_true((int64_t)st.entries >= covered && (int64_t)st.entries <= covered + 1);
		store_close(s);
	}
	print_message("  %lld sets returned before %d kills, %d of them during a compaction\n",
		      (long long)total, ITER, in_compaction);
	munmap((void *)last, sizeof(*last));
}

/* ---- damage ---- */

/* A store of three symlink records; returns the path and the offsets. */
static const char *three_records(void)
{
	const char *sp = new_store_path();
	struct store *s;

	assert_int_equal(store_open(sp, &s), 0);
	for (int i = 0; i < 3; i++) {
		mksymlink(p("dm-%d", i));
		set_uid(s, p("dm-%d", i), (uint32_t)(100 + i));
	}
	store_close(s);
	assert_int_equal(size_of(sp), 4096 + 3 * 72);
	return sp;
}

static void patch(const char *path, off_t off, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, data, len, off), (ssize_t)len);
	close(fd);
}

/* Remove len bytes at off, shifting the rest down. */
static void cut(const char *path, off_t off, size_t len)
{
	_cleanup_free_ char *buf = NULL;
	off_t size = size_of(path);
	int fd = open(path, O_RDWR | O_CLOEXEC);

	assert_true(fd >= 0);
	buf = malloc(size);
	assert_int_equal(pread(fd, buf, size, 0), size);
	memmove(buf + off, buf + off + len, size - off - len);
	assert_int_equal(ftruncate(fd, 0), 0);
	assert_int_equal(pwrite(fd, buf, size - len, 0), size - (off_t)len);
	close(fd);
}

/* The record checksum, computed here independently of the store. */
static void fix_crc(const char *path, off_t off, size_t len)
{
	uint8_t rec[256];
	uint32_t c = ~0u;
	int fd = open(path, O_RDWR | O_CLOEXEC);

	assert_true(fd >= 0 && len <= sizeof(rec));
	assert_int_equal(pread(fd, rec, len, off), (ssize_t)len);
	for (size_t i = 0; i < len; i++) {
		if (i >= 8 && i < 12)
			continue;
		c ^= rec[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (c & 1 ? 0x82f63b78u : 0);
	}
	c = ~c;
	assert_int_equal(pwrite(fd, &c, 4, off + 8), 4);
	close(fd);
}

static void test_damaged_store_is_an_error(void **state)
{
	static const struct row {
		const char *what;
		enum { PATCH, CUT, REPLACE } how;
		off_t off;
		const char *bytes;
		size_t len;
		const char *says;
		bool fix_crc;	/* only the patched field is wrong */
	} rows[] = {
		{ "bad magic", PATCH, 0, "X", 1, "bad magic", false },
		{ "header damaged", PATCH, 9, "\x7f", 1, "header", false },
		{ "other byte order", PATCH, 16, "\x01\x02\x03\x04", 4, "byte order", false },
		{ "checksum, middle record", PATCH, 4096 + 72 + 60, "\xff", 1, "bad checksum", false },
		{ "checksum, last record", PATCH, 4096 + 144 + 60, "\xff", 1, "bad checksum", false },
		{ "length, middle record", PATCH, 4096 + 72, "\x50", 1, "bad record length", false },
		{ "truncated record in the middle", CUT, 4096 + 72 + 30, NULL, 16, "offset 4168", false },
		{ "unknown record type", PATCH, 4096 + 72 + 12, "\x09", 1, "unknown type 9", true },
		{ "not a store at all", REPLACE, 0, "hello, world\n", 13, "not an iamroot-run store", false },
		{ "a big file that is not a store", REPLACE, 0, NULL, 8192, "bad magic", false },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		const struct row *r = &rows[i];
		char sp[PATH_MAX];

	copy_path(sp, three_records());
		struct store *s = (struct store *)0x1;
		int ret;

		if (r->how == PATCH)
			patch(sp, r->off, r->bytes, r->len);
		else if (r->how == CUT)
			cut(sp, r->off, r->len);
		else {
			_cleanup_free_ char *junk = calloc(1, r->len);
			int fd = open(sp, O_WRONLY | O_TRUNC | O_CLOEXEC);

			memset(junk, 'j', r->len);
			assert_int_equal(write(fd, r->bytes ? r->bytes : junk, r->len), (ssize_t)r->len);
			close(fd);
		}
		if (r->fix_crc)
			fix_crc(sp, 4096 + 72, 72);
		ret = store_open(sp, &s);
		if (ret != -EBADMSG)
			fail_msg("%s: store_open gave %d, want -EBADMSG", r->what, ret);
		assert_ptr_equal(s, (struct store *)0x1);	/* untouched */
		if (!strstr(store_error(), sp))
			fail_msg("%s: error does not name the file: %s", r->what, store_error());
		if (r->says && !strstr(store_error(), r->says))
			fail_msg("%s: error says \"%s\"", r->what, store_error());
		print_message("  %-32s %s\n", r->what, store_error());
	}
}

/* The write in progress when the writer was killed: ignored, then cut off
 * by the next writer; zeros after a power loss likewise. */
static void test_truncated_last_record_tolerated(void **state)
{
	static const size_t cuts[] = { 1, 4, 7, 8, 9, 40, 48, 71 };

	for (size_t i = 0; i < ARRAY_SIZE(cuts) + 1; i++) {
		char sp[PATH_MAX];

	copy_path(sp, three_records());
		struct store *s;

		if (i < ARRAY_SIZE(cuts))
			assert_int_equal(truncate(sp, 4096 + 3 * 72 - cuts[i]), 0);
		else {
			static const char zeros[200];
			int fd = open(sp, O_WRONLY | O_APPEND | O_CLOEXEC);

			assert_int_equal(write(fd, zeros, sizeof(zeros)), sizeof(zeros));
			close(fd);
		}
		if (store_open(sp, &s) < 0)
			fail_msg("cut %zu: %s", i, store_error());
		assert_int_equal(get(s, p("dm-0")).uid, 100);
		assert_int_equal(get(s, p("dm-1")).uid, 101);
		assert_int_equal(get(s, p("dm-2")).mask,
				 i < ARRAY_SIZE(cuts) ? 0 : FM_UID);
		/* The next append cuts the torn tail off and stays readable. */
		set_uid(s, p("dm-2"), 202);
		store_close(s);
		assert_int_equal(size_of(sp), 4096 + (i < ARRAY_SIZE(cuts) ? 3 : 4) * 72);
		assert_int_equal(store_open(sp, &s), 0);
		assert_int_equal(get(s, p("dm-2")).uid, 202);
		store_close(s);
	}
}

/* A compactor killed after flagging its file but before the rename: the
 * file still at the path is used, and the next writer clears the flag. */
static void test_dead_compactor_flag(void **state)
{
	char sp[PATH_MAX];

	copy_path(sp, three_records());
	uint32_t one = 1, flag;
	struct store *s;
	int fd;

	patch(sp, 32, &one, 4);
	assert_int_equal(store_open(sp, &s), 0);
	assert_int_equal(get(s, p("dm-1")).uid, 101);
	set_uid(s, p("dm-1"), 111);
	fd = open(sp, O_RDONLY | O_CLOEXEC);
	assert_int_equal(pread(fd, &flag, 4, 32), 4);
	close(fd);
	assert_int_equal(flag, 0);
	assert_int_equal(get(s, p("dm-1")).uid, 111);
	store_close(s);
}

/* An empty file (a creator killed before its header) becomes a store. */
static void test_torn_creation(void **state)
{
	char sp[PATH_MAX];

	copy_path(sp, new_store_path());
	struct store *s;
	uint8_t prefix[10];
	int fd;

	assert_int_equal(store_open(sp, &s), 0);
	store_close(s);
	fd = open(sp, O_RDWR | O_CLOEXEC);
	assert_int_equal(pread(fd, prefix, sizeof(prefix), 0), sizeof(prefix));
	assert_int_equal(ftruncate(fd, 0), 0);
	close(fd);
	assert_int_equal(store_open(sp, &s), 0);
	store_close(s);
	fd = open(sp, O_RDWR | O_TRUNC | O_CLOEXEC);
	assert_int_equal(write(fd, prefix, sizeof(prefix)), sizeof(prefix));
	close(fd);
	assert_int_equal(store_open(sp, &s), 0);
	assert_int_equal(size_of(sp), 4096);
	store_close(s);
}

/* ---- fakeroot save files ---- */

struct collected {
	struct store_entry e[64];
	size_t n;
};

static int collect(const struct store_entry *e, void *ud)
{
	struct collected *c = ud;

	if (c->n < ARRAY_SIZE(c->e)) {
		c->e[c->n] = *e;
		c->e[c->n].xattrs = NULL;
		c->e[c->n++].n_xattrs = 0;
	}
	return 0;
}

static const struct store_entry *find(const struct collected *c, uint64_t dev, uint64_t ino)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->e[i].dev == dev && c->e[i].ino == ino)
			return &c->e[i];
	return NULL;
}

static void test_fakeroot_roundtrip(void **state)
{
	char sp[PATH_MAX];

	copy_path(sp, new_store_path());
	char sp2[PATH_MAX];

	copy_path(sp2, new_store_path());
	_cleanup_free_ char *text = NULL;
	struct collected a = { 0 }, b = { 0 };
	struct store *s, *s2;
	size_t len = 0;
	FILE *f;

	assert_int_equal(store_open(sp, &s), 0);
	mksymlink(p("fr-l"));
	assert_int_equal(mkfifo(p("fr-p"), 0600), 0);
	set(s, p("fr-l"), &(struct fake_meta){ .mask = FM_UID | FM_GID, .uid = 5, .gid = 6 });
	set(s, p("fr-p"), &(struct fake_meta){ .mask = FM_ALL, .uid = 0, .gid = 0,
					       .mode = S_IFCHR | 0640, .rdev = makedev(10, 200) });
	f = open_memstream(&text, &len);
	assert_int_equal(store_export_fakeroot(s, f, NULL), 2);
	fclose(f);
	print_message("%s", text);
	{
		struct stat l = lst(p("fr-l"));
		char line[256];

		snprintf(line, sizeof(line), "dev=%llx,ino=%llu,mode=120777,uid=5,gid=6,nlink=1,rdev=0\n",
			 (unsigned long long)l.st_dev, (unsigned long long)l.st_ino);
		assert_non_null(strstr(text, line));
	}

	assert_int_equal(store_open(sp2, &s2), 0);
	f = fmemopen(text, len, "r");
	assert_int_equal(store_import_fakeroot(s2, f, "memory", NULL), 2);
	fclose(f);
	assert_int_equal(store_foreach(s, collect, &a), 0);
	assert_int_equal(store_foreach(s2, collect, &b), 0);
	assert_int_equal(a.n, 2);
	assert_int_equal(b.n, 2);
	for (size_t i = 0; i < a.n; i++) {
		const struct store_entry *x = &a.e[i], *y = find(&b, x->dev, x->ino);

		assert_non_null(y);
		assert_int_equal(x->meta.uid, y->meta.uid);
		assert_int_equal(x->meta.gid, y->meta.gid);
		assert_int_equal(x->meta.rdev, y->meta.rdev);
	}
	/* Through the lookup as well: the fifo shows as the char device. */
	{
		struct fake_meta m = get(s2, p("fr-p"));

		assert_int_equal(m.mode, S_IFCHR | 0640);
		assert_int_equal(m.rdev, makedev(10, 200));
		assert_int_equal(get(s2, p("fr-l")).uid, 5);
	}

	/* With a tree: metadata wherever it is held, and back through store_set. */
	if (have_user_xattr) {
		_cleanup_free_ char *t2 = NULL;
		size_t l2 = 0;
		struct fake_meta m;

		assert_int_equal(mkdir(p("fr-tree"), 0755), 0);
		touch(p("fr-tree/dev"));
		set(s, p("fr-tree/dev"), &(struct fake_meta){ .mask = FM_ALL, .uid = 0, .gid = 6,
							      .mode = S_IFBLK | 0660,
							      .rdev = makedev(8, 1) });
		assert_int_equal(link(p("fr-tree/dev"), p("fr-tree/dev2")), 0);
		assert_int_equal(rename(p("fr-l"), p("fr-tree/l")), 0);
		f = open_memstream(&t2, &l2);
		assert_int_equal(store_export_fakeroot(s, f, p("fr-tree")), 2);
		fclose(f);
		print_message("%s", t2);
		struct stat dst = lst(p("fr-tree/dev"));

		assert_int_equal(store_unset(s, AT_FDCWD, p("fr-tree/dev"), true, &dst, FM_ALL), 0);
		assert_int_equal(get(s, p("fr-tree/dev")).mask, 0);
		f = fmemopen(t2, l2, "r");
		assert_int_equal(store_import_fakeroot(s, f, "memory", p("fr-tree")), 2);
		fclose(f);
		m = get(s, p("fr-tree/dev2"));
		assert_int_equal(m.mode, S_IFBLK | 0660);
		assert_int_equal(m.rdev, makedev(8, 1));
		assert_int_equal(m.gid, 6);
		/* a fake device lives in the log, which listings can walk */
		assert_int_equal(lgetxattr(p("fr-tree/dev"), "user.iamroot.gid", NULL, 0), -1);
	}

	/* A bad line: an error naming the input and the line. */
	{
		static const char bad[] = "dev=fe00,ino=1,mode=100644,uid=0,gid=0,nlink=1,rdev=0\n"
					  "dev=fe00,ino=2,mode=100644,uid=-1,gid=0,nlink=1,rdev=0\n";

		f = fmemopen((void *)bad, sizeof(bad) - 1, "r");
		assert_int_equal(store_import_fakeroot(s2, f, "saved.db", NULL), -EBADMSG);
		fclose(f);
		assert_non_null(strstr(store_error(), "saved.db:2"));
	}
	store_close(s);
	store_close(s2);
}

/* A save file written by the real fakeroot, imported and looked up. */
static void test_fakeroot_real_save_file(void **state)
{
	char sp[PATH_MAX];

	copy_path(sp, new_store_path());
	char cmd[3 * PATH_MAX];
	struct store *s;
	struct fake_meta m;
	FILE *f;
	int n;

	if (system("command -v fakeroot >/dev/null 2>&1") != 0)
		skip();
	assert_int_equal(mkdir(p("frr"), 0755), 0);
	snprintf(cmd, sizeof(cmd), "cd %s/frr && fakeroot -s %s/frr.save -- sh -c "
		 "'touch x; chown 1:2 x; chmod 4751 x; mknod c c 4 5; "
		 "ln -s x s; chown -h 7:8 s; mkfifo p; chown 3:4 p' >/dev/null 2>&1", dir, dir);
	if (system(cmd) != 0)
		skip();
	assert_int_equal(store_open(sp, &s), 0);
	f = fopen(p("frr.save"), "r");
	assert_non_null(f);
	n = store_import_fakeroot(s, f, p("frr.save"), NULL);
	fclose(f);
	if (n < 0)
		fail_msg("import: %s", store_error());
	assert_true(n >= 4);

	m = get(s, p("frr/x"));
	assert_int_equal(m.uid, 1);
	assert_int_equal(m.gid, 2);
	assert_int_equal(m.mode, S_IFREG | 04751);
	m = get(s, p("frr/c"));
	assert_int_equal(m.mode & S_IFMT, S_IFCHR);
	assert_int_equal(m.rdev, makedev(4, 5));
	assert_int_equal(m.uid, 0);
	m = get(s, p("frr/s"));
	assert_int_equal(m.uid, 7);
	assert_int_equal(m.gid, 8);
	assert_int_equal(m.mode & S_IFMT, S_IFLNK);
	m = get(s, p("frr/p"));
	assert_int_equal(m.uid, 3);
	assert_int_equal(m.mode & S_IFMT, S_IFIFO);
	store_close(s);
}

/* ---- measurements (STORE_BENCH=DIR[:DIR]) ---- */

static double now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e9 + t.tv_nsec;
}

static double ns_per_get(struct store *s, const char *path, int n)
{
	struct stat st = lst(path);
	struct fake_meta m;
	double best = 1e18;

	for (int rep = 0; rep < 5; rep++) {
		double t = now_ns();

		for (int i = 0; i < n; i++)
			if (store_get(s, AT_FDCWD, path, true, &st, &m) < 0)
				fail_msg("store_get %s", path);
		t = (now_ns() - t) / n;
		if (t < best)
			best = t;
	}
	return best;
}

static void test_bench(void **state)
{
	const char *env = getenv("STORE_BENCH");
	_cleanup_free_ char *dirs = NULL;

	if (!env)
		skip();
	dirs = strdup(env);
	for (char *d = strtok(dirs, ":"); d; d = strtok(NULL, ":")) {
		char tmpl[512], f[PATH_MAX], l[PATH_MAX], sp[PATH_MAX];
		struct store *s;

		if ((size_t)snprintf(tmpl, sizeof(tmpl), "%s/store-bench.XXXXXX", d) >= sizeof(tmpl))
			fail_msg("%s: too long", d);
		assert_non_null(mkdtemp(tmpl));
		snprintf(sp, sizeof(sp), "%s/store", tmpl);
		snprintf(f, sizeof(f), "%s/f", tmpl);
		snprintf(l, sizeof(l), "%s/l", tmpl);
		touch(f);
		assert_int_equal(symlink("x", l), 0);
		assert_int_equal(store_open(sp, &s), 0);
		/* A fallback of realistic size: 10,000 other records. */
		for (int i = 0; i < 10000; i++) {
			char o[PATH_MAX];

			snprintf(o, sizeof(o), "%s/o%d", tmpl, i);
			assert_int_equal(symlink("x", o), 0);
			set_uid(s, o, (uint32_t)i);
		}
		print_message("  %s: file, none %.0f ns", d, ns_per_get(s, f, 200000));
		print_message("; symlink, none %.0f ns", ns_per_get(s, l, 200000));
		set(s, f, &(struct fake_meta){ .mask = FM_UID | FM_GID | FM_MODE, .uid = 1, .gid = 2,
					       .mode = 0755 });
		set(s, l, &(struct fake_meta){ .mask = FM_UID | FM_GID, .uid = 1, .gid = 2 });
		print_message("; file, uid+gid+mode %.0f ns", ns_per_get(s, f, 200000));
		print_message("; symlink, uid+gid %.0f ns\n", ns_per_get(s, l, 200000));
		{
			struct stat st = lst(f), lt = lst(l);
			double t = now_ns();

			for (int i = 0; i < 2000; i++)
				assert_int_equal(store_set(s, AT_FDCWD, l, true, &lt,
							   &(struct fake_meta){ .mask = FM_UID, .uid = (uint32_t)i }), 0);
			print_message("  %s: store_set, fallback %.0f ns", d, (now_ns() - t) / 2000);
			t = now_ns();
			for (int i = 0; i < 2000; i++)
				assert_int_equal(store_set(s, AT_FDCWD, f, true, &st,
							   &(struct fake_meta){ .mask = FM_UID, .uid = (uint32_t)i }), 0);
			print_message("; store_set, xattr %.0f ns\n", (now_ns() - t) / 2000);
		}
		store_close(s);
		nftw(tmpl, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	}
}

/* ---- set-up ---- */

static int setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	char probe[PATH_MAX];
	uint32_t v = 1;

	snprintf(dir, sizeof(dir), "%s/test-store.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return -1;
	snprintf(probe, sizeof(probe), "%s/probe", dir);
	close(open(probe, O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
	have_user_xattr = lsetxattr(probe, "user.probe", &v, sizeof(v), 0) == 0;
	if (!have_user_xattr)
		print_message("  %s has no user xattrs: the fallback holds everything\n", dir);
	unlink(probe);
	return 0;
}

static int teardown(void **state)
{
	if (!getenv("STORE_KEEP"))
		nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip_each_field),
		cmocka_unit_test(test_nothing_known),
		cmocka_unit_test(test_xattr_format_iamroot),
		cmocka_unit_test(test_filter_list),
		cmocka_unit_test(test_emulated_xattrs),
		cmocka_unit_test(test_dirfd_forms),
		cmocka_unit_test(test_hardlinks_share),
		cmocka_unit_test(test_rename_keeps),
		cmocka_unit_test(test_inode_reuse_not_inherited),
		cmocka_unit_test(test_unwritable_file_uses_fallback),
		cmocka_unit_test(test_readonly_store),
		cmocka_unit_test_teardown(test_overlay_copy_up_keeps, unmount_overlay),
		cmocka_unit_test(test_two_handles_see_each_other),
		cmocka_unit_test(test_compaction),
		cmocka_unit_test(test_concurrent_writers),
		cmocka_unit_test(test_concurrent_compaction),
		cmocka_unit_test(test_sigkill_loses_nothing_returned),
		cmocka_unit_test(test_damaged_store_is_an_error),
		cmocka_unit_test(test_truncated_last_record_tolerated),
		cmocka_unit_test(test_dead_compactor_flag),
		cmocka_unit_test(test_torn_creation),
		cmocka_unit_test(test_fakeroot_roundtrip),
		cmocka_unit_test(test_fakeroot_real_save_file),
		cmocka_unit_test(test_bench),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
