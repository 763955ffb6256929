/* exec-from-thread [SELF]: while the leader and two other threads keep making
 * syscalls, a non-leader thread execve()s SELF (default /proc/self/exe) with
 * "--after-exec PID PPID".  The new image checks the kernel gave it the old
 * leader's pid as both pid and tid, that its parent is unchanged and that it
 * is the only thread.  Proves a supervisor follows an exec whose thread id
 * changes. */
#include "prog.h"

#include <dirent.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sys/syscall.h>

static const char *self = "/proc/self/exe";

static void *busy(void *arg)
{
	struct stat st;

	(void)arg;
	for (;;)
		check(stat("/", &st) == 0, "stat / while another thread execs");
	return NULL;
}

static void *execer(void *arg)
{
	char pid[32], ppid[32];
	char *argv[] = { (char *)self, "--after-exec", pid, ppid, NULL };

	(void)arg;
	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	snprintf(ppid, sizeof(ppid), "%d", (int)getppid());
	usleep(20000);	/* let the busy threads get going */
	execv(self, argv);
	fail("execv %s from a thread: %s", self, strerror(errno));
	return NULL;
}

static int after_exec(char **argv)
{
	long pid = strtol(argv[2], NULL, 10), ppid = strtol(argv[3], NULL, 10);
	long tid = syscall(SYS_gettid);
	DIR *d;
	struct dirent *de;
	int n = 0;

	if (getpid() != pid)
		fail("after exec: getpid() = %d, expected the old leader's %ld",
		     (int)getpid(), pid);
	if (tid != pid)
		fail("after exec: gettid() = %ld, expected the old leader's %ld", tid, pid);
	if (getppid() != ppid)
		fail("after exec: getppid() = %d, expected %ld", (int)getppid(), ppid);
	/* Only the exec'ing thread survives; /proc may be absent in a guest root. */
	d = opendir("/proc/self/task");
	if (d) {
		while ((de = readdir(d)))
			if (de->d_name[0] != '.')
				n++;
		closedir(d);
		if (n != 1)
			fail("after exec: %d threads in /proc/self/task, expected 1", n);
	}
	printf("exec-from-thread: ok\n");
	return 0;
}

int main(int argc, char **argv)
{
	pthread_t t;
	int err;

	if (argc == 4 && strcmp(argv[1], "--after-exec") == 0)
		return after_exec(argv);
	if (argc > 1)
		self = argv[1];
	for (int i = 0; i < 2; i++) {
		err = pthread_create(&t, NULL, busy, NULL);
		if (err)
			fail("pthread_create: %s", strerror(err));
	}
	err = pthread_create(&t, NULL, execer, NULL);
	if (err)
		fail("pthread_create: %s", strerror(err));
	busy(NULL);
	return 1;
}
