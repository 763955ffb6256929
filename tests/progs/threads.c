/* threads [PATH]: 8 threads each make thousands of syscalls at once (getpid,
 * stat and open/close of PATH, write to a shared pipe) and check every
 * result; a reader counts what each thread wrote.  Proves a supervisor keeps
 * concurrent threads' syscalls apart and loses none. */
#include "prog.h"

#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define NTHREADS 8
#define ITERS 2000

static const char *path = "/";
static struct stat want;
static pid_t pid;
static int pipefd[2];

static void *worker(void *arg)
{
	unsigned char id = (unsigned char)(unsigned long)arg;
	pid_t tid = (pid_t)syscall(SYS_gettid);

	check(tid != pid, "thread %u has the leader's tid", id);
	for (int i = 0; i < ITERS; i++) {
		struct stat st;
		int fd;

		check(getpid() == pid, "thread %u: getpid changed", id);
		check(stat(path, &st) == 0, "thread %u: stat %s", id, path);
		check(st.st_ino == want.st_ino && st.st_dev == want.st_dev,
		      "thread %u: stat %s gave another file", id, path);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		check(fd >= 0, "thread %u: open %s", id, path);
		check(fstat(fd, &st) == 0 && st.st_ino == want.st_ino,
		      "thread %u: open %s opened another file", id, path);
		check(close(fd) == 0, "thread %u: close", id);
		check(write(pipefd[1], &id, 1) == 1, "thread %u: write", id);
	}
	return NULL;
}

static void *reader(void *arg)
{
	unsigned long *counts = arg;
	unsigned char buf[4096];
	ssize_t n;

	while ((n = read(pipefd[0], buf, sizeof(buf))) > 0)
		for (ssize_t i = 0; i < n; i++)
			counts[buf[i] < NTHREADS ? buf[i] : NTHREADS]++;
	check(n == 0, "read from pipe");
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t[NTHREADS], r;
	unsigned long counts[NTHREADS + 1] = { 0 }, total = 0;
	int err;

	if (argc > 1)
		path = argv[1];
	pid = getpid();
	check(stat(path, &want) == 0, "stat %s", path);
	check(pipe2(pipefd, O_CLOEXEC) == 0, "pipe");
	err = pthread_create(&r, NULL, reader, counts);
	if (err)
		fail("pthread_create reader: %s", strerror(err));
	for (unsigned long i = 0; i < NTHREADS; i++) {
		err = pthread_create(&t[i], NULL, worker, (void *)i);
		if (err)
			fail("pthread_create %lu: %s", i, strerror(err));
	}
	for (int i = 0; i < NTHREADS; i++) {
		err = pthread_join(t[i], NULL);
		if (err)
			fail("pthread_join %d: %s", i, strerror(err));
	}
	check(close(pipefd[1]) == 0, "close write end");
	err = pthread_join(r, NULL);
	if (err)
		fail("pthread_join reader: %s", strerror(err));
	if (counts[NTHREADS])
		fail("%lu bytes from no thread in the pipe", counts[NTHREADS]);
	for (int i = 0; i < NTHREADS; i++) {
		if (counts[i] != ITERS)
			fail("thread %d wrote %lu bytes, expected %d", i, counts[i], ITERS);
		total += counts[i];
	}
	printf("threads: %d threads x %d iterations, %lu writes, ok\n",
	       NTHREADS, ITERS, total);
	return 0;
}
