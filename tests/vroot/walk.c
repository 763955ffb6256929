/* walk: how paths are walked: absolute symlinks in the middle of a path,
 * `..` at and above the root, symlinks that climb, trailing "/", "/." and
 * "/..", dirfd-relative paths (AT_FDCWD, a directory fd, AT_EMPTY_PATH).
 * The guest tree is made by the caller (see symlinks-dotdot.sh):
 *   /etc/vroot-marker       "guest-root-marker"
 *   /w/file                 "w-file"
 *   /w/a/b/target           "a-b-target"
 *   /w/a/b/lnk  -> /w/a/b/target       /w/mid -> /w/a
 *   /w/up -> ../../../../..            /w/a/b/up3 -> ../../..
 *   /w/rel -> a/b   /w/dangling -> /w/nonexistent
 *   /w/loop1 -> loop2  /w/loop2 -> loop1
 *   /w/t/e/ /w/t/e2/ /w/t/e3/ (empty)  /w/t/u/v/  /w/t/f  /w/t/m/x
 *   /w/t/ml -> /w/t/m
 * One line per call; "same-as-/" tells whether the object reached is the
 * guest's root directory. */
#include "vroot-prog.h"

#include <linux/stat.h>

static struct stat root_st;

static void where(const char *label, int dirfd, const char *path, int flags)
{
	struct stat st;
	int r = fstatat(dirfd, path, &st, flags);

	if (r < 0)
		say("%s: %s", label, ename(errno));
	else
		say("%s: ok %s%s", label, ftype(st.st_mode),
		    same_file(&st, &root_st) ? " same-as-/" : "");
}

static void cwd(const char *label)
{
	char buf[4096];
	if (getcwd(buf, sizeof(buf)))
		say("%s: ok \"%s\"", label, buf);
	else
		say("%s: %s", label, ename(errno));
}

static void rl(const char *label, int dirfd, const char *path)
{
	char buf[4096];
	ssize_t n = readlinkat(dirfd, path, buf, sizeof(buf));

	if (n < 0)
		say("%s: %s", label, ename(errno));
	else
		say("%s: ok \"%s\"", label, printable(buf, n));
}

static void fd_where(const char *label, int fd)
{
	struct stat st;

	if (fd < 0) {
		say("%s: %s", label, ename(errno));
		return;
	}
	if (fstat(fd, &st) < 0)
		say("%s: open ok, fstat %s", label, ename(errno));
	else
		say("%s: ok %s%s", label, ftype(st.st_mode),
		    same_file(&st, &root_st) ? " same-as-/" : "");
	close(fd);
}

