/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Fake identity: every thread has its own fake credentials (as in the
 * kernel: glibc's setuid() makes each thread call it), inherited by new
 * threads and processes, kept across exec.  The get* calls answer from
 * them; the set* calls follow the kernel's rules (kernel/sys.c) against
 * them, with capabilities dropped and regained as commoncap.c does.
 */
#include <errno.h>
#include <linux/capability.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>

#include "emul.h"
#include "mem.h"

static uint64_t all_caps = (1ull << (CAP_LAST_CAP + 1)) - 1;

/* Capabilities that follow the fsuid (CAP_FS_MASK). */
#define FS_CAPS ((1ull << CAP_CHOWN) | (1ull << CAP_DAC_OVERRIDE) | \
		 (1ull << CAP_DAC_READ_SEARCH) | (1ull << CAP_FOWNER) | \
		 (1ull << CAP_FSETID) | (1ull << CAP_LINUX_IMMUTABLE) | \
		 (1ull << CAP_MKNOD) | (1ull << CAP_MAC_OVERRIDE))

void creds_init(struct creds *c, uint32_t uid, uint32_t gid)
{
	FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "re");
	int last;

	if (f) {
		if (fscanf(f, "%d", &last) == 1 && last > 0 && last < 63)
			all_caps = (1ull << (last + 1)) - 1;
		fclose(f);
	}
	memset(c, 0, sizeof(*c));
	c->ruid = c->euid = c->suid = c->fsuid = uid;
	c->rgid = c->egid = c->sgid = c->fsgid = gid;
	c->ngroups = 1;
	c->groups[0] = gid;
	c->cap_bset = all_caps;
	c->cap_perm = uid == 0 ? all_caps : 0;
	c->cap_eff = c->cap_perm;
}

bool creds_capable(const struct creds *c, int cap)
{
	return c->cap_eff & (1ull << cap);
}

/* exec (commoncap.c, no file capabilities): root gets the bounding set,
 * others keep their ambient ones; dumpable again. */
void creds_exec(struct creds *c)
{
	bool root = c->ruid == 0 || c->euid == 0;

	c->cap_perm = root ? (c->cap_inh | c->cap_bset) : c->cap_amb;
	c->cap_eff = c->euid == 0 ? c->cap_perm : c->cap_amb;
	if (root)
		c->cap_amb = 0;
	c->suid = c->euid;
	c->sgid = c->egid;
	c->undumpable = false;
}

/* commoncap.c's cap_emulate_setxuid and the fsuid rule. */
static void uid_changed(struct creds *c, const struct creds *old)
{
	bool was_root = old->ruid == 0 || old->euid == 0 || old->suid == 0;

	if (was_root && c->ruid && c->euid && c->suid && !c->keep_caps)
		c->cap_perm = c->cap_eff = 0;
	if (old->euid == 0 && c->euid != 0)
		c->cap_eff = 0;
	if (old->euid != 0 && c->euid == 0)
		c->cap_eff = c->cap_perm;
	if (old->fsuid == 0 && c->fsuid != 0)
		c->cap_eff &= ~FS_CAPS;
	if (old->fsuid != 0 && c->fsuid == 0)
		c->cap_eff |= c->cap_perm & FS_CAPS;
}

/* A 16-bit call (i386's getuid, not getuid32): -1 is 0xffff, and what does
 * not fit shows as the overflow id, as the kernel does. */
struct idview {
	bool narrow;
};

static uint32_t widen(const struct idview *v, uint64_t id)
{
	if (v->narrow)
		return (uint16_t)id == 0xffff ? (uint32_t)-1 : (uint16_t)id;
	return (uint32_t)id;
}

static uint32_t narrow(const struct idview *v, uint32_t id)
{
	return v->narrow && id > 0xffff ? 65534 : id;
}

static bool is_narrow(const struct stop *s)
{
	const char *n = sysent[s->id].name;
	size_t len = strlen(n);

	/* The ABI has getuid32: its plain names are the 16-bit ones. */
	return !(len > 2 && !strcmp(n + len - 2, "32")) &&
	       sysent_abi(s->arch)->nr[ID_getuid32] >= 0;
}

static int put_ids(struct stop *s, const struct idview *v, const uint32_t *ids, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		uint32_t id = narrow(v, ids[i]);
		uint16_t id16 = (uint16_t)id;
		int r = mem_write(s->p->tid, arch_word(s->arch, s->args[i]),
				  v->narrow ? (void *)&id16 : (void *)&id, v->narrow ? 2 : 4);

		if (r < 0) {
			stop_fail(s, EFAULT);
			return r == -EFAULT ? 0 : r;
		}
	}
	s->skip = true;
	s->ret = 0;
	return 0;
}

