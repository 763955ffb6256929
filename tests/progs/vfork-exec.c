/* vfork-exec [TRUE [SH]]: vfork + execve of TRUE (default /bin/true), vfork +
 * execve of a missing file, vfork + _exit, and posix_spawn of TRUE and of
 * `SH -c 'exit 5'` (default /bin/sh); checks every wait status.  Proves a
 * supervisor follows children that share the parent's memory until they
 * exec or exit. */
#include "prog.h"

#include <spawn.h>
#include <sys/wait.h>

extern char **environ;

static int status_of(pid_t child, const char *what)
{
	int status;

	check(child > 0, "%s: create child", what);
	check(waitpid(child, &status, 0) == child, "%s: waitpid", what);
	if (!WIFEXITED(status))
		fail("%s: child did not exit normally (status 0x%x)", what, status);
	return WEXITSTATUS(status);
}

static void expect(int got, int want, const char *what)
{
	if (got != want)
		fail("%s: exit status %d, expected %d", what, got, want);
}

int main(int argc, char **argv)
{
	const char *truep = argc > 1 ? argv[1] : "/bin/true";
	const char *shp = argc > 2 ? argv[2] : "/bin/sh";
	char *const true_argv[] = { (char *)truep, NULL };
	char *const missing_argv[] = { "/nonexistent/iamroot-test", NULL };
	char *const sh_argv[] = { (char *)shp, "-c", "exit 5", NULL };
	volatile int touched = 0;
	pid_t child;
	int err;

	child = vfork();
	if (child == 0) {
		execve(truep, true_argv, environ);
		_exit(127);
	}
	expect(status_of(child, "vfork+execve true"), 0, "vfork+execve true");

	child = vfork();
	if (child == 0) {
		execve(missing_argv[0], missing_argv, environ);
		_exit(errno == ENOENT ? 42 : 43);
	}
	expect(status_of(child, "vfork+execve missing"), 42,
	       "vfork+execve of a missing file (42 = ENOENT, 43 = other errno)");

	child = vfork();
	if (child == 0) {
		touched = 1;	/* the parent sees this: memory is shared */
		_exit(7);
	}
	expect(status_of(child, "vfork+_exit"), 7, "vfork+_exit(7)");
	if (!touched)
		fail("vfork child's write not seen by the parent");

	err = posix_spawn(&child, truep, NULL, NULL, true_argv, environ);
	if (err)
		fail("posix_spawn %s: %s", truep, strerror(err));
	expect(status_of(child, "posix_spawn true"), 0, "posix_spawn true");

	err = posix_spawn(&child, shp, NULL, NULL, sh_argv, environ);
	if (err)
		fail("posix_spawn %s: %s", shp, strerror(err));
	expect(status_of(child, "posix_spawn sh -c 'exit 5'"), 5,
	       "posix_spawn sh -c 'exit 5'");

	printf("vfork-exec: ok\n");
	return 0;
}