int main(void)
{
	char longpath[4200];
	int fd, dfd, lfd, rootfd;

	umask(022);
	if (stat("/", &root_st) < 0) {
		say("stat /: %s", ename(errno));
		return 1;
	}

	/* an absolute symlink in the middle of a path */
	open_read("open /w/mid/b/target", AT_FDCWD, "/w/mid/b/target", 0);
	where("lstat /w/mid/b/lnk", AT_FDCWD, "/w/mid/b/lnk", AT_SYMLINK_NOFOLLOW);
	where("stat /w/mid/b/lnk", AT_FDCWD, "/w/mid/b/lnk", 0);
	rl("readlink /w/mid/b/lnk", AT_FDCWD, "/w/mid/b/lnk");
	open_read("open /w/mid/b/lnk", AT_FDCWD, "/w/mid/b/lnk", 0);
	open_read("open /w/mid/b/lnk O_NOFOLLOW", AT_FDCWD, "/w/mid/b/lnk", O_NOFOLLOW);
	fd = open("/w/mid/b/tmp", O_CREAT | O_WRONLY, 0644);
	res("create /w/mid/b/tmp", fd);
	if (fd >= 0)
		close(fd);
	where("lstat /w/a/b/tmp", AT_FDCWD, "/w/a/b/tmp", AT_SYMLINK_NOFOLLOW);
	res("unlink /w/mid/b/tmp", unlink("/w/mid/b/tmp"));
	where("lstat /w/a/b/tmp", AT_FDCWD, "/w/a/b/tmp", AT_SYMLINK_NOFOLLOW);
	res("symlink /w/file /w/mid/b/made", symlink("/w/file", "/w/mid/b/made"));
	rl("readlink /w/a/b/made", AT_FDCWD, "/w/a/b/made");
	open_read("open /w/a/b/made", AT_FDCWD, "/w/a/b/made", 0);
	res("rename /w/mid/b/made /w/mid/made2", rename("/w/mid/b/made", "/w/mid/made2"));
	rl("readlink /w/a/made2", AT_FDCWD, "/w/a/made2");
	open_read("open /w/rel/target", AT_FDCWD, "/w/rel/target", 0);
	open_read("open /w/mid/../file", AT_FDCWD, "/w/mid/../file", 0);
	open_read("open /w/mid/b/../../file", AT_FDCWD, "/w/mid/b/../../file", 0);

	/* `..` at the root, and symlinks that climb above it */
	where("stat /..", AT_FDCWD, "/..", 0);
	where("stat /../../..", AT_FDCWD, "/../../..", 0);
	open_read("open /../../../etc/vroot-marker", AT_FDCWD, "/../../../etc/vroot-marker", 0);
	where("stat /w/up", AT_FDCWD, "/w/up", 0);
	open_read("open /w/up/etc/vroot-marker", AT_FDCWD, "/w/up/etc/vroot-marker", 0);
	open_read("open /w/up/w/up/w/file", AT_FDCWD, "/w/up/w/up/w/file", 0);
	where("stat /w/a/b/up3", AT_FDCWD, "/w/a/b/up3", 0);
	open_read("open /w/a/b/up3/../../etc/vroot-marker", AT_FDCWD, "/w/a/b/up3/../../etc/vroot-marker", 0);
	where("stat /w/mid/b/up3/..", AT_FDCWD, "/w/mid/b/up3/..", 0);
	res("chdir /..", chdir("/.."));
	cwd("getcwd");
	res("chdir ..", chdir(".."));
	res("chdir ../..", chdir("../.."));
	cwd("getcwd");
	where("stat .", AT_FDCWD, ".", 0);
	open_read("open etc/vroot-marker", AT_FDCWD, "etc/vroot-marker", 0);
	open_read("open ../etc/vroot-marker", AT_FDCWD, "../etc/vroot-marker", 0);
	res("chdir /w/up", chdir("/w/up"));
	cwd("getcwd");
	res("chdir /w/mid/b", chdir("/w/mid/b"));
	cwd("getcwd");
	res("chdir ../../..", chdir("../../.."));
	cwd("getcwd");
	res("chdir /w/a/b/up3", chdir("/w/a/b/up3"));
	cwd("getcwd");

	/* trailing "/", "/." and "/.." */
	where("stat /w/a/b/target/", AT_FDCWD, "/w/a/b/target/", 0);
	open_read("open /w/a/b/target/", AT_FDCWD, "/w/a/b/target/", 0);
	fd_where("open /w/a/b/ O_RDONLY", open("/w/a/b/", O_RDONLY));
	fd_where("open /w/newf/ O_CREAT", open("/w/newf/", O_CREAT | O_WRONLY, 0644));
	res("mkdir /w/newd/", mkdir("/w/newd/", 0755));
	where("stat /w/newd/.", AT_FDCWD, "/w/newd/.", 0);
	res("rmdir /w/newd/", rmdir("/w/newd/"));
	res("mkdir /w/newd2/.", mkdir("/w/newd2/.", 0755));
	where("lstat /w/mid", AT_FDCWD, "/w/mid", AT_SYMLINK_NOFOLLOW);
	where("lstat /w/mid/", AT_FDCWD, "/w/mid/", AT_SYMLINK_NOFOLLOW);
	rl("readlink /w/mid/", AT_FDCWD, "/w/mid/");
	res("unlink /w/t/ml/", unlink("/w/t/ml/"));
	res("rmdir /w/t/ml/", rmdir("/w/t/ml/"));
	where("lstat /w/t/ml", AT_FDCWD, "/w/t/ml", AT_SYMLINK_NOFOLLOW);
	where("stat /w/t/m", AT_FDCWD, "/w/t/m", 0);
	where("lstat /w/a/b/lnk/", AT_FDCWD, "/w/a/b/lnk/", AT_SYMLINK_NOFOLLOW);
	res("unlink /w/a/b/target/", unlink("/w/a/b/target/"));
	where("stat /w/dangling", AT_FDCWD, "/w/dangling", 0);
	where("lstat /w/dangling", AT_FDCWD, "/w/dangling", AT_SYMLINK_NOFOLLOW);
	fd_where("open /w/dangling/ O_CREAT", open("/w/dangling/", O_CREAT | O_WRONLY, 0644));
	fd_where("open /w/dangling O_CREAT|O_EXCL", open("/w/dangling", O_CREAT | O_EXCL | O_WRONLY, 0644));
	fd_where("open /w/dangling O_CREAT", open("/w/dangling", O_CREAT | O_WRONLY, 0644));
	where("lstat /w/nonexistent", AT_FDCWD, "/w/nonexistent", AT_SYMLINK_NOFOLLOW);
	where("stat /w/loop1", AT_FDCWD, "/w/loop1", 0);
	where("lstat /w/loop1", AT_FDCWD, "/w/loop1", AT_SYMLINK_NOFOLLOW);
	open_read("open /w/loop1/x", AT_FDCWD, "/w/loop1/x", 0);
	where("stat /.", AT_FDCWD, "/.", 0);
	where("stat /w/a/b/target/.", AT_FDCWD, "/w/a/b/target/.", 0);
	where("stat /w/a/b/target/..", AT_FDCWD, "/w/a/b/target/..", 0);
	res("mkdir /w/.", mkdir("/w/.", 0755));
	res("mkdir /..", mkdir("/..", 0755));
	res("mkdir /", mkdir("/", 0755));
	/* on /w/t (t/e, t/e2, t/e3 empty dirs, t/u/v, t/f): a call the kernel
	 * refuses must not be done on a "normalised" path instead */
	res("rmdir /w/t/e/.", rmdir("/w/t/e/."));
	where("stat /w/t/e", AT_FDCWD, "/w/t/e", 0);
	res("rmdir /w/t/u/v/..", rmdir("/w/t/u/v/.."));
	res("rmdir /..", rmdir("/.."));
	res("rmdir /", rmdir("/"));
	res("unlink /w/t/e/.", unlink("/w/t/e/."));
	res("unlink /w/t/u/v/..", unlink("/w/t/u/v/.."));
	res("rename /w/t/e2/. /w/t/z", rename("/w/t/e2/.", "/w/t/z"));
	res("rename /w/t/e3 /w/t/z/.", rename("/w/t/e3", "/w/t/z/."));
	res("rename /w/t/e3 /w/t/u/v/..", rename("/w/t/e3", "/w/t/u/v/.."));
	res("rename / /w/t/z", rename("/", "/w/t/z"));
	res("rename /w/t/f /", rename("/w/t/f", "/"));
	where("stat /w/t/e2", AT_FDCWD, "/w/t/e2", 0);
	where("stat /w/t/e3", AT_FDCWD, "/w/t/e3", 0);
	where("stat /w/t/z", AT_FDCWD, "/w/t/z", 0);
	res("link /w/t/f /w/t/u/.", link("/w/t/f", "/w/t/u/."));
	res("symlink x /w/t/u/v/.", symlink("x", "/w/t/u/v/."));
	res("mknod /w/t/u/. S_IFIFO", mknod("/w/t/u/.", S_IFIFO | 0644, 0));
	fd_where("open /.. O_DIRECTORY", open("/..", O_RDONLY | O_DIRECTORY));

	/* dirfd-relative paths */
	res("chdir /w/a/b", chdir("/w/a/b"));
	open_read("openat AT_FDCWD target", AT_FDCWD, "target", 0);
	open_read("openat AT_FDCWD ./target", AT_FDCWD, "./target", 0);
	open_read("openat AT_FDCWD ../../file", AT_FDCWD, "../../file", 0);
	dfd = open("/w/a", O_RDONLY | O_DIRECTORY);
	res("open /w/a O_DIRECTORY", dfd);
	open_read("openat dirfd b/target", dfd, "b/target", 0);
	open_read("openat dirfd ../file", dfd, "../file", 0);
	open_read("openat dirfd ../../../../etc/vroot-marker", dfd, "../../../../etc/vroot-marker", 0);
	open_read("openat dirfd /etc/vroot-marker", dfd, "/etc/vroot-marker", 0);
	open_read("openat dirfd b/lnk", dfd, "b/lnk", 0);
	open_read("openat dirfd b/up3/w/file", dfd, "b/up3/w/file", 0);
	where("fstatat dirfd ..", dfd, "..", 0);
	where("fstatat dirfd ../..", dfd, "../..", 0);
	where("fstatat dirfd ../../..", dfd, "../../..", 0);
	where("fstatat dirfd \"\" AT_EMPTY_PATH", dfd, "", AT_EMPTY_PATH);
	where("fstatat dirfd \"\"", dfd, "", 0);
	res("mkdirat dirfd newsub", mkdirat(dfd, "newsub", 0755));
	where("stat /w/a/newsub", AT_FDCWD, "/w/a/newsub", 0);
	res("symlinkat /w/a/b/target dirfd abs", symlinkat("/w/a/b/target", dfd, "abs"));
	open_read("openat dirfd abs", dfd, "abs", 0);
	rl("readlinkat dirfd abs", dfd, "abs");
	res("renameat dirfd abs AT_FDCWD /w/abs2", renameat(dfd, "abs", AT_FDCWD, "/w/abs2"));
	open_read("open /w/abs2", AT_FDCWD, "/w/abs2", 0);
	res("linkat dirfd b/target dirfd hard", linkat(dfd, "b/target", dfd, "hard", 0));
	open_read("open /w/a/hard", AT_FDCWD, "/w/a/hard", 0);
	res("unlinkat dirfd hard", unlinkat(dfd, "hard", 0));
	res("unlinkat dirfd newsub AT_REMOVEDIR", unlinkat(dfd, "newsub", AT_REMOVEDIR));
	open_read("openat -5 x", -5, "x", 0);
	open_read("openat -5 /etc/vroot-marker", -5, "/etc/vroot-marker", 0);

	fd = open("/w/a/b/target", O_RDONLY);
	res("open /w/a/b/target", fd);
	where("fstatat file \"\" AT_EMPTY_PATH", fd, "", AT_EMPTY_PATH);
	where("fstatat file x", fd, "x", 0);
	where("fstatat file \"\" (no flag)", fd, "", 0);
	open_read("openat file x", fd, "x", 0);
	{
		struct statx sx;
		int r = statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &sx);
		if (r < 0)
			say("statx file \"\" AT_EMPTY_PATH: %s", ename(errno));
		else
			say("statx file \"\" AT_EMPTY_PATH: ok %s size=%llu", ftype(sx.stx_mode),
			    (unsigned long long)sx.stx_size);
	}
	res("faccessat2 file \"\" R_OK AT_EMPTY_PATH",
	    syscall(SYS_faccessat2, fd, "", R_OK, AT_EMPTY_PATH));
	res("fchownat file \"\" self AT_EMPTY_PATH",
	    fchownat(fd, "", getuid(), getgid(), AT_EMPTY_PATH));
	lfd = open("/w/a/b/lnk", O_PATH | O_NOFOLLOW);
	res("open /w/a/b/lnk O_PATH|O_NOFOLLOW", lfd);
	rl("readlinkat lnkfd \"\"", lfd, "");
	where("fstatat lnkfd \"\" AT_EMPTY_PATH|NOFOLLOW", lfd, "", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW);
	where("fstatat lnkfd \"\" AT_EMPTY_PATH", lfd, "", AT_EMPTY_PATH);
	rootfd = open("/", O_PATH | O_DIRECTORY);
	res("open / O_PATH", rootfd);
	where("fstatat rootfd ..", rootfd, "..", 0);
	where("fstatat rootfd ../..", rootfd, "../..", 0);
	open_read("openat rootfd ../etc/vroot-marker", rootfd, "../etc/vroot-marker", 0);
	open_read("openat rootfd w/up/etc/vroot-marker", rootfd, "w/up/etc/vroot-marker", 0);
	res("fchdir rootfd", fchdir(rootfd));
	cwd("getcwd");
	res("chdir ..", chdir(".."));
	cwd("getcwd");
	close(lfd);
	close(fd);
	close(dfd);
	close(rootfd);

	/* lengths: a component too long, a path too long, and a guest path
	 * that fits in PATH_MAX though the same path under the host's DIR may
	 * not */
	memset(longpath, 'x', 300);
	longpath[0] = '/';
	longpath[300] = '\0';
	where("stat /xxx(300)", AT_FDCWD, longpath, 0);
	{
		size_t n = 0;
		longpath[n++] = '/';
		while (n < 4000) {
			longpath[n++] = '.';
			longpath[n++] = '/';
		}
		strcpy(longpath + n, "etc/vroot-marker");
		open_read("open /././...(4016 bytes)/etc/vroot-marker", AT_FDCWD, longpath, 0);
		n = 0;
		longpath[n++] = '/';
		while (n < 4100) {
			longpath[n++] = '.';
			longpath[n++] = '/';
		}
		strcpy(longpath + n, "etc/vroot-marker");
		open_read("open /././...(4116 bytes)/etc/vroot-marker", AT_FDCWD, longpath, 0);
	}
	say("done");
	return 0;
}
