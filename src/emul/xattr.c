/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Extended attributes: security.*, trusted.* and system.* (capabilities,
 * SELinux labels, POSIX ACLs) are kept in the store and read back; user.*
 * go to the file as usual; the store's own user.iamroot.* are invisible
 * (not listed, ENODATA), so tar --xattrs copies what real root would see.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <linux/capability.h>
#include <linux/limits.h>
#include <sys/xattr.h>

#include "emul.h"
#include "mem.h"
#include "store.h"
#include "util.h"

#define VALUE_MAX (64 * 1024)	/* XATTR_SIZE_MAX */

enum xop { XGET, XSET, XLIST, XREMOVE };

static enum xop op_of(const char *name)
{
	return strstr(name, "get") ? XGET : strstr(name, "set") ? XSET
		: strstr(name, "list") ? XLIST : XREMOVE;
}

static int list_xattrs(struct stop *s, const char *host, bool nofollow, const struct stat *st,
		       unsigned arg)
{
	size_t size = arch_word(s->arch, s->args[arg + 1]);
	_cleanup_free_ char *buf = malloc(2 * VALUE_MAX);
	ssize_t n, m;

	if (!buf)
		return -ENOMEM;
	n = nofollow ? llistxattr(host, buf, VALUE_MAX) : listxattr(host, buf, VALUE_MAX);
	if (n < 0 && errno != ENOTSUP)
		return -errno;
	n = n < 0 ? 0 : (ssize_t)store_xattr_filter_list(buf, (size_t)n);
	m = store ? store_xattr_list(store, AT_FDCWD, host, nofollow, st, buf + n, VALUE_MAX) : 0;
	if (m < 0)
		return (int)m;
	n += m;
	if (size == 0)
		return (int)n;
	if ((size_t)n > size)
		return -ERANGE;
	m = mem_write(s->p->tid, arch_word(s->arch, s->args[arg]), buf, (size_t)n);
	return m < 0 ? (int)m : (int)n;
}

static int get_xattr(struct stop *s, const char *host, bool nofollow, const struct stat *st,
		     const char *name, unsigned arg)
{
	size_t size = arch_word(s->arch, s->args[arg + 1]);
	_cleanup_free_ char *buf = malloc(VALUE_MAX);
	ssize_t n;

	if (!buf)
		return -ENOMEM;
	n = store_xattr_get(store, AT_FDCWD, host, nofollow, st, name, buf,
			    size ? (size < VALUE_MAX ? size : VALUE_MAX) : 0);
	if (n <= 0 || size == 0)
		return (int)n;
	n = mem_write(s->p->tid, arch_word(s->arch, s->args[arg]), buf, (size_t)n) < 0 ? -EFAULT : n;
	return (int)n;
}

/* A POSIX access ACL carries the mode's rwx bits (the owner's, the group's
 * or the mask's, the others'): setting one sets them, and one that says no
 * more than the mode is not kept, as the kernel does (posix_acl_equiv_mode). */
static int acl_to_mode(const unsigned char *v, size_t size, mode_t *mode, bool *ret_equiv)
{
	enum { USER_OBJ = 1, USER = 2, GROUP_OBJ = 4, GROUP = 8, MASK = 0x10, OTHER = 0x20 };
	mode_t m = *mode & ~(mode_t)0777;
	int group_obj = -1, mask = -1;
	bool equiv = true;
	uint32_t version;

	if (size < 4 || (size - 4) % 8)
		return -EINVAL;
	memcpy(&version, v, 4);
	if (version != 2)
		return -EOPNOTSUPP;
	for (size_t off = 4; off < size; off += 8) {
		uint16_t tag, perm;

		memcpy(&tag, v + off, 2);
		memcpy(&perm, v + off + 2, 2);
		perm &= 7;
		switch (tag) {
		case USER_OBJ: m |= (mode_t)perm << 6; break;
		case GROUP_OBJ: group_obj = perm; break;
		case MASK: mask = perm; equiv = false; break;
		case OTHER: m |= perm; break;
		case USER: case GROUP: equiv = false; break;
		default: return -EINVAL;
		}
	}
	m |= (mode_t)(mask >= 0 ? mask : group_obj >= 0 ? group_obj : 0) << 3;
	*mode = m;
	*ret_equiv = equiv;
	return 0;
}