static bool may_set(const struct creds *c, bool capable, uint32_t id, const uint32_t allowed[3])
{
	return capable || id == allowed[0] || id == allowed[1] || id == allowed[2];
}

/* setresuid and friends, for uids (is_gid false) or gids. */
static int set_res(struct stop *s, const struct idview *v, bool is_gid, uint32_t r,
		   uint32_t e, uint32_t sv)
{
	struct creds *c = &s->p->creds, old = *c;
	uint32_t *R = is_gid ? &c->rgid : &c->ruid, *E = is_gid ? &c->egid : &c->euid;
	uint32_t *S = is_gid ? &c->sgid : &c->suid, *F = is_gid ? &c->fsgid : &c->fsuid;
	const uint32_t allowed[3] = { *R, *E, *S };
	bool capable = creds_capable(c, is_gid ? CAP_SETGID : CAP_SETUID);

	if ((r != (uint32_t)-1 && !may_set(c, capable, r, allowed)) ||
	    (e != (uint32_t)-1 && !may_set(c, capable, e, allowed)) ||
	    (sv != (uint32_t)-1 && !may_set(c, capable, sv, allowed))) {
		stop_fail(s, EPERM);
		return 0;
	}
	if (r != (uint32_t)-1)
		*R = r;
	if (e != (uint32_t)-1)
		*E = e;
	if (sv != (uint32_t)-1)
		*S = sv;
	*F = *E;
	if (!is_gid)
		uid_changed(c, &old);
	s->skip = true;
	s->ret = 0;
	return 0;
}

static int set_one(struct stop *s, const struct idview *v, bool is_gid, uint32_t id)
{
	struct creds *c = &s->p->creds;
	bool capable = creds_capable(c, is_gid ? CAP_SETGID : CAP_SETUID);

	if (id == (uint32_t)-1) {
		stop_fail(s, EINVAL);
		return 0;
	}
	if (capable)
		return set_res(s, v, is_gid, id, id, id);
	return set_res(s, v, is_gid, (uint32_t)-1, id, (uint32_t)-1);
}

/* setreuid (kernel/sys.c): the real id may become the real or effective
 * one, the effective any of the three; the saved one follows the effective
 * when the real is set or the effective differs from the old real. */
static int set_re(struct stop *s, bool is_gid, uint32_t r, uint32_t e)
{
	struct creds *c = &s->p->creds, old = *c;
	uint32_t *R = is_gid ? &c->rgid : &c->ruid, *E = is_gid ? &c->egid : &c->euid;
	uint32_t *S = is_gid ? &c->sgid : &c->suid, *F = is_gid ? &c->fsgid : &c->fsuid;
	const uint32_t real_or_eff[3] = { *R, *E, *E }, any[3] = { *R, *E, *S };
	bool capable = creds_capable(c, is_gid ? CAP_SETGID : CAP_SETUID);
	uint32_t old_r = *R;

	if ((r != (uint32_t)-1 && !may_set(c, capable, r, real_or_eff)) ||
	    (e != (uint32_t)-1 && !may_set(c, capable, e, any))) {
		stop_fail(s, EPERM);
		return 0;
	}
	if (r != (uint32_t)-1)
		*R = r;
	if (e != (uint32_t)-1)
		*E = e;
	if (r != (uint32_t)-1 || (e != (uint32_t)-1 && e != old_r))
		*S = *E;
	*F = *E;
	if (!is_gid)
		uid_changed(c, &old);
	s->skip = true;
	s->ret = 0;
	return 0;
}

/* setfsuid: always returns the old one; changes it when allowed. */
static int set_fs(struct stop *s, const struct idview *v, bool is_gid, uint32_t id)
{
	struct creds *c = &s->p->creds, old = *c;
	uint32_t *F = is_gid ? &c->fsgid : &c->fsuid;
	const uint32_t allowed[3] = { is_gid ? c->rgid : c->ruid, is_gid ? c->egid : c->euid,
				      is_gid ? c->sgid : c->suid };

	s->skip = true;
	s->ret = narrow(v, *F);
	if (id != (uint32_t)-1 && (may_set(c, creds_capable(c, is_gid ? CAP_SETGID : CAP_SETUID),
					   id, allowed) || id == *F)) {
		*F = id;
		if (!is_gid)
			uid_changed(c, &old);
	}
	return 0;
}

