/* nestchroot: chroot(2) inside the guest root, nested, and the pattern dnf
 * and rpm use to leave a chroot they entered (keep an fd of "/", chroot into
 * the install root, later fchdir(fd) and chroot(".")).  The caller makes:
 *   /marker "outer"  /n1/marker "n1"  /n1/n2/marker "n2"
 *   /n1/abs -> /marker   /n1/ln2 -> /n2   /n1/n2/sub/ (empty dir)
 *   /n1/n2/nestchroot (a copy of this program, for the exec check)
 * With "probe" as argv[1] it only reports where it is (run by exec after
 * the chroots). */
#include "vroot-prog.h"

#include <sys/wait.h>

static void where(const char *label)
{
	open_read(label, AT_FDCWD, "/marker", 0);
}

int main(int argc, char **argv)
{
	struct stat outer_st, st;
	int fd0, pid, status;

	if (argc > 1 && strcmp(argv[1], "probe") == 0) {
		raw_getcwd("probe getcwd");
		where("probe open /marker");
		return 0;
	}

	if (stat("/", &outer_st) < 0) {
		say("stat /: %s", ename(errno));
		return 1;
	}
	fd0 = open("/", O_RDONLY | O_DIRECTORY);
	res("open / (kept)", fd0);
	raw_getcwd("getcwd");
	where("open /marker");

	res("chroot /missing", chroot("/missing"));
	res("chroot /marker", chroot("/marker"));

	/* into /n1, cwd left at the outer root */
	res("chroot /n1", chroot("/n1"));
	raw_getcwd("getcwd (cwd outside the new root)");
	open_read("open marker (relative, from the old cwd)", AT_FDCWD, "marker", 0);
	where("open /marker");
	open_read("open /abs (absolute symlink)", AT_FDCWD, "/abs", 0);
	open_read("open /../marker", AT_FDCWD, "/../marker", 0);
	res("chdir /", chdir("/"));
	raw_getcwd("getcwd");
	if (stat("/..", &st) == 0)
		say("stat /..: ok%s", same_file(&st, &outer_st) ? " same-as-outer-/" : "");
	else
		say("stat /..: %s", ename(errno));
	pid = fork();
	if (pid == 0) {
		where("child: open /marker");
		raw_getcwd("child: getcwd");
		_exit(0);
	}
	waitpid(pid, &status, 0);

	/* nested: /n1/n2 through a symlink inside the first chroot */
	res("chroot /ln2", chroot("/ln2"));
	raw_getcwd("getcwd (cwd outside the new root)");
	res("chdir /", chdir("/"));
	raw_getcwd("getcwd");
	where("open /marker");
	open_read("open /abs", AT_FDCWD, "/abs", 0);
	res("chdir /sub", chdir("/sub"));
	raw_getcwd("getcwd");
	res("chdir ../../..", chdir("../../.."));
	raw_getcwd("getcwd");
	where("open /marker");
	pid = fork();
	if (pid == 0) {
		execl("/nestchroot", "nestchroot", "probe", (char *)NULL);
		say("exec /nestchroot: %s", ename(errno));
		_exit(127);
	}
	waitpid(pid, &status, 0);
	say("exec /nestchroot: exit %d", WIFEXITED(status) ? WEXITSTATUS(status) : -1);

	/* back out as dnf/rpm do: fchdir to the fd of the outer "/" and
	 * chroot(".") */
	res("fchdir (fd of the outer /)", fchdir(fd0));
	raw_getcwd("getcwd (cwd outside the root)");
	where("open /marker (still in n2)");
	res("chroot .", chroot("."));
	raw_getcwd("getcwd");
	where("open /marker");
	if (stat("/", &st) == 0)
		say("stat /: ok%s", same_file(&st, &outer_st) ? " same-as-outer-/" : "");
	/* and no further */
	res("chdir ..", chdir(".."));
	res("chdir ../../../..", chdir("../../../.."));
	raw_getcwd("getcwd");
	if (stat(".", &st) == 0)
		say("stat .: ok%s", same_file(&st, &outer_st) ? " same-as-outer-/" : "");
	open_read("open marker (relative)", AT_FDCWD, "marker", 0);
	open_read("open /../../marker", AT_FDCWD, "/../../marker", 0);
	res("chroot ..", chroot(".."));
	where("open /marker");
	res("chroot /n1/n2", chroot("/n1/n2"));
	res("chdir /", chdir("/"));
	where("open /marker");
	say("done");
	return 0;
}
