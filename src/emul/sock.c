/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * AF_UNIX socket addresses: a path in bind, connect, sendto and sendmsg is
 * resolved in the root; the address getsockname, getpeername and accept
 * return is translated back (at the syscall's exit).  On i386 the same
 * calls also come through socketcall(2), whose arguments are an array.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/net.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <stdlib.h>
#include <unistd.h>

#include "emul.h"
#include "log.h"
#include "mem.h"
#include "util.h"

/* The arguments of one socket call, direct or unpacked from socketcall. */
struct sockcall {
	unsigned id;
	uint64_t a[6];
};

static const struct {
	int call;
	unsigned id;
	unsigned nargs;
} socketcalls[] = {
	{ SYS_BIND, ID_bind, 3 }, { SYS_CONNECT, ID_connect, 3 },
	{ SYS_ACCEPT, ID_accept, 3 }, { SYS_ACCEPT4, ID_accept4, 4 },
	{ SYS_GETSOCKNAME, ID_getsockname, 3 }, { SYS_GETPEERNAME, ID_getpeername, 3 },
	{ SYS_SENDTO, ID_sendto, 6 }, { SYS_SENDMSG, ID_sendmsg, 3 },
	{ SYS_SENDMMSG, ID_sendmmsg, 4 }, { SYS_RECVFROM, ID_recvfrom, 6 },
};

/* 0 and sc filled; 1 when the call has no address to translate. */
static int unpack(struct stop *s, struct sockcall *sc)
{
	uint32_t words[6];

	if (s->id != ID_socketcall) {
		sc->id = s->id;
		memcpy(sc->a, s->args, sizeof(sc->a));
		return 0;
	}
	for (unsigned i = 0; i < sizeof(socketcalls) / sizeof(socketcalls[0]); i++) {
		int r;

		if ((int)s->args[0] != socketcalls[i].call)
			continue;
		r = mem_read(s->p->tid, arch_word(s->arch, s->args[1]), words,
			     socketcalls[i].nargs * sizeof(words[0]));
		if (r < 0)
			return r == -EFAULT ? 1 : r;	/* the kernel says EFAULT */
		sc->id = socketcalls[i].id;
		for (unsigned k = 0; k < 6; k++)
			sc->a[k] = k < socketcalls[i].nargs ? words[k] : 0;
		return 0;
	}
	return 1;
}

/* Put argument i of a socket call back: in the register, or in a copy of
 * the socketcall array. */
static int repack(struct stop *s, struct sockcall *sc, unsigned i, uint64_t v)
{
	uint32_t words[6];
	uint64_t addr;
	int r;

	sc->a[i] = v;
	if (s->id != ID_socketcall) {
		stop_set_arg(s, i, v);
		return 0;
	}
	for (unsigned k = 0; k < 6; k++)
		words[k] = (uint32_t)sc->a[k];
	r = scratch_put(s, words, sizeof(words), &addr);
	if (r == 0)
		stop_set_arg(s, 1, addr);
	return r;
}

/* Names said through /proc/OURPID/fd/N/NAME, and the guest paths they
 * stand for: what getsockname and the like return is turned back. */
#define ALIASES 32
static struct { char alias[108]; char guest[PATH_MAX]; } aliases[ALIASES];
static unsigned naliases;

static void remember_alias(const char *alias, const char *guest)
{
	unsigned i = naliases++ % ALIASES;

	snprintf(aliases[i].alias, sizeof(aliases[i].alias), "%s", alias);
	snprintf(aliases[i].guest, sizeof(aliases[i].guest), "%s", guest);
}

static const char *alias_guest(const char *path)
{
	for (unsigned k = 0; k < ALIASES && k < naliases; k++) {
		unsigned i = (naliases - 1 - k) % ALIASES;
		if (!strcmp(aliases[i].alias, path))
			return aliases[i].guest;
	}
	return NULL;
}

/* Host path that fits in sun_path: the path itself, or, when DIR makes it
 * too long, the parent directory through a descriptor of ours
 * (/proc/OURPID/fd/N/name), kept open until the syscall is over. */
static int fit_sun_path(struct stop *s, const char *host, char *ret, size_t size)
{
	const char *slash = strrchr(host, '/');
	char dir[PATH_MAX];
	int fd;

	if (strlen(host) < size) {
		strcpy(ret, host);
		return 0;
	}
	if (!slash || slash == host)
		return -ENAMETOOLONG;
	snprintf(dir, sizeof(dir), "%.*s", (int)(slash - host), host);
	if (s->p->nheld == ARRAY_SIZE(s->p->held_fds))
		return -ENAMETOOLONG;
	fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (snprintf(ret, size, "/proc/%d/fd/%d%s", getpid(), fd, slash) >= (int)size) {
		close(fd);
		return -ENAMETOOLONG;
	}
	s->p->held_fds[s->p->nheld++] = fd;
	return 0;
}

/* The AF_UNIX address at guest_addr, translated into scratch memory:
 * *ret_addr stays 0 when there is nothing to translate. */
static int translate_sockaddr(struct stop *s, uint64_t guest_addr, size_t len, unsigned rflags,
			      uint64_t *ret_addr, size_t *ret_len)
{
	struct sockaddr_un sun = {}, out = { .sun_family = AF_UNIX };
	size_t off = offsetof(struct sockaddr_un, sun_path);
	char guest[sizeof(sun.sun_path) + 1] = "", host[PATH_MAX];
	int r;

	if (!guest_addr || len <= off || len > sizeof(sun))
		return 0;	/* nothing to do, or the kernel's EINVAL */
	r = mem_read(s->p->tid, guest_addr, &sun, len);
	if (r < 0)
		return r == -EFAULT ? 0 : r;
	if (sun.sun_family != AF_UNIX || !sun.sun_path[0])
		return 0;	/* another family, or the abstract namespace */
	memcpy(guest, sun.sun_path, len - off);
	r = host_path_of(s, NA, guest, rflags, host, sizeof(host));
	if (r == 1)
		return 0;
	if (r == 0)
		r = fit_sun_path(s, host, out.sun_path, sizeof(out.sun_path));
	if (r == 0 && (rflags & RES_PARENT) && strcmp(out.sun_path, host))
		remember_alias(out.sun_path, guest);	/* bind: the socket's own name */
	if (r < 0) {
		if (r != -ESRCH)
			stop_fail(s, -r);
		return r == -ESRCH ? r : 0;
	}
	r = scratch_prepare(s);
	if (r != 0)
		return r < 0 ? r : 0;
	*ret_len = off + strlen(out.sun_path) + 1;
	return scratch_put(s, &out, *ret_len, ret_addr);
}

static int translate_addr(struct stop *s, struct sockcall *sc, unsigned addr_i, unsigned len_i,
			  unsigned rflags)
{
	uint64_t addr = 0;
	size_t len;
	int r = translate_sockaddr(s, arch_word(s->arch, sc->a[addr_i]),
				   arch_word(s->arch, sc->a[len_i]), rflags, &addr, &len);

	if (r < 0 || !addr)
		return r;
	r = repack(s, sc, addr_i, addr);
	return r < 0 ? r : repack(s, sc, len_i, len);
}

/* sendmsg: the name inside struct msghdr, whose layout is the ABI's:
 * void *msg_name; socklen_t msg_namelen; then five more word-sized slots. */
static int translate_msghdr(struct stop *s, struct sockcall *sc)
{
	unsigned w = s->arch->word_size;
	unsigned char hdr[7 * 8];
	uint64_t name = 0, addr = 0;
	uint32_t namelen;
	size_t len;
	int r = mem_read(s->p->tid, arch_word(s->arch, sc->a[1]), hdr, 7 * w);

	if (r < 0)
		return r == -EFAULT ? 0 : r;
	memcpy(&name, hdr, w);
	memcpy(&namelen, hdr + w, 4);
	r = translate_sockaddr(s, name, namelen, 0, &addr, &len);
	if (r < 0 || !addr)
		return r;
	memcpy(hdr, &addr, w);	/* little-endian: the low word first */
	namelen = (uint32_t)len;
	memcpy(hdr + w, &namelen, 4);
	r = scratch_put(s, hdr, 7 * w, &addr);
	return r < 0 ? r : repack(s, sc, 1, addr);
}

/* sendmmsg: every struct mmsghdr (a msghdr, then unsigned msg_len, in
 * words of the ABI) with a name gets it translated, in a copy of the
 * vector; the kernel's msg_len go back to the caller's at the exit. */
static int translate_mmsghdrs(struct stop *s, struct sockcall *sc)
{
	unsigned w = s->arch->word_size;
	size_t esize = 7 * w + (w == 8 ? 8 : 4), vlen = (uint32_t)sc->a[2];
	uint64_t vec = arch_word(s->arch, sc->a[1]), copy;
	_cleanup_free_ unsigned char *v = NULL;
	bool changed = false;
	int r;

	if (vlen > 1024)
		vlen = 1024;	/* UIO_MAXIOV: the kernel sends no more */
	if (!vlen || !(v = malloc(vlen * esize)))
		return vlen ? -ENOMEM : 0;
	r = mem_read(s->p->tid, vec, v, vlen * esize);
	if (r < 0)
		return r == -EFAULT ? 0 : r;
	for (size_t i = 0; i < vlen; i++) {
		unsigned char *e = v + i * esize;
		uint64_t name = 0, addr = 0;
		uint32_t namelen;
		size_t len;

		memcpy(&name, e, w);	/* little-endian */
		memcpy(&namelen, e + w, 4);
		r = translate_sockaddr(s, name, namelen, 0, &addr, &len);
		if (r < 0 || s->skip)
			return r;
		if (!addr)
			continue;
		memcpy(e, &addr, w);
		namelen = (uint32_t)len;
		memcpy(e + w, &namelen, 4);
		changed = true;
	}
	if (!changed)
		return 0;
	r = scratch_put(s, v, vlen * esize, &copy);
	if (r == 0)
		r = repack(s, sc, 1, copy);
	if (r == 0) {
		s->want_exit = true;
		s->p->exit_id = ID_sendmmsg;
		s->p->exit_args[0] = vec;
		s->p->exit_args[1] = copy;
		s->p->exit_args[2] = vlen;
	}
	return r;
}

/* At sendmmsg's exit: msg_len of the sent messages back to the caller. */
int handle_sendmmsg_exit(struct proc *p, const struct arch_def *a, int64_t rval)
{
	unsigned w = a->word_size;
	size_t esize = 7 * w + (w == 8 ? 8 : 4);
	int64_t sent = arch_sword(a, (uint64_t)rval);

	for (int64_t i = 0; i < sent && (uint64_t)i < p->exit_args[2]; i++) {
		uint32_t len;
		int r = mem_read(p->tid, p->exit_args[1] + (uint64_t)i * esize + 7 * w, &len, 4);

		if (r == 0)
			r = mem_write(p->tid, p->exit_args[0] + (uint64_t)i * esize + 7 * w, &len, 4);
		if (r < 0)
			return r == -EFAULT ? 0 : r;
	}
	return 0;
}

/* Calls that return an address in arguments addr_i and addr_i + 1 (its
 * length): ask for the exit stop to translate it. */
static void want_address_back(struct stop *s, const struct sockcall *sc, unsigned addr_i)
{
	uint32_t bufsize;

	if (!sc->a[addr_i] || !sc->a[addr_i + 1] ||
	    mem_read(s->p->tid, arch_word(s->arch, sc->a[addr_i + 1]), &bufsize, sizeof(bufsize)) < 0)
		return;
	s->want_exit = true;
	s->p->exit_id = sc->id;
	s->p->exit_args[1] = sc->a[addr_i];
	s->p->exit_args[2] = sc->a[addr_i + 1];
	s->p->exit_args[3] = bufsize;	/* the caller's buffer: written up to that */
}

int handle_sock(struct stop *s)
{
	struct sockcall sc;
	int r;

	if (vroot_is_identity() && !strcmp(s->p->fs->root, "/"))
		return 0;
	r = unpack(s, &sc);
	if (r != 0)
		return r < 0 ? r : 0;
	switch (sc.id) {
	case ID_bind:
		return translate_addr(s, &sc, 1, 2, RES_PARENT);
	case ID_connect:
		return translate_addr(s, &sc, 1, 2, 0);
	case ID_sendto:
		return translate_addr(s, &sc, 4, 5, 0);
	case ID_sendmsg:
		return translate_msghdr(s, &sc);
	case ID_sendmmsg:
		return translate_mmsghdrs(s, &sc);
	case ID_accept:
	case ID_accept4:
	case ID_getsockname:
	case ID_getpeername:
		want_address_back(s, &sc, 1);
		return 0;
	case ID_recvfrom:
		want_address_back(s, &sc, 4);
		return 0;
	default:
		return 0;
	}
}

/* At the exit of getsockname & co: a host path in the returned address
 * becomes the path the process would see. */
int handle_sock_exit(struct proc *p, const struct arch_def *a, int64_t rval)
{
	/* family, then the path with its NUL: one byte longer than a struct
	 * sockaddr_un when the path fills sun_path, as the kernel reports it */
	unsigned char in[sizeof(struct sockaddr_un) + 1] = {}, out[sizeof(sa_family_t) + PATH_MAX];
	size_t off = offsetof(struct sockaddr_un, sun_path), outlen;
	char session_path[PATH_MAX], path[sizeof(in)] = "";
	const char *seen;
	uint64_t addr = arch_word(a, p->exit_args[1]), lenp = arch_word(a, p->exit_args[2]);
	uint32_t buflen = (uint32_t)p->exit_args[3], len;
	sa_family_t family;
	int r;

	if (arch_sword(a, (uint64_t)rval) < 0)
		return 0;
	r = mem_read(p->tid, lenp, &len, sizeof(len));
	if (r < 0)
		return r == -EFAULT ? 0 : r;
	if (len > sizeof(in) - 1)
		len = sizeof(in) - 1;
	if (len <= off)
		return 0;
	r = mem_read(p->tid, addr, in, len < buflen ? len : buflen);
	memcpy(&family, in, sizeof(family));
	memcpy(path, in + off, len - off);
	if (r < 0 || family != AF_UNIX || path[0] != '/')
		return r == -EFAULT ? 0 : r;
	seen = alias_guest(path);
	if (!seen && vroot_host_to_session(&session, path, session_path, sizeof(session_path)) == 0)
		seen = as_seen_by(p, session_path);
	if (!seen)
		return 0;
	outlen = off + strlen(seen) + 1;
	memcpy(out, &family, sizeof(family));
	memcpy(out + off, seen, outlen - off);
	r = mem_write(p->tid, addr, out, outlen < buflen ? outlen : buflen);
	if (r == 0) {
		len = (uint32_t)outlen;
		r = mem_write(p->tid, lenp, &len, sizeof(len));
	}
	return r == -EFAULT ? 0 : r;
}
