/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <unistd.h>

#include "mem.h"
#include "util.h"

#define PAGE 4096u

/* process_vm_* may be missing (ENOSYS in some sandboxes: then never tried
 * again) or refused for one tracee (EPERM: it made itself undumpable);
 * then /proc/PID/mem, and, as that is refused too for an undumpable
 * process, ptrace's word by word access, which a tracer always has. */
static bool no_process_vm;

static int proc_mem_io(pid_t pid, uint64_t addr, void *buf, size_t len, bool write)
{
	char path[32];
	_cleanup_close_ int fd = -1;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/mem", pid);
	fd = open(path, (write ? O_WRONLY : O_RDONLY) | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	n = write ? pwrite(fd, buf, len, (off_t)addr) : pread(fd, buf, len, (off_t)addr);
	if (n < 0)
		return errno == EIO ? -EFAULT : -errno;
	return (int)n;
}

/* One word at a time; a partial word at either end is read and merged. */
static int ptrace_io(pid_t pid, uint64_t addr, unsigned char *buf, size_t len, bool write)
{
	const size_t w = sizeof(long);
	size_t done = 0;

	while (done < len) {
		uint64_t a = addr + done, base = a & ~(uint64_t)(w - 1);
		size_t off = (size_t)(a - base), n = w - off < len - done ? w - off : len - done;
		long word;

		errno = 0;
		word = ptrace(PTRACE_PEEKDATA, pid, (void *)(uintptr_t)base, 0);
		if (errno)
			return done ? (int)done : (errno == EIO ? -EFAULT : -errno);
		if (write) {
			memcpy((unsigned char *)&word + off, buf + done, n);
			if (ptrace(PTRACE_POKEDATA, pid, (void *)(uintptr_t)base, (void *)word) < 0)
				return done ? (int)done : (errno == EIO ? -EFAULT : -errno);
		} else {
			memcpy(buf + done, (unsigned char *)&word + off, n);
		}
		done += n;
	}
	return (int)done;
}

/* Split the remote range at page boundaries so a fault ends the transfer
 * at the page before it instead of failing it whole. */
static int vm_io(pid_t pid, uint64_t addr, void *buf, size_t len, bool write)
{
	struct iovec local = { buf, len }, remote[3];
	unsigned n = 0;
	uint64_t a = addr, end = addr + len;
	ssize_t r;

	while (a < end && n < ARRAY_SIZE(remote) - 1) {
		uint64_t next = (a | (PAGE - 1)) + 1;
		if (next > end)
			next = end;
		remote[n++] = (struct iovec){ (void *)(uintptr_t)a, next - a };
		a = next;
	}
	if (a < end)
		remote[n++] = (struct iovec){ (void *)(uintptr_t)a, end - a };
	if (!no_process_vm) {
		r = write ? process_vm_writev(pid, &local, 1, remote, n, 0)
			  : process_vm_readv(pid, &local, 1, remote, n, 0);
		if (r >= 0)
			return (int)r;
		if (errno == ESRCH || errno == EFAULT)
			return -errno;
		if (errno == ENOSYS)
			no_process_vm = true;
	}
	r = proc_mem_io(pid, addr, buf, len, write);
	if (r != -EACCES && r != -EPERM)
		return (int)r;
	return ptrace_io(pid, addr, buf, len, write);
}

int mem_read(pid_t pid, uint64_t addr, void *buf, size_t len)
{
	int r = vm_io(pid, addr, buf, len, false);

	if (r < 0)
		return r;
	return (size_t)r == len ? 0 : -EFAULT;
}

int mem_write(pid_t pid, uint64_t addr, const void *buf, size_t len)
{
	int r = vm_io(pid, addr, (void *)buf, len, true);

	if (r < 0)
		return r;
	return (size_t)r == len ? 0 : -EFAULT;
}

int mem_read_string(pid_t pid, uint64_t addr, char *buf, size_t max)
{
	const char *nul;
	int r;

	if (addr == 0)
		return -EFAULT;
	r = vm_io(pid, addr, buf, max, false);
	if (r < 0)
		return r;
	nul = memchr(buf, '\0', (size_t)r);
	if (nul)
		return (int)(nul - buf);
	return (size_t)r == max ? -ENAMETOOLONG : -EFAULT;
}
