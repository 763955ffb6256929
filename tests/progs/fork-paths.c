/*
 * fork-paths N PATH PROG: open PATH, then N times fork a child (a real
 * fork, not vfork) that opens PATH and execs PROG with the argument 0; each
 * child must find PATH and exit 0.  In a guest root PATH exists only
 * there, so every open and exec has its path rewritten by the supervisor.
 */
#include "prog.h"

#include <fcntl.h>
#include <sys/wait.h>

int main(int argc, char **argv)
{
	long n;
	int fd;

	if (argc != 4)
		fail("usage: fork-paths N PATH PROG");
	n = strtol(argv[1], NULL, 10);
	fd = open(argv[2], O_RDONLY | O_CLOEXEC);
	check(fd >= 0 && close(fd) == 0, "open %s", argv[2]);
	for (long i = 0; i < n; i++) {
		int status;
		pid_t pid = fork();

		check(pid >= 0, "fork");
		if (pid == 0) {
			if (open(argv[2], O_RDONLY | O_CLOEXEC) < 0)
				_exit(2);
			execl(argv[3], argv[3], "0", (char *)NULL);
			_exit(3);
		}
		check(waitpid(pid, &status, 0) == pid, "waitpid");
		check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "child %ld: status %#x (2: open failed, 3: exec failed)", i, status);
	}
	return 0;
}
