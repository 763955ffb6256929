/* cwdgone: getcwd after an ancestor of the working directory is renamed and
 * after the working directory itself is removed, by another process.
 *   cwdgone inner   the other process is a child of this one (inside the
 *                   root, traced too)
 *   cwdgone outer   the other process is outside: this program creates
 *                   /g/ready-N and waits until /g/go-N exists; the caller
 *                   does the change in between
 * The caller makes /g/a/b/ with /g/a/b/here containing "here". */
#include "vroot-prog.h"

#include <sys/wait.h>
#include <time.h>

static int outer;

static void cwd(const char *label)
{
	char buf[4096];
	if (getcwd(buf, sizeof(buf)))
		say("%s: ok \"%s\"", label, buf);
	else
		say("%s: %s", label, ename(errno));
}

/* Step N: inner mode runs fn in a child; outer mode hands over to the
 * caller through /g/ready-N and /g/go-N. */
static void step(int n, void (*fn)(void))
{
	char p[64];
	int fd, status;

	if (!outer) {
		pid_t pid = fork();
		if (pid == 0) {
			fn();
			_exit(0);
		}
		waitpid(pid, &status, 0);
		return;
	}
	snprintf(p, sizeof(p), "/g/ready-%d", n);
	fd = open(p, O_CREAT | O_WRONLY, 0644);
	if (fd < 0) {
		say("create %s: %s", p, ename(errno));
		exit(1);
	}
	close(fd);
	snprintf(p, sizeof(p), "/g/go-%d", n);
	for (int i = 0; i < 6000; i++) {	/* 60 s */
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		if (access(p, F_OK) == 0)
			return;
		nanosleep(&ts, NULL);
	}
	say("timeout waiting for %s", p);
	exit(1);
}

static void do_rename(void)
{
	res("other: rename /g/a /g/z", rename("/g/a", "/g/z"));
}

static void do_rename_again(void)
{
	res("other: rename /g/z /g/y/moved", rename("/g/z", "/g/y/moved"));
}

static void do_remove(void)
{
	res("other: unlink /g/y/moved/b/here", unlink("/g/y/moved/b/here"));
	res("other: rmdir /g/y/moved/b", rmdir("/g/y/moved/b"));
}

int main(int argc, char **argv)
{
	struct stat st;

	outer = argc > 1 && strcmp(argv[1], "outer") == 0;
	res("chdir /g/a/b", chdir("/g/a/b"));
	cwd("getcwd");

	step(1, do_rename);
	cwd("getcwd after rename of /g/a");
	raw_getcwd("SYS_getcwd");
	open_read("open here", AT_FDCWD, "here", 0);
	open_read("open /g/z/b/here", AT_FDCWD, "/g/z/b/here", 0);
	open_read("open ../../z/b/here", AT_FDCWD, "../../z/b/here", 0);

	if (!outer)
		res("mkdir /g/y", mkdir("/g/y", 0755));
	step(2, do_rename_again);
	cwd("getcwd after rename of /g/z to /g/y/moved");
	open_read("open here", AT_FDCWD, "here", 0);

	step(3, do_remove);
	cwd("getcwd after rmdir of the cwd");
	raw_getcwd("SYS_getcwd");
	if (stat(".", &st) < 0)
		say("stat .: %s", ename(errno));
	else
		say("stat .: ok %s nlink=%lu", ftype(st.st_mode), (unsigned long)st.st_nlink);
	res("mkdir x (in the removed cwd)", mkdir("x", 0755));
	open_read("open here", AT_FDCWD, "here", 0);
	res("chdir ..", chdir(".."));
	cwd("getcwd");
	res("chdir /", chdir("/"));
	cwd("getcwd");
	say("done");
	return 0;
}
