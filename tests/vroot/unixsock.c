/* unixsock DIR: AF_UNIX sockets bound and connected by guest path under DIR
 * (created if missing): stream and datagram, absolute and relative names,
 * the addresses the kernel reports back (getsockname, getpeername,
 * recvfrom, recvmsg), a name of 107 bytes and one of 108 bytes without its
 * NUL.  The socket files d1.sock, d2.sock and s.sock are left in DIR for
 * the caller to find. */
#include "vroot-prog.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

static socklen_t mkaddr(struct sockaddr_un *a, const char *path)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	memcpy(a->sun_path, path, strnlen(path, sizeof(a->sun_path)));
	return offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1;
}

static void show_addr(const char *label, long r, const struct sockaddr_un *a, socklen_t len)
{
	size_t n;

	if (r < 0) {
		say("%s: %s", label, ename(errno));
		return;
	}
	if (len <= offsetof(struct sockaddr_un, sun_path)) {
		say("%s: ok unnamed", label);
		return;
	}
	n = len - offsetof(struct sockaddr_un, sun_path);
	if (a->sun_path[0] == '\0') {
		say("%s: ok abstract \"@%s\"", label, printable(a->sun_path + 1, n - 1));
		return;
	}
	if (n > 0 && a->sun_path[n - 1] == '\0')
		n--;
	say("%s: ok \"%s\" (len %u)", label, printable(a->sun_path, strnlen(a->sun_path, n)),
	    (unsigned)len);
}

static int bound(const char *label, int type, const char *path)
{
	struct sockaddr_un a;
	int s = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
	socklen_t len = mkaddr(&a, path);

	res(label, bind(s, (struct sockaddr *)&a, len));
	return s;
}

static void getname(const char *label, int s)
{
	struct sockaddr_un a;
	socklen_t len = sizeof(a);
	long r = getsockname(s, (struct sockaddr *)&a, &len);
	show_addr(label, r, &a, len);
}

/* A child connects to path, says what it sees and sends msg. */
static void client(const char *label, const char *path, const char *msg)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		struct sockaddr_un a, p;
		socklen_t len = mkaddr(&a, path), plen = sizeof(p);
		int c = socket(AF_UNIX, SOCK_STREAM, 0);
		char l[256];
		long r;

		snprintf(l, sizeof(l), "%s: connect", label);
		if (res(l, connect(c, (struct sockaddr *)&a, len)) == 0) {
			snprintf(l, sizeof(l), "%s: getpeername", label);
			r = getpeername(c, (struct sockaddr *)&p, &plen);
			show_addr(l, r, &p, plen);
			if (write(c, msg, strlen(msg)) < 0)
				_exit(1);
		}
		_exit(0);
	}
	waitpid(pid, &status, 0);
}

static void serve_one(const char *label, int s)
{
	struct sockaddr_un a;
	socklen_t len = sizeof(a);
	char buf[64];
	char l[256];
	int c = accept(s, (struct sockaddr *)&a, &len);
	ssize_t n;

	snprintf(l, sizeof(l), "%s: accept", label);
	show_addr(l, c, &a, len);
	if (c < 0)
		return;
	n = read(c, buf, sizeof(buf));
	say("%s: read %s", label, n < 0 ? ename(errno) : printable(buf, n));
	close(c);
}

