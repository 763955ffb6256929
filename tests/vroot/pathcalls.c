/* pathcalls: one call of every path-taking family on guest paths, one line
 * per call.  Everything happens under /vroot-pc, a directory the guest root
 * can have and the host's / cannot (an unprivileged user cannot create it),
 * so a call that reached the host instead of the guest shows as an error.
 * Run from / of the guest root; the caller compares the transcript with the
 * same program under a real chroot. */
#include "vroot-prog.h"

#include <linux/stat.h>
#include <sys/inotify.h>
#include <sys/statfs.h>
#include <sys/time.h>
#include <sys/xattr.h>

#ifndef AT_EACCESS
#define AT_EACCESS 0x200
#endif
#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
#endif

/* " size=N", except for directories, whose size depends on the file
 * system.  Owners are not shown: this test is about paths, not identity. */
static const char *size(mode_t mode, long long sz)
{
	static char buf[40];

	if (S_ISDIR(mode))
		return "";
	snprintf(buf, sizeof(buf), " size=%lld", sz);
	return buf;
}

static void show_stat(const char *label, int r, const struct stat *st)
{
	if (r < 0)
		say("%s: %s", label, ename(errno));
	else
		say("%s: ok %s%s mode=%04o nlink=%lu", label, ftype(st->st_mode),
		    size(st->st_mode, st->st_size), st->st_mode & 07777,
		    (unsigned long)st->st_nlink);
}

static void do_stat(const char *label, const char *path)
{
	struct stat st;
	int r = stat(path, &st);
	show_stat(label, r, &st);
}

static void do_lstat(const char *label, const char *path)
{
	struct stat st;
	int r = lstat(path, &st);
	show_stat(label, r, &st);
}

static void do_fstatat(const char *label, int dirfd, const char *path, int flags)
{
	struct stat st;
	int r = fstatat(dirfd, path, &st, flags);
	show_stat(label, r, &st);
}

static void do_statx(const char *label, int dirfd, const char *path, int flags)
{
	struct statx sx;
	int r = statx(dirfd, path, flags, STATX_BASIC_STATS, &sx);

	if (r < 0)
		say("%s: %s", label, ename(errno));
	else
		say("%s: ok %s%s mode=%04o nlink=%u", label, ftype(sx.stx_mode),
		    size(sx.stx_mode, sx.stx_size), sx.stx_mode & 07777, sx.stx_nlink);
}

static void do_readlink(const char *label, int dirfd, const char *path)
{
	char buf[4096];
	ssize_t n = readlinkat(dirfd, path, buf, sizeof(buf));

	if (n < 0)
		say("%s: %s", label, ename(errno));
	else
		say("%s: ok \"%s\"", label, printable(buf, n));
}

static void do_mtime(const char *label, const char *path, int follow)
{
	struct stat st;
	int r = follow ? stat(path, &st) : lstat(path, &st);

	if (r < 0)
		say("%s: %s", label, ename(errno));
	else
		say("%s: ok mtime=%lld.%09ld", label, (long long)st.st_mtim.tv_sec,
		    st.st_mtim.tv_nsec);
}

static void do_getxattr(const char *label, const char *path, const char *name, int follow)
{
	char buf[256];
	ssize_t n = follow ? getxattr(path, name, buf, sizeof(buf))
			   : lgetxattr(path, name, buf, sizeof(buf));

	if (n < 0)
		say("%s: %s", label, ename(errno));
	else
		say("%s: ok \"%s\"", label, printable(buf, n));
}

static void do_listxattr(const char *label, const char *path)
{
	char buf[4096];
	ssize_t n = listxattr(path, buf, sizeof(buf));

	if (n < 0)
		say("%s: %s", label, ename(errno));
	else
		say("%s: ok \"%s\"", label, printable(buf, n));
}