static int get_groups(struct stop *s, const struct idview *v)
{
	const struct creds *c = &s->p->creds;
	int64_t size = arch_sword(s->arch, s->args[0]);

	if (size < 0 || (size && size < c->ngroups)) {
		stop_fail(s, EINVAL);
		return 0;
	}
	for (unsigned i = 0; size && i < c->ngroups; i++) {
		uint32_t id = narrow(v, c->groups[i]);
		uint16_t id16 = (uint16_t)id;
		int r = mem_write(s->p->tid, arch_word(s->arch, s->args[1]) + i * (v->narrow ? 2 : 4),
				  v->narrow ? (void *)&id16 : (void *)&id, v->narrow ? 2 : 4);
		if (r < 0) {
			stop_fail(s, EFAULT);
			return r == -EFAULT ? 0 : r;
		}
	}
	s->skip = true;
	s->ret = c->ngroups;
	return 0;
}

static int set_groups(struct stop *s, const struct idview *v)
{
	struct creds *c = &s->p->creds;
	int64_t n = arch_sword(s->arch, s->args[0]);
	unsigned w = v->narrow ? 2 : 4;
	unsigned char buf[CREDS_MAX_GROUPS * 4];

	if (!creds_capable(c, CAP_SETGID)) {
		stop_fail(s, EPERM);
		return 0;
	}
	if (n < 0 || n > CREDS_MAX_GROUPS) {
		stop_fail(s, EINVAL);
		return 0;
	}
	if (n && mem_read(s->p->tid, arch_word(s->arch, s->args[1]), buf, (size_t)n * w) < 0) {
		stop_fail(s, EFAULT);
		return 0;
	}
	for (int64_t i = 0; i < n; i++) {
		uint32_t id = 0;
		memcpy(&id, buf + i * w, w);
		c->groups[i] = widen(v, id);
	}
	c->ngroups = (uint32_t)n;
	s->skip = true;
	s->ret = 0;
	return 0;
}

/* capget/capset: struct __user_cap_header_struct and one (version 1) or
 * two (versions 2 and 3) struct __user_cap_data_struct. */
struct cap_data {
	uint32_t effective, permitted, inheritable;
};

static int cap_words(struct stop *s, unsigned *ret_n)
{
	uint32_t hdr[2];

	if (mem_read(s->p->tid, arch_word(s->arch, s->args[0]), hdr, sizeof(hdr)) < 0)
		return -EFAULT;
	if (hdr[0] == _LINUX_CAPABILITY_VERSION_1) {
		*ret_n = 1;
	} else if (hdr[0] == _LINUX_CAPABILITY_VERSION_2 || hdr[0] == _LINUX_CAPABILITY_VERSION_3) {
		*ret_n = 2;
	} else {
		hdr[0] = _LINUX_CAPABILITY_VERSION_3;	/* tell the caller ours */
		(void)mem_write(s->p->tid, arch_word(s->arch, s->args[0]), hdr, 4);
		return -EINVAL;
	}
	if (hdr[1] != 0 && (pid_t)hdr[1] != s->p->tgid && (pid_t)hdr[1] != s->p->tid)
		return s->id == ID_capset ? -EPERM : -ESRCH;
	return 0;
}

static int cap_get(struct stop *s)
{
	const struct creds *c = &s->p->creds;
	struct cap_data d[2];
	unsigned n;
	int r = cap_words(s, &n);

	if (r == -EINVAL && !s->args[1])
		r = 0;		/* the version probe */
	if (r == 0 && s->args[1]) {
		for (unsigned i = 0; i < n; i++)
			d[i] = (struct cap_data){ (uint32_t)(c->cap_eff >> (32 * i)),
						  (uint32_t)(c->cap_perm >> (32 * i)),
						  (uint32_t)(c->cap_inh >> (32 * i)) };
		r = mem_write(s->p->tid, arch_word(s->arch, s->args[1]), d, n * sizeof(d[0]));
	}
	stop_fail(s, r < 0 ? -r : 0);
	return 0;
}

static int cap_set(struct stop *s)
{
	struct creds *c = &s->p->creds;
	struct cap_data d[2] = {};
	uint64_t eff = 0, perm = 0, inh = 0;
	unsigned n;
	int r = cap_words(s, &n);

	if (r == 0)
		r = mem_read(s->p->tid, arch_word(s->arch, s->args[1]), d, n * sizeof(d[0]));
	for (unsigned i = 0; r == 0 && i < n; i++) {
		eff |= (uint64_t)d[i].effective << (32 * i);
		perm |= (uint64_t)d[i].permitted << (32 * i);
		inh |= (uint64_t)d[i].inheritable << (32 * i);
	}
	if (r == 0 && ((perm & ~c->cap_perm) || (eff & ~perm) || (inh & ~(c->cap_inh | c->cap_perm))))
		r = -EPERM;
	if (r == 0) {
		c->cap_eff = eff;
		c->cap_perm = perm;
		c->cap_inh = inh;
	}
	stop_fail(s, r < 0 ? -r : 0);
	return 0;
}