static int set_acl_mode(const char *host, bool nofollow, const struct stat *st, const char *buf,
			size_t size, bool *ret_equiv)
{
	struct stat fake = *st;
	struct fake_meta m = { .mask = FM_MODE };
	mode_t mode;
	int r;

	fake_view(host, nofollow, &fake);
	mode = fake.st_mode;
	r = acl_to_mode((const unsigned char *)buf, size, &mode, ret_equiv);
	if (r < 0)
		return r;
	m.mode = mode & 07777;
	return store_set(store, AT_FDCWD, host, nofollow, st, &m);
}

static int set_xattr(struct stop *s, const char *host, bool nofollow, const struct stat *st,
		     const char *name, unsigned arg)
{
	size_t size = arch_word(s->arch, s->args[arg + 1]);
	_cleanup_free_ char *buf = malloc(VALUE_MAX);
	int r;

	if (!buf)
		return -ENOMEM;
	if (size > VALUE_MAX)
		return -E2BIG;
	if (size && mem_read(s->p->tid, arch_word(s->arch, s->args[arg]), buf, size) < 0)
		return -EFAULT;
	if (!creds_capable(&s->p->creds, CAP_SYS_ADMIN) && !strncmp(name, "trusted.", 8))
		return -EPERM;
	if (!strcmp(name, "system.posix_acl_access")) {
		bool equiv;

		r = set_acl_mode(host, nofollow, st, buf, size, &equiv);
		if (r < 0 || equiv) {
			if (r == 0)	/* nothing beyond the mode: no ACL kept */
				(void)store_xattr_remove(store, AT_FDCWD, host, nofollow, st, name);
			return r;
		}
	}
	r = store_xattr_set(store, AT_FDCWD, host, nofollow, st, name, buf, size,
			    (int)s->args[arg + 2]);
	return r;
}

int handle_xattr(struct stop *s, const struct sysent *e)
{
	char host[PATH_MAX], name[XATTR_NAME_MAX + 2] = "";
	enum xop op = op_of(e->name);
	unsigned arg = e->path == NA ? 1 : (unsigned)e->path + 1;	/* first after the object */
	struct stat st;
	bool nofollow;
	int r;

	if (op != XLIST) {
		r = mem_read_string(s->p->tid, arch_word(s->arch, s->args[arg]), name, sizeof(name));
		if (r == -ESRCH)
			return r;
		if (r < 0) {
			stop_fail(s, r == -ENAMETOOLONG ? ERANGE : EFAULT);
			return 0;
		}
		bool internal = store_xattr_is_internal(name);
		if ((!store_xattr_is_emulated(name) && !internal) || (internal && op == XSET) || !store)
			return e->path == NA ? 0 : handle_paths(s, e);	/* the file's own */
		if (internal) {
			stop_fail(s, ENODATA);	/* ours: invisible */
			return 0;
		}
		arg++;	/* now the value or list */
	}
	r = object_of(s, e, host, sizeof(host), &nofollow);
	if (r != 0)
		return r < 0 ? r : 0;
	if (fstatat(AT_FDCWD, host, &st, nofollow ? AT_SYMLINK_NOFOLLOW : 0) < 0) {
		stop_fail(s, errno);
		return 0;
	}
	switch (op) {
	case XLIST: r = list_xattrs(s, host, nofollow, &st, arg); break;
	case XGET: r = get_xattr(s, host, nofollow, &st, name, arg); break;
	case XSET: r = set_xattr(s, host, nofollow, &st, name, arg); break;
	case XREMOVE:
		r = store_xattr_remove(store, AT_FDCWD, host, nofollow, &st, name);
		break;
	}
	if (r == -ESRCH)
		return r;
	s->skip = true;
	s->ret = r;
	return 0;
}