int main(void)
{
	uid_t uid = getuid();
	gid_t gid = getgid();
	char buf[4096];
	int fd, dfd, r;

	umask(022);

	/* directories */
	res("mkdir /vroot-pc", mkdir("/vroot-pc", 0755));
	res("mkdir /vroot-pc again", mkdir("/vroot-pc", 0755));
	res("mkdirat AT_FDCWD vroot-pc/d", mkdirat(AT_FDCWD, "vroot-pc/d", 0700));
	res("mkdir /vroot-pc/d2", mkdir("/vroot-pc/d2", 0777));
	res("mkdir /vroot-pc/missing/x", mkdir("/vroot-pc/missing/x", 0755));
	do_stat("stat /vroot-pc/d", "/vroot-pc/d");
	do_stat("stat /vroot-pc/d2", "/vroot-pc/d2");

	/* open family */
	fd = open("/vroot-pc/f", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	res("open /vroot-pc/f O_CREAT", fd);
	if (fd >= 0) {
		res("write hello", write(fd, "hello\n", 6));
		close(fd);
	}
	open_read("open /vroot-pc/missing", AT_FDCWD, "/vroot-pc/missing", 0);
	fd = open("/vroot-pc/f", O_CREAT | O_EXCL | O_WRONLY, 0644);
	res("open /vroot-pc/f O_CREAT|O_EXCL", fd);
	if (fd >= 0)
		close(fd);
	open_read("open /vroot-pc/f", AT_FDCWD, "/vroot-pc/f", 0);
	open_read("openat AT_FDCWD /vroot-pc/f", AT_FDCWD, "/vroot-pc/f", 0);
	open_read("openat AT_FDCWD vroot-pc/f", AT_FDCWD, "vroot-pc/f", 0);
	dfd = open("/vroot-pc", O_RDONLY | O_DIRECTORY);
	res("open /vroot-pc O_DIRECTORY", dfd);
	open_read("openat dirfd f", dfd, "f", 0);
	open_read("open /vroot-pc/f O_DIRECTORY", AT_FDCWD, "/vroot-pc/f", O_DIRECTORY);
	fd = creat("/vroot-pc/c", 0600);
	res("creat /vroot-pc/c", fd);
	if (fd >= 0)
		close(fd);
	fd = syscall(SYS_creat, "/vroot-pc/c2", 0640);
	res("SYS_creat /vroot-pc/c2", fd);
	if (fd >= 0)
		close(fd);
	fd = syscall(SYS_open, "/vroot-pc/o2", O_CREAT | O_WRONLY, 0600);
	res("SYS_open /vroot-pc/o2 O_CREAT", fd);
	if (fd >= 0)
		close(fd);

	/* stat family */
	do_stat("stat /vroot-pc/f", "/vroot-pc/f");
	do_stat("stat /vroot-pc/c", "/vroot-pc/c");
	do_stat("stat /vroot-pc/c2", "/vroot-pc/c2");
	do_lstat("lstat /vroot-pc/f", "/vroot-pc/f");
	do_fstatat("fstatat dirfd f", dfd, "f", 0);
	do_fstatat("fstatat AT_FDCWD /vroot-pc/missing", AT_FDCWD, "/vroot-pc/missing", 0);
	do_fstatat("fstatat AT_FDCWD vroot-pc/f", AT_FDCWD, "vroot-pc/f", 0);
	do_statx("statx AT_FDCWD /vroot-pc/f", AT_FDCWD, "/vroot-pc/f", 0);
	do_statx("statx dirfd f NOFOLLOW", dfd, "f", AT_SYMLINK_NOFOLLOW);
	do_statx("statx /vroot-pc/missing", AT_FDCWD, "/vroot-pc/missing", 0);
	{
		struct statfs sf;
		res("statfs /vroot-pc", statfs("/vroot-pc", &sf));
		res("statfs /vroot-pc/missing", statfs("/vroot-pc/missing", &sf));
	}

	/* access family */
	res("access /vroot-pc/f F_OK", access("/vroot-pc/f", F_OK));
	res("access /vroot-pc/f R_OK|W_OK", access("/vroot-pc/f", R_OK | W_OK));
	res("access /vroot-pc/f X_OK", access("/vroot-pc/f", X_OK));
	res("access /vroot-pc/missing", access("/vroot-pc/missing", F_OK));
	res("faccessat dirfd f R_OK", faccessat(dfd, "f", R_OK, 0));
	res("faccessat2 dirfd f W_OK AT_EACCESS",
	    syscall(SYS_faccessat2, dfd, "f", W_OK, AT_EACCESS));
	res("faccessat2 /vroot-pc/missing", syscall(SYS_faccessat2, AT_FDCWD, "/vroot-pc/missing", F_OK, 0));
	res("faccessat2 /vroot-pc/d X_OK", syscall(SYS_faccessat2, AT_FDCWD, "/vroot-pc/d", X_OK, 0));

	/* nodes, links, renames */
	res("mknod /vroot-pc/fifo S_IFIFO", mknod("/vroot-pc/fifo", S_IFIFO | 0644, 0));
	res("mknodat dirfd fifo2 S_IFIFO", mknodat(dfd, "fifo2", S_IFIFO | 0600, 0));
	do_stat("stat /vroot-pc/fifo", "/vroot-pc/fifo");
	do_fstatat("fstatat dirfd fifo2", dfd, "fifo2", 0);
	res("mknod /vroot-pc/f again", mknod("/vroot-pc/f", S_IFIFO | 0644, 0));
	res("link /vroot-pc/f /vroot-pc/hl", link("/vroot-pc/f", "/vroot-pc/hl"));
	res("linkat dirfd f AT_FDCWD /vroot-pc/hl2", linkat(dfd, "f", AT_FDCWD, "/vroot-pc/hl2", 0));
	res("link /vroot-pc/missing /vroot-pc/hl9", link("/vroot-pc/missing", "/vroot-pc/hl9"));
	do_stat("stat /vroot-pc/hl", "/vroot-pc/hl");
	res("symlink /vroot-pc/f /vroot-pc/sl", symlink("/vroot-pc/f", "/vroot-pc/sl"));
	res("symlink f /vroot-pc/rsl", symlink("f", "/vroot-pc/rsl"));
	res("symlinkat /vroot-pc/d dirfd sld", symlinkat("/vroot-pc/d", dfd, "sld"));
	res("symlink x /vroot-pc/f (exists)", symlink("x", "/vroot-pc/f"));
	do_readlink("readlink /vroot-pc/sl", AT_FDCWD, "/vroot-pc/sl");
	do_readlink("readlinkat dirfd rsl", dfd, "rsl");
	do_readlink("readlinkat dirfd sld", dfd, "sld");
	do_readlink("readlink /vroot-pc/f", AT_FDCWD, "/vroot-pc/f");
	do_readlink("readlink /vroot-pc/missing", AT_FDCWD, "/vroot-pc/missing");
	do_stat("stat /vroot-pc/sl", "/vroot-pc/sl");
	do_lstat("lstat /vroot-pc/sl", "/vroot-pc/sl");
	do_stat("stat /vroot-pc/sld", "/vroot-pc/sld");
	open_read("open /vroot-pc/rsl", AT_FDCWD, "/vroot-pc/rsl", 0);
	open_read("open /vroot-pc/sl O_NOFOLLOW", AT_FDCWD, "/vroot-pc/sl", O_NOFOLLOW);
	res("rename /vroot-pc/hl /vroot-pc/hl-renamed", rename("/vroot-pc/hl", "/vroot-pc/hl-renamed"));
	res("renameat dirfd hl2 dirfd hl3", renameat(dfd, "hl2", dfd, "hl3"));
	res("rename /vroot-pc/missing /vroot-pc/x", rename("/vroot-pc/missing", "/vroot-pc/x"));
	res("renameat2 hl3 f NOREPLACE",
	    syscall(SYS_renameat2, AT_FDCWD, "/vroot-pc/hl3", AT_FDCWD, "/vroot-pc/f", RENAME_NOREPLACE));
	res("renameat2 c fifo2 EXCHANGE",
	    syscall(SYS_renameat2, AT_FDCWD, "/vroot-pc/c", dfd, "fifo2", RENAME_EXCHANGE));
	do_lstat("lstat /vroot-pc/c", "/vroot-pc/c");
	do_lstat("lstat /vroot-pc/fifo2", "/vroot-pc/fifo2");
	res("unlink /vroot-pc/hl-renamed", unlink("/vroot-pc/hl-renamed"));
	res("unlink /vroot-pc/missing", unlink("/vroot-pc/missing"));
	/* names that are not there: the kernel's errors, in its order */
	res("unlink /vroot-pc/missing/", unlink("/vroot-pc/missing/"));
	res("rmdir /vroot-pc/missing", rmdir("/vroot-pc/missing"));
	res("rmdir /vroot-pc/missing//", rmdir("/vroot-pc/missing//"));
	res("rmdir /vroot-pc/missing/.", rmdir("/vroot-pc/missing/."));
	res("rmdir /vroot-pc/missing/x", rmdir("/vroot-pc/missing/x"));
	res("rmdir /vroot-pc/f/x", rmdir("/vroot-pc/f/x"));
	res("unlinkat dirfd missing", unlinkat(dfd, "missing", 0));
	res("unlinkat dirfd missing AT_REMOVEDIR", unlinkat(dfd, "missing", AT_REMOVEDIR));
	res("unlinkat dirfd missing bad flags", unlinkat(dfd, "missing", 0x1));
	res("unlinkat -1 /vroot-pc/missing", unlinkat(-1, "/vroot-pc/missing", 0));
	res("unlinkat -1 missing", unlinkat(-1, "missing", 0));
	res("unlink /vroot-pc/d", unlink("/vroot-pc/d"));
	res("unlinkat dirfd hl3", unlinkat(dfd, "hl3", 0));
	res("unlinkat dirfd d2 AT_REMOVEDIR", unlinkat(dfd, "d2", AT_REMOVEDIR));
	res("rmdir /vroot-pc", rmdir("/vroot-pc"));
	res("rmdir /vroot-pc/f", rmdir("/vroot-pc/f"));
	res("mkdir /vroot-pc/gone", mkdir("/vroot-pc/gone", 0755));
	res("rmdir /vroot-pc/gone", rmdir("/vroot-pc/gone"));
	res("access /vroot-pc/gone", access("/vroot-pc/gone", F_OK));

	/* working directory */
	res("chdir /vroot-pc", chdir("/vroot-pc"));
	say("getcwd: %s", getcwd(buf, sizeof(buf)) ? buf : ename(errno));
	open_read("open f (relative)", AT_FDCWD, "f", 0);
	res("rmdir missing (relative)", rmdir("missing"));
	res("unlinkat AT_FDCWD missing (relative)", unlinkat(AT_FDCWD, "missing", 0));
	res("chdir d", chdir("d"));
	say("getcwd: %s", getcwd(buf, sizeof(buf)) ? buf : ename(errno));
	res("chdir /vroot-pc/f", chdir("/vroot-pc/f"));
	res("chdir /vroot-pc/missing", chdir("/vroot-pc/missing"));
	res("fchdir dirfd", fchdir(dfd));
	say("getcwd: %s", getcwd(buf, sizeof(buf)) ? buf : ename(errno));
	res("chdir /vroot-pc/sld", chdir("/vroot-pc/sld"));
	say("getcwd: %s", getcwd(buf, sizeof(buf)) ? buf : ename(errno));
	res("chdir /", chdir("/"));
	say("getcwd: %s", getcwd(buf, sizeof(buf)) ? buf : ename(errno));

	/* modes and owners (to ourselves) */
	res("chmod /vroot-pc/f 0600", chmod("/vroot-pc/f", 0600));
	do_stat("stat /vroot-pc/f", "/vroot-pc/f");
	res("fchmodat dirfd f 0640", fchmodat(dfd, "f", 0640, 0));
	do_stat("stat /vroot-pc/f", "/vroot-pc/f");
	res("chmod /vroot-pc/sl 0604 (follows)", chmod("/vroot-pc/sl", 0604));
	do_stat("stat /vroot-pc/f", "/vroot-pc/f");
	res("fchmodat2 dirfd sl NOFOLLOW",
	    syscall(SYS_fchmodat2, dfd, "sl", 0644, AT_SYMLINK_NOFOLLOW));
	res("fchmodat2 dirfd f 0644", syscall(SYS_fchmodat2, dfd, "f", 0644, 0));
	res("chmod /vroot-pc/missing", chmod("/vroot-pc/missing", 0644));
	res("chown /vroot-pc/f self", chown("/vroot-pc/f", uid, gid));
	res("lchown /vroot-pc/sl self", lchown("/vroot-pc/sl", uid, gid));
	res("fchownat dirfd f self NOFOLLOW", fchownat(dfd, "f", uid, gid, AT_SYMLINK_NOFOLLOW));
	res("chown /vroot-pc/missing", chown("/vroot-pc/missing", uid, gid));
	do_stat("stat /vroot-pc/f", "/vroot-pc/f");
	do_lstat("lstat /vroot-pc/sl", "/vroot-pc/sl");

	/* contents and times */
	res("truncate /vroot-pc/f 3", truncate("/vroot-pc/f", 3));
	do_stat("stat /vroot-pc/f", "/vroot-pc/f");
	res("truncate /vroot-pc/sl 2 (follows)", truncate("/vroot-pc/sl", 2));
	do_stat("stat /vroot-pc/f", "/vroot-pc/f");
	res("truncate /vroot-pc/missing", truncate("/vroot-pc/missing", 0));
	res("truncate /vroot-pc/d", truncate("/vroot-pc/d", 0));
	{
		struct timespec ts[2] = { { 1000000000, 0 }, { 1000000000, 5 } };
		struct timeval tv[2] = { { 1100000000, 0 }, { 1100000000, 7 } };

		res("utimensat /vroot-pc/f", utimensat(AT_FDCWD, "/vroot-pc/f", ts, 0));
		do_mtime("mtime /vroot-pc/f", "/vroot-pc/f", 1);
		ts[1].tv_sec = 1200000000;
		res("utimensat dirfd sl NOFOLLOW", utimensat(dfd, "sl", ts, AT_SYMLINK_NOFOLLOW));
		do_mtime("mtime of link /vroot-pc/sl", "/vroot-pc/sl", 0);
		do_mtime("mtime /vroot-pc/f", "/vroot-pc/f", 1);
		res("utimes /vroot-pc/c", utimes("/vroot-pc/c", tv));
		do_mtime("mtime /vroot-pc/c", "/vroot-pc/c", 1);
		res("utimensat /vroot-pc/missing", utimensat(AT_FDCWD, "/vroot-pc/missing", ts, 0));
		/* a NULL path is the fd itself (futimens): the filter lets it pass */
		{
			int ffd = open("/vroot-pc/f", O_RDWR);

			ts[1].tv_sec = 1300000000;
			res("futimens (utimensat fd NULL) /vroot-pc/f", futimens(ffd, ts));
			do_mtime("mtime /vroot-pc/f", "/vroot-pc/f", 1);
#ifdef SYS_futimesat
			res("futimesat fd NULL /vroot-pc/f", syscall(SYS_futimesat, ffd, NULL, tv));
			do_mtime("mtime /vroot-pc/f", "/vroot-pc/f", 1);
#endif
			close(ffd);
		}
	}

	/* extended attributes (user.*) */
	res("setxattr /vroot-pc/f user.vroot", setxattr("/vroot-pc/f", "user.vroot", "v1", 2, 0));
	do_getxattr("getxattr /vroot-pc/f user.vroot", "/vroot-pc/f", "user.vroot", 1);
	do_getxattr("getxattr /vroot-pc/sl user.vroot (follows)", "/vroot-pc/sl", "user.vroot", 1);
	do_getxattr("lgetxattr /vroot-pc/sl user.vroot", "/vroot-pc/sl", "user.vroot", 0);
	res("lsetxattr /vroot-pc/sl user.x", lsetxattr("/vroot-pc/sl", "user.x", "1", 1, 0));
	res("setxattr /vroot-pc/f user.vroot CREATE", setxattr("/vroot-pc/f", "user.vroot", "v2", 2, XATTR_CREATE));
	do_listxattr("listxattr /vroot-pc/f", "/vroot-pc/f");
	/* the size queries getfattr and tar make first */
	res("listxattr /vroot-pc/f NULL 0 (size)", listxattr("/vroot-pc/f", NULL, 0));
	say("  = %zd", listxattr("/vroot-pc/f", NULL, 0));
	res("getxattr /vroot-pc/f user.vroot NULL 0 (size)", getxattr("/vroot-pc/f", "user.vroot", NULL, 0));
	say("  = %zd", getxattr("/vroot-pc/f", "user.vroot", NULL, 0));
	{
		char lb[4096];
		ssize_t n = llistxattr("/vroot-pc/sl", lb, sizeof(lb));
		if (n < 0)
			say("llistxattr /vroot-pc/sl: %s", ename(errno));
		else
			say("llistxattr /vroot-pc/sl: ok \"%s\"", printable(lb, n));
	}
	res("removexattr /vroot-pc/f user.vroot", removexattr("/vroot-pc/f", "user.vroot"));
	do_getxattr("getxattr /vroot-pc/f user.vroot", "/vroot-pc/f", "user.vroot", 1);
	do_getxattr("getxattr /vroot-pc/missing", "/vroot-pc/missing", "user.vroot", 1);
	res("setxattr /vroot-pc/missing", setxattr("/vroot-pc/missing", "user.vroot", "v", 1, 0));

	/* inotify */
	{
		int in = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
		int wd = inotify_add_watch(in, "/vroot-pc", IN_CREATE);

		res("inotify_add_watch /vroot-pc", wd);
		res("inotify_add_watch /vroot-pc/missing",
		    inotify_add_watch(in, "/vroot-pc/missing", IN_CREATE));
		fd = open("/vroot-pc/new", O_CREAT | O_WRONLY, 0644);
		if (fd >= 0)
			close(fd);
		r = read(in, buf, sizeof(buf));
		if (r < (int)sizeof(struct inotify_event))
			say("inotify event: %s", r < 0 ? ename(errno) : "short");
		else {
			struct inotify_event *ev = (struct inotify_event *)buf;
			say("inotify event: ok mask=%#x name=%s", ev->mask, ev->len ? ev->name : "");
		}
		close(in);
	}

	/* what is left, as a listing of the directory */
	{
		static const char *const names[] = { "c", "c2", "d", "f", "fifo", "fifo2", "new",
			"o2", "rsl", "sl", "sld", "hl", "hl2", "hl3", "hl-renamed", "d2", "gone" };
		for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			char p[64];
			struct stat st;
			snprintf(p, sizeof(p), "/vroot-pc/%s", names[i]);
			r = lstat(p, &st);
			if (r < 0)
				say("final %s: %s", p, ename(errno));
			else
				say("final %s: %s%s mode=%04o", p, ftype(st.st_mode),
				    size(st.st_mode, st.st_size), st.st_mode & 07777);
		}
	}
	close(dfd);
	say("done");
	return 0;
}