static int64_t ambient(struct creds *c, uint64_t op, uint64_t cap)
{
	uint64_t bit = cap < 64 ? 1ull << cap : 0;

	if (op != PR_CAP_AMBIENT_CLEAR_ALL && !(bit & all_caps))
		return -EINVAL;
	switch (op) {
	case PR_CAP_AMBIENT_IS_SET:
		return !!(c->cap_amb & bit);
	case PR_CAP_AMBIENT_RAISE:
		if (!(c->cap_perm & bit) || !(c->cap_inh & bit))
			return -EPERM;
		c->cap_amb |= bit;
		return 0;
	case PR_CAP_AMBIENT_LOWER:
		c->cap_amb &= ~bit;
		return 0;
	case PR_CAP_AMBIENT_CLEAR_ALL:
		c->cap_amb = 0;
		return 0;
	default:
		return -EINVAL;
	}
}

/* The prctl options of PRCTL_TRAPPED, answered from the fake credentials. */
int handle_prctl(struct stop *s)
{
	struct creds *c = &s->p->creds;
	uint64_t a = arch_word(s->arch, s->args[1]);
	int64_t r = 0;

	switch ((int)s->args[0]) {
	case PR_GET_KEEPCAPS: r = c->keep_caps; break;
	case PR_SET_KEEPCAPS: r = a > 1 ? -EINVAL : (c->keep_caps = a, 0); break;
	case PR_GET_DUMPABLE: r = !c->undumpable; break;
	case PR_SET_DUMPABLE: r = a > 1 ? -EINVAL : (c->undumpable = !a, 0); break;
	case PR_GET_SECUREBITS: r = c->securebits; break;
	case PR_SET_SECUREBITS:
		r = creds_capable(c, CAP_SETPCAP) ? (c->securebits = (uint32_t)a, 0) : -EPERM;
		break;
	case PR_CAPBSET_READ: r = a > 63 || !((1ull << a) & all_caps) ? -EINVAL : !!(c->cap_bset & (1ull << a)); break;
	case PR_CAPBSET_DROP:
		if (a > 63 || !((1ull << a) & all_caps))
			r = -EINVAL;
		else if (!creds_capable(c, CAP_SETPCAP))
			r = -EPERM;
		else
			c->cap_bset &= ~(1ull << a);
		break;
	case PR_CAP_AMBIENT: r = ambient(c, a, arch_word(s->arch, s->args[2])); break;
	case PR_GET_NO_NEW_PRIVS: r = c->no_new_privs; break;
	case PR_SET_NO_NEW_PRIVS: r = a != 1 ? -EINVAL : (c->no_new_privs = true, 0); break;
	default: return 0;	/* not ours after all: let it through */
	}
	s->skip = true;
	s->ret = r;
	return 0;
}

static uint32_t arg_id(const struct stop *s, const struct idview *v, unsigned i)
{
	return widen(v, arch_word(s->arch, s->args[i]));
}

int handle_identity(struct stop *s)
{
	struct idview v = { is_narrow(s) };
	const struct creds *c = &s->p->creds;
	const char *n = sysent[s->id].name;
	bool gid = strstr(n, "gid") != NULL;

	if (!strncmp(n, "getres", 6)) {
		const uint32_t ids[3] = { gid ? c->rgid : c->ruid, gid ? c->egid : c->euid,
					  gid ? c->sgid : c->suid };
		return put_ids(s, &v, ids, 3);
	}
	if (!strncmp(n, "getgroups", 9))
		return get_groups(s, &v);
	if (!strncmp(n, "setgroups", 9))
		return set_groups(s, &v);
	if (!strcmp(n, "capget"))
		return cap_get(s);
	if (!strcmp(n, "capset"))
		return cap_set(s);
	if (!strncmp(n, "gete", 4) || !strncmp(n, "get", 3)) {
		s->skip = true;
		s->ret = narrow(&v, !strncmp(n, "gete", 4) ? (gid ? c->egid : c->euid)
							   : (gid ? c->rgid : c->ruid));
		return 0;
	}
	if (!strncmp(n, "setres", 6))
		return set_res(s, &v, gid, arg_id(s, &v, 0), arg_id(s, &v, 1), arg_id(s, &v, 2));
	if (!strncmp(n, "setre", 5))
		return set_re(s, gid, arg_id(s, &v, 0), arg_id(s, &v, 1));
	if (!strncmp(n, "setfs", 5))
		return set_fs(s, &v, gid, arg_id(s, &v, 0));
	return set_one(s, &v, gid, arg_id(s, &v, 0));
}