static void dgram_recv(const char *label, int s)
{
	struct sockaddr_un a;
	socklen_t len = sizeof(a);
	char buf[64];
	ssize_t n = recvfrom(s, buf, sizeof(buf), MSG_DONTWAIT, (struct sockaddr *)&a, &len);
	char l[256];

	snprintf(l, sizeof(l), "%s: recvfrom", label);
	show_addr(l, n, &a, len);
	if (n >= 0)
		say("%s: data \"%s\"", label, printable(buf, n));
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/vsock";
	char p_s[200], p_d1[200], p_d2[200], p_miss[200], p_file[200], p_long[200], abs_name[200];
	struct sockaddr_un a;
	socklen_t len;
	int s, s2, d1, d2, d3, fd;

	snprintf(p_s, sizeof(p_s), "%s/s.sock", dir);
	snprintf(p_d1, sizeof(p_d1), "%s/d1.sock", dir);
	snprintf(p_d2, sizeof(p_d2), "%s/d2.sock", dir);
	snprintf(p_miss, sizeof(p_miss), "%s/missing.sock", dir);
	snprintf(p_file, sizeof(p_file), "%s/plain", dir);
	res("mkdir DIR", mkdir(dir, 0755) == 0 || errno == EEXIST ? 0 : -1);
	fd = open(p_file, O_CREAT | O_WRONLY, 0644);
	if (fd >= 0)
		close(fd);

	/* stream, absolute name */
	s = bound("bind DIR/s.sock", SOCK_STREAM, p_s);
	res("listen", listen(s, 8));
	getname("getsockname", s);
	{
		struct stat st;
		if (stat(p_s, &st) < 0)
			say("stat DIR/s.sock: %s", ename(errno));
		else
			say("stat DIR/s.sock: ok %s", ftype(st.st_mode));
	}
	client("client DIR/s.sock", p_s, "ping");
	serve_one("server", s);

	/* relative name, from DIR */
	res("chdir DIR", chdir(dir));
	client("client s.sock (relative)", "s.sock", "rel");
	serve_one("server", s);
	client("client DIR/s.sock (after chdir DIR)", p_s, "abs-after-chdir");
	serve_one("server", s);
	res("chdir /", chdir("/"));

	/* failures */
	client("client DIR/missing.sock", p_miss, "x");
	client("client DIR/plain", p_file, "x");
	s2 = bound("bind DIR/s.sock again", SOCK_STREAM, p_s);
	close(s2);

	/* datagrams */
	d1 = bound("bind DIR/d1.sock", SOCK_DGRAM, p_d1);
	d2 = bound("bind DIR/d2.sock", SOCK_DGRAM, p_d2);
	len = mkaddr(&a, p_d1);
	res("sendto DIR/d1.sock", sendto(d2, "dg1", 3, 0, (struct sockaddr *)&a, len));
	dgram_recv("d1", d1);
	{
		struct iovec iov = { .iov_base = "dg2", .iov_len = 3 };
		struct msghdr mh = { .msg_name = &a, .msg_namelen = len, .msg_iov = &iov, .msg_iovlen = 1 };
		res("sendmsg DIR/d1.sock", sendmsg(d2, &mh, 0));
		dgram_recv("d1", d1);
	}
	d3 = socket(AF_UNIX, SOCK_DGRAM, 0);
	res("sendto DIR/d1.sock (unbound sender)", sendto(d3, "dg3", 3, 0, (struct sockaddr *)&a, len));
	dgram_recv("d1", d1);
	res("connect d2 DIR/d1.sock", connect(d2, (struct sockaddr *)&a, len));
	res("send (connected)", send(d2, "dg4", 3, 0));
	dgram_recv("d1", d1);
	len = mkaddr(&a, p_miss);
	res("sendto DIR/missing.sock", sendto(d3, "x", 1, 0, (struct sockaddr *)&a, len));

	/* a name of 107 bytes (the longest with its NUL): a deep directory,
	 * then "/s" (a final component of about 100 bytes cannot be said to
	 * the kernel in 108 once DIR is in front: see doc/INTERNALS.md) */
	{
		size_t n = snprintf(p_long, sizeof(p_long), "%s/", dir);
		while (n < 105)
			p_long[n++] = 'L';
		p_long[n] = '\0';
		res("mkdir DIR/LLL..", mkdir(p_long, 0755));
		p_long[n++] = '/';
		p_long[n++] = 's';
		p_long[n] = '\0';
		s2 = bound("bind DIR/LLL..(107 bytes)", SOCK_STREAM, p_long);
		res("listen", listen(s2, 8));
		getname("getsockname", s2);
		client("client DIR/LLL..(107 bytes)", p_long, "long");
		serve_one("server", s2);
		close(s2);
		res("unlink DIR/LLL..(107 bytes)", unlink(p_long));
		p_long[n - 2] = '\0';
		res("rmdir DIR/LLL..", rmdir(p_long));
	}
	/* 108 bytes, no NUL: the kernel takes the whole sun_path */
	{
		size_t n = snprintf(p_long, sizeof(p_long), "%s/", dir);
		int c;
		while (n < 106)
			p_long[n++] = 'M';
		p_long[n] = '\0';
		res("mkdir DIR/MMM..", mkdir(p_long, 0755));
		p_long[n++] = '/';
		p_long[n++] = 'm';
		p_long[n] = '\0';
		memset(&a, 0, sizeof(a));
		a.sun_family = AF_UNIX;
		memcpy(a.sun_path, p_long, 108);
		s2 = socket(AF_UNIX, SOCK_STREAM, 0);
		res("bind DIR/MMM..(108 bytes, no NUL)", bind(s2, (struct sockaddr *)&a, sizeof(a)));
		res("listen", listen(s2, 8));
		getname("getsockname", s2);
		c = socket(AF_UNIX, SOCK_STREAM, 0);
		res("connect DIR/MMM..(108 bytes, no NUL)", connect(c, (struct sockaddr *)&a, sizeof(a)));
		close(c);
		close(s2);
		res("unlink DIR/MMM..(108 bytes)", unlink(p_long));
		p_long[n - 2] = '\0';
		res("rmdir DIR/MMM..", rmdir(p_long));
	}
	/* too long */
	{
		char big[300];
		memset(big, 'N', sizeof(big) - 1);
		big[0] = '/';
		big[sizeof(big) - 1] = '\0';
		s2 = socket(AF_UNIX, SOCK_STREAM, 0);
		memset(&a, 0, sizeof(a));
		a.sun_family = AF_UNIX;
		memcpy(a.sun_path, big, sizeof(a.sun_path));
		res("bind sockaddr longer than sockaddr_un",
		    bind(s2, (struct sockaddr *)&a, sizeof(a) + 10));
		close(s2);
	}
	/* the abstract namespace is not a path: left alone */
	{
		s2 = socket(AF_UNIX, SOCK_STREAM, 0);
		memset(&a, 0, sizeof(a));
		a.sun_family = AF_UNIX;
		snprintf(abs_name, sizeof(abs_name), "vroot-test-abstract%s", dir);
		memcpy(a.sun_path + 1, abs_name, strlen(abs_name));
		len = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(abs_name);
		res("bind abstract", bind(s2, (struct sockaddr *)&a, len));
		getname("getsockname abstract", s2);
		close(s2);
	}
	close(s);
	close(d1);
	close(d2);
	close(d3);
	say("done");
	return 0;
}
