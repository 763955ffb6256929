/* restart-trapped FIFO OTHER...: open(FIFO, O_RDONLY) blocks while SIGALRM
 * (SA_RESTART) fires every 10 ms; the handler stats and opens every OTHER
 * path.  The kernel restarts the open after each handler; a forked writer
 * opens the FIFO only after 5 alarms and writes a message.  Checks the open
 * returned the FIFO (same inode as stat(FIFO)), the message, and that the
 * handler's own calls saw the right files.  Proves a supervisor that rewrote
 * the path of a trapped syscall keeps it right when the kernel restarts the
 * call after a handler that made other trapped calls. */
#include "prog.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>

#define MSG "through the fifo\n"
#define MIN_ALARMS 5
#define MAX_ALARMS 2000	/* 20 s: the open never came back */

static char **others;
static int nothers;
static struct stat *other_st;
static volatile int *alarms;	/* shared with the writer */
static volatile sig_atomic_t handler_error;
static volatile pid_t writer_pid;	/* killed when we fail, so no one waits for it */

static void kill_writer(void)
{
	if (writer_pid > 0)
		kill(writer_pid, SIGKILL);
}

static void on_alarm(int sig)
{
	struct stat st;
	int saved = errno;

	(void)sig;
	++*alarms;
	for (int i = 0; i < nothers; i++) {
		int fd;

		if (stat(others[i], &st) != 0 || st.st_ino != other_st[i].st_ino)
			handler_error = 1 + i;
		fd = open(others[i], O_RDONLY | O_CLOEXEC);
		if (fd < 0 || fstat(fd, &st) != 0 || st.st_ino != other_st[i].st_ino)
			handler_error = 1 + i;
		if (fd >= 0)
			close(fd);
	}
	if (*alarms > MAX_ALARMS) {
		static const char m[] = "restart-trapped: open(FIFO) never returned\n";
		ssize_t r = write(2, m, sizeof(m) - 1);

		kill_writer();
		_exit(r < 0 ? 2 : 1);
	}
	errno = saved;
}

static void writer(const char *fifo)
{
	int fd;

	signal(SIGALRM, SIG_DFL);	/* not the parent's handler: */
	alarm(30);			/* die if the reader never opens */
	while (*alarms < MIN_ALARMS)
		usleep(2000);
	fd = open(fifo, O_WRONLY);
	if (fd < 0 || write(fd, MSG, sizeof(MSG) - 1) != sizeof(MSG) - 1) {
		perror("restart-trapped: writer");
		_exit(1);
	}
	_exit(0);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_alarm, .sa_flags = SA_RESTART };
	struct itimerval it = { { 0, 10000 }, { 0, 10000 } };
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	struct stat fifo_st, st;
	char buf[64];
	ssize_t n;
	pid_t child;
	int fd, status;

	if (argc < 3)
		fail("usage: restart-trapped FIFO OTHER...");
	others = argv + 2;
	nothers = argc - 2;
	other_st = calloc(nothers, sizeof(*other_st));
	check(other_st, "calloc");
	check(stat(argv[1], &fifo_st) == 0, "stat %s", argv[1]);
	if (!S_ISFIFO(fifo_st.st_mode))
		fail("%s is not a FIFO (mode 0%o)", argv[1], (unsigned)fifo_st.st_mode);
	for (int i = 0; i < nothers; i++)
		check(stat(others[i], &other_st[i]) == 0, "stat %s", others[i]);

	alarms = mmap(NULL, sizeof(*alarms), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	check(alarms != MAP_FAILED, "mmap");
	check(sigaction(SIGALRM, &sa, NULL) == 0, "sigaction");
	check(atexit(kill_writer) == 0, "atexit");
	child = fork();
	check(child >= 0, "fork");
	if (child == 0)
		writer(argv[1]);
	writer_pid = child;
	check(setitimer(ITIMER_REAL, &it, NULL) == 0, "setitimer");

	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	check(fd >= 0, "open %s (EINTR here means no restart despite SA_RESTART)", argv[1]);

	check(setitimer(ITIMER_REAL, &off, NULL) == 0, "setitimer off");
	check(fstat(fd, &st) == 0, "fstat");
	if (st.st_ino != fifo_st.st_ino || st.st_dev != fifo_st.st_dev || !S_ISFIFO(st.st_mode))
		fail("open(%s) returned another file (ino %lu, mode 0%o; the FIFO is ino %lu)",
		     argv[1], (unsigned long)st.st_ino, (unsigned)st.st_mode,
		     (unsigned long)fifo_st.st_ino);
	if (*alarms < MIN_ALARMS)
		fail("open returned after %d alarms, before the writer could open", *alarms);
	if (handler_error)
		fail("in the signal handler, stat/open of %s gave the wrong file",
		     others[handler_error - 1]);
	n = read(fd, buf, sizeof(buf));
	check(n >= 0, "read fifo");
	if ((size_t)n != sizeof(MSG) - 1 || memcmp(buf, MSG, n) != 0)
		fail("read %zd bytes '%.*s' from the FIFO, expected '%s'",
		     n, (int)(n > 0 ? n : 0), buf, MSG);
	check(waitpid(child, &status, 0) == child, "waitpid writer");
	writer_pid = 0;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail("writer failed (status 0x%x)", status);
	printf("restart-trapped: open restarted after %d alarms, ok\n", *alarms);
	return 0;
}
