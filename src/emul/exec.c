/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * execve and execveat.  The kernel opens a script's `#!` interpreter and an
 * ELF's PT_INTERP by host path, so both are done here: scripts are unwrapped
 * as binfmt_script does, and a dynamic ELF is run through the root's own
 * dynamic loader as `LDSO --argv0 ARGV0 PROGRAM ARGS...` (glibc >= 2.33,
 * musl).  Static programs run as they are; programs of another machine
 * run through qemu-user.  What the loader hides is put right: comm by
 * running it through a link named after the program, /proc/self/exe by
 * answering for it, AT_EXECFN in the new stack at the exec event.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "binfmt.h"
#include "emul.h"
#include "log.h"
#include "mem.h"
#include "util.h"

#define MAX_OURS (3 * SCRIPT_MAX_DEPTH + 8)

/* The new argv: strings of ours, then the original argv from orig_from. */
struct new_argv {
	char ours[MAX_OURS][PATH_MAX];
	uint64_t ours_ptr[MAX_OURS];	/* nonzero: the tracee's own string */
	unsigned nours;
	unsigned orig_from;
};

/* Insert n strings of ours at index at. */
static int insert(struct new_argv *na, unsigned at, const char *const *strs, unsigned n)
{
	if (na->nours + n > MAX_OURS)
		return -E2BIG;
	memmove(&na->ours[at + n], &na->ours[at], (na->nours - at) * sizeof(na->ours[0]));
	memmove(&na->ours_ptr[at + n], &na->ours_ptr[at], (na->nours - at) * sizeof(na->ours_ptr[0]));
	for (unsigned i = 0; i < n; i++) {
		if (strlen(strs[i]) >= sizeof(na->ours[0]))
			return -ENAMETOOLONG;
		strcpy(na->ours[at + i], strs[i]);
		na->ours_ptr[at + i] = 0;
	}
	na->nours += n;
	return 0;
}

static void drop_first(struct new_argv *na)
{
	memmove(&na->ours[0], &na->ours[1], (na->nours - 1) * sizeof(na->ours[0]));
	memmove(&na->ours_ptr[0], &na->ours_ptr[1], (na->nours - 1) * sizeof(na->ours_ptr[0]));
	na->nours--;
}

/* The original argv pointers: count them (up to what the kernel allows). */
static int read_argv(struct stop *s, uint64_t argv, uint64_t **ret, size_t *ret_n)
{
	unsigned w = s->arch->word_size;
	size_t cap = 0, n = 0;
	uint64_t *v = NULL;

	for (; argv; n++) {
		uint64_t p = 0;
		int r;

		if (n == cap) {
			uint64_t *nv = realloc(v, (cap = cap ? cap * 2 : 64) * sizeof(*v));
			if (!nv) {
				free(v);
				return -ENOMEM;
			}
			v = nv;
		}
		r = mem_read(s->p->tid, argv + n * w, &p, w);	/* little-endian */
		if (r < 0) {
			free(v);
			return r;
		}
		if (!p)
			break;
		v[n] = p;
		if (n > 1000000) {
			free(v);
			return -E2BIG;
		}
	}
	*ret = v;
	*ret_n = n;
	return 0;
}

/* Write the new argv array (and our strings) into scratch memory. */
static int put_argv(struct stop *s, const struct new_argv *na, const uint64_t *orig, size_t norig,
		    uint64_t *ret_addr, uint64_t *ret_strs)
{
	unsigned w = s->arch->word_size;
	size_t total = na->nours + (norig > na->orig_from ? norig - na->orig_from : 0) + 1;
	_cleanup_free_ unsigned char *arr = calloc(total, w);
	size_t k = 0;
	int r;

	if (!arr)
		return -ENOMEM;
	for (unsigned i = 0; i < na->nours; i++, k++) {
		uint64_t addr = na->ours_ptr[i];

		if (!addr) {
			r = scratch_put(s, na->ours[i], strlen(na->ours[i]) + 1, &addr);
			if (r < 0)
				return r;
		}
		ret_strs[i] = addr;
		memcpy(arr + k * w, &addr, w);
	}
	for (size_t i = na->orig_from; i < norig; i++, k++)
		memcpy(arr + k * w, &orig[i], w);
	return scratch_put(s, arr, total * w, ret_addr);
}

/* Open what the kernel would execute and check it as root would. */
static int open_program(const char *host, int *ret_fd)
{
	struct stat st;
	int fd = open(host, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || !(st.st_mode & 0111)) {
		close(fd);
		return -EACCES;
	}
	*ret_fd = fd;
	return 0;
}

struct exec_plan {
	char filename[PATH_MAX];	/* host path the kernel executes */
	char program[PATH_MAX];		/* guest path of the final ELF, as given */
	char program_host[PATH_MAX];
	bool rewritten;			/* argv changed (scripts or loader) */
	int execfn_index;		/* argv index of `program`, or -1 */
};

/* The loader under the program's name: a symlink to it in the session's
 * directory, so that the kernel names the process (comm) after the
 * program, as it does natively, with no extra stop. */
static void named_loader(const char *ldso_host, const char *program, char *ret, size_t size)
{
	static char *loaders[256];
	const char *base = strrchr(program, '/'), *dir;
	unsigned i;

	base = base ? base + 1 : program;
	snprintf(ret, size, "%s", ldso_host);
	if (!*base || !strcmp(base, ".") || !strcmp(base, "..") || session_tmpdir(&dir) < 0)
		return;
	if (strrchr(ldso_host, '/') && !strcmp(strrchr(ldso_host, '/') + 1, base))
		return;		/* the kernel names it so already */
	for (i = 0; i < ARRAY_SIZE(loaders) && loaders[i] && strcmp(loaders[i], ldso_host); i++)
		;
	if (i == ARRAY_SIZE(loaders))
		return;
	if (!loaders[i] && !(loaders[i] = strdup(ldso_host)))
		return;
	char link[PATH_MAX];
	if (snprintf(link, sizeof(link), "%s/ld%u", dir, i) >= (int)sizeof(link) ||
	    (mkdir(link, 0700) < 0 && errno != EEXIST))
		return;
	if (snprintf(link, sizeof(link), "%s/ld%u/%s", dir, i, base) >= (int)sizeof(link) ||
	    (symlink(ldso_host, link) < 0 && errno != EEXIST))
		return;
	snprintf(ret, size, "%s", link);
}

/* qemu-user for programs of another machine: named with -q, or found as
 * qemu-NAME-static or qemu-NAME in the usual directories. */
static const char *qemu_override;

void exec_set_qemu(const char *path)
{
	qemu_override = path;
}

static const char *qemu_name(const struct elf_info *elf)
{
	switch (elf->machine) {
	case EM_AARCH64: return elf->big_endian ? "aarch64_be" : "aarch64";
	case EM_ARM: return elf->big_endian ? "armeb" : "arm";
	case EM_RISCV: return elf->class == ELFCLASS64 ? "riscv64" : "riscv32";
	case EM_S390: return "s390x";
	case EM_PPC64: return elf->big_endian ? "ppc64" : "ppc64le";
	case EM_PPC: return "ppc";
	case EM_386: return "i386";
	case EM_X86_64: return "x86_64";
	case EM_MIPS: return elf->class == ELFCLASS64 ? (elf->big_endian ? "mips64" : "mips64el")
						     : (elf->big_endian ? "mips" : "mipsel");
	case EM_LOONGARCH: return "loongarch64";
	case EM_SPARCV9: return "sparc64";
	default: return NULL;
	}
}

static bool native_machine(uint16_t machine)
{
	for (const struct arch_def *const *a = arch_table; *a; a++)
		if ((*a)->elf_machine == machine)
			return true;
	return false;
}

static int find_qemu(const struct elf_info *elf, char *ret, size_t size)
{
	static const char *const dirs[] = { "/usr/bin", "/usr/local/bin", "/bin" };
	static const char *const suffixes[] = { "-static", "" };
	const char *name = qemu_name(elf);

	if (qemu_override) {
		snprintf(ret, size, "%s", qemu_override);
		return 0;
	}
	for (unsigned d = 0; name && d < ARRAY_SIZE(dirs); d++)
		for (unsigned k = 0; k < ARRAY_SIZE(suffixes); k++) {
			snprintf(ret, size, "%s/qemu-%s%s", dirs[d], name, suffixes[k]);
			if (access(ret, X_OK) == 0)
				return 0;
		}
	return -ENOEXEC;	/* as the kernel says without binfmt_misc */
}

/* One `#!` step: argv becomes interpreter, its argument, the script, then
 * argv[1...] (argv[0] is dropped, as binfmt_script does). */
static int unwrap_script(struct new_argv *na, const struct shebang *sb, const char *script)
{
	const char *front[3] = { sb->interp, sb->arg, script };

	drop_first(na);
	if (sb->has_arg)
		return insert(na, 0, front, 3);
	front[1] = script;
	return insert(na, 0, front, 2);
}

/* The program as a loader (ld.so, qemu) is to open it from the tracee's
 * working directory: a name without a slash would be searched as a library,
 * and a path relative to an execveat dirfd means nothing there. */
static int program_arg(struct stop *s, const char *cur, bool dirfd_relative,
		       const struct exec_plan *plan, char *ret, size_t size)
{
	char session_path[PATH_MAX], buf[PATH_MAX + 2];
	int r;

	if (cur[0] == '/' || (!dirfd_relative && strchr(cur, '/'))) {
		snprintf(buf, sizeof(buf), "%s", cur);
	} else if (!dirfd_relative) {
		snprintf(buf, sizeof(buf), "./%s", cur);
	} else {
		r = vroot_host_to_session(&session, plan->program_host, session_path, sizeof(session_path));
		if (r < 0)
			return r;
		snprintf(buf, sizeof(buf), "%s", as_seen_by(s->p, session_path));
	}
	if (strlen(buf) >= size)
		return -ENAMETOOLONG;
	strcpy(ret, buf);
	return 0;
}

/* Follow `#!` lines from guest path `given` down to an ELF, and plan how
 * the kernel is to run it. */
static int plan_exec(struct stop *s, int dirfd_idx, const char *given, const char *shown,
		     bool cloexec_fd, struct new_argv *na, struct exec_plan *plan)
{
	char cur[PATH_MAX], buf[BINPRM_BUF_SIZE], ldso[PATH_MAX];
	const char *comm_source = given;	/* the kernel names it after this */
	struct elf_info elf;
	int depth = 0, r;

	snprintf(cur, sizeof(cur), "%s", given);
	for (;;) {
		_cleanup_close_ int fd = -1;
		struct shebang sb;
		ssize_t n;

		r = host_path_of(s, depth ? NA : dirfd_idx, cur, 0, plan->program_host,
				 sizeof(plan->program_host));
		if (r == 1)
			r = -ENOENT;	/* a start directory outside the root */
		if (r == 0)
			r = open_program(plan->program_host, &fd);
		if (r < 0)
			return r;
		n = pread(fd, buf, sizeof(buf), 0);
		if (n < 0)
			return -errno;
		if (parse_shebang(buf, (size_t)n, &sb) < 0) {
			r = elf_read_info(fd, &elf);
			if (r < 0)
				return r;
			break;
		}
		if (++depth > SCRIPT_MAX_DEPTH)
			return -ELOOP;
		if (depth == 1 && cloexec_fd)
			return -ENOENT;	/* the interpreter could not open /dev/fd/N */
		r = unwrap_script(na, &sb, depth == 1 ? shown : cur);
		if (r < 0)
			return r;
		plan->rewritten = true;
		snprintf(cur, sizeof(cur), "%s", sb.interp);
	}
	snprintf(plan->program, sizeof(plan->program), "%s", cur);
	plan->execfn_index = -1;
	if (!strncmp(shown, "/dev/fd/", 8) && !strchr(shown + 8, '/'))
		comm_source = cur;	/* fexecve: the kernel names it after the file run */
	r = program_arg(s, cur, depth == 0 && dirfd_idx != NA, plan, cur, sizeof(cur));
	if (r < 0)
		return r;
	if (!native_machine(elf.machine)) {
		/* QEMU -0 ARGV0 PROGRAM ARGS...: qemu opens the program and its
		 * loader itself, through us. */
		r = find_qemu(&elf, ldso, sizeof(ldso));
		if (r == 0)
			r = insert(na, 0, (const char *[]){ ldso, "-0" }, 2);
		if (r == 0)
			r = insert(na, 3, (const char *[]){ cur }, 1);
		named_loader(ldso, comm_source, plan->filename, sizeof(plan->filename));
		plan->rewritten = true;
		plan->execfn_index = 3;
		return r;
	}
	if (!elf.has_interp) {
		/* through a link of the name it was called by, as for a loader */
		named_loader(plan->program_host, comm_source, plan->filename, sizeof(plan->filename));
		return 0;
	}
	r = host_path_of(s, NA, elf.interp, 0, ldso, sizeof(ldso));
	if (r == 1)
		r = -ENOENT;
	if (r < 0)
		return r;
	named_loader(ldso, comm_source, plan->filename, sizeof(plan->filename));
	/* LDSO --argv0 ARGV0 PROGRAM ARGS... */
	r = insert(na, 0, (const char *[]){ elf.interp, "--argv0" }, 2);
	if (r == 0)
		r = insert(na, 3, (const char *[]){ cur }, 1);
	plan->rewritten = true;
	plan->execfn_index = 3;
	return r;
}

/* execveat(fd, "", ..., AT_EMPTY_PATH): the program is the fd's file. */
static int program_of_fd(struct stop *s, int dirfd_idx, char *ret, size_t size)
{
	char session_path[PATH_MAX];
	int r = fd_session_path(s, (int)arch_sword(s->arch, s->args[dirfd_idx]), session_path,
				sizeof(session_path));

	if (r == -ESRCH)
		return r;
	if (r < 0)	/* a memfd, a deleted file: the object through its fd */
		snprintf(ret, size, "/proc/self/fd/%d", (int)arch_sword(s->arch, s->args[dirfd_idx]));
	else
		snprintf(ret, size, "%s", as_seen_by(s->p, session_path));
	return 0;
}

/* A setuid or setgid program (by its fake mode) changes the effective ids,
 * as the kernel would, unless the program asked for no_new_privs. */
static void setid_of(const struct stop *s, const char *program_host, struct pending_exec *pe)
{
	struct stat st;

	pe->set_uid = pe->set_gid = (uint32_t)-1;
	if (s->p->creds.no_new_privs || stat(program_host, &st) < 0)
		return;
	fake_view(program_host, false, &st);
	if (st.st_mode & S_ISUID)
		pe->set_uid = st.st_uid;
	if ((st.st_mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
		pe->set_gid = st.st_gid;
}

/* AT_EXECFN points at the name the kernel was given: pad that name with
 * leading slashes to the length of the one to show, so that fix_execfn()
 * can write it in place (a long relative path, a program run through a
 * loader by a name longer than the loader's link). */
static void pad_filename(char *filename, size_t size, size_t want)
{
	size_t len = strlen(filename);

	if (filename[0] != '/' || len >= want || want >= size)
		return;
	memmove(filename + (want - len), filename, len + 1);
	memset(filename, '/', want - len);
}

static int remember_exec(struct stop *s, const char *given, const struct exec_plan *plan)
{
	struct pending_exec *pe = calloc(1, sizeof(*pe));
	char session_path[PATH_MAX];

	if (!pe)
		return -ENOMEM;
	setid_of(s, plan->program_host, pe);
	pe->execfn = strdup(given);
	pe->execfn_argv = plan->execfn_index;
	if (plan->execfn_index >= 0 &&
	    vroot_host_to_session(&session, plan->program_host, session_path, sizeof(session_path)) == 0)
		pe->exe = strdup(session_path);
	pending_exec_free(s->p->exec);
	s->p->exec = pe;
	return pe->execfn ? 0 : -ENOMEM;
}

/* Point the syscall at the plan: the new filename and, when changed, argv;
 * execveat's dirfd and flags no longer apply to an absolute host path. */
static int apply_plan(struct stop *s, const struct sysent *e, const struct new_argv *na,
		      const uint64_t *orig, size_t norig, const struct exec_plan *plan)
{
	uint64_t argv_addr, strs[MAX_OURS];
	int r = put_path_arg(s, e->path, plan->filename);

	if (r < 0 || !plan->rewritten)
		return r;
	r = put_argv(s, na, orig, norig, &argv_addr, strs);
	if (r < 0)
		return r;
	stop_set_arg(s, (unsigned)e->path + 1, argv_addr);
	if (e->dirfd != NA)
		stop_set_arg(s, (unsigned)e->dirfd, arch_word(s->arch, (uint64_t)(int64_t)AT_FDCWD));
	if (e->atflags != NA)
		stop_set_arg(s, (unsigned)e->atflags, 0);
	return 0;
}

static int given_path(struct stop *s, const struct sysent *e, char *ret, size_t size)
{
	int r = read_path(s, e->path, ret, size);

	if (r < 0 || s->skip)
		return r;
	if (!ret[0] && e->atflags != NA && (s->args[e->atflags] & AT_EMPTY_PATH))
		return program_of_fd(s, e->dirfd, ret, size);
	if (!ret[0])
		return -ENOENT;
	if (e->atflags != NA && (s->args[e->atflags] & AT_SYMLINK_NOFOLLOW)) {
		char host[PATH_MAX];
		struct stat st;

		r = object_host_path(s, e->dirfd, ret, RES_NOFOLLOW, host, sizeof(host));
		if (r == 0 && lstat(host, &st) == 0 && S_ISLNK(st.st_mode))
			return -ELOOP;
	}
	return 0;
}

static bool fd_is_cloexec(const struct stop *s, int fd)
{
	char path[64], buf[256];
	FILE *f;
	unsigned long flags = 0;

	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", s->p->tid, fd);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (fgets(buf, sizeof(buf), f))
		if (sscanf(buf, "flags: %lo", &flags) == 1)
			break;
	fclose(f);
	return flags & O_CLOEXEC;
}

/* The name the kernel gives what execveat runs (AT_EXECFN, a script's
 * argument): /dev/fd/N for the fd itself, /dev/fd/N/PATH for a path
 * relative to it, the path as given otherwise; and whether that fd closes
 * on exec (then a script's interpreter cannot open it). */
static int kernel_name(struct stop *s, const struct sysent *e, const char *given, char *ret,
		       size_t size, bool *ret_cloexec)
{
	char path[PATH_MAX];
	int dirfd = e->dirfd == NA ? AT_FDCWD : (int)arch_sword(s->arch, s->args[e->dirfd]);
	int r = dirfd == AT_FDCWD ? 1 : read_path(s, e->path, path, sizeof(path));

	if (r < 0 || s->skip)
		return r < 0 ? r : -EFAULT;
	if (dirfd == AT_FDCWD || (path[0] == '/')) {
		snprintf(ret, size, "%s", given);
		return 0;
	}
	*ret_cloexec = fd_is_cloexec(s, dirfd);
	if (!path[0])
		snprintf(ret, size, "/dev/fd/%d", dirfd);
	else
		snprintf(ret, size, "/dev/fd/%d/%s", dirfd, path);
	return 0;
}

/* Nothing to translate: the kernel runs it as it is; only a setuid or
 * setgid fake mode needs noting for the exec event. */
static int note_setid_only(struct stop *s, const struct sysent *e)
{
	char host[PATH_MAX];
	struct pending_exec *pe;
	bool nofollow;
	int r = object_of(s, e, host, sizeof(host), &nofollow);

	if (r != 0)
		return r < 0 ? r : 0;
	pe = calloc(1, sizeof(*pe));
	if (!pe)
		return -ENOMEM;
	setid_of(s, host, pe);
	if (pe->set_uid == (uint32_t)-1 && pe->set_gid == (uint32_t)-1) {
		free(pe);
		return 0;
	}
	pe->execfn_argv = -1;
	pending_exec_free(s->p->exec);
	s->p->exec = pe;
	return 0;
}

int handle_exec(struct stop *s, const struct sysent *e)
{
	char given[PATH_MAX], shown[PATH_MAX + 32];
	bool cloexec_fd = false;
	struct new_argv *na;
	struct exec_plan *plan;
	_cleanup_free_ uint64_t *orig = NULL;
	size_t norig = 0;
	int r;

	if (needs_no_translation(s))
		return note_setid_only(s, e);
	r = given_path(s, e, given, sizeof(given));
	if (s->skip || r == -ESRCH)
		return s->skip ? 0 : r;
	if (r < 0) {
		stop_fail(s, -r);
		return 0;
	}
	r = scratch_prepare(s);
	if (r != 0)
		return r < 0 ? r : 0;	/* re-executed once scratch is mapped */
	r = read_argv(s, arch_word(s->arch, s->args[e->path + 1]), &orig, &norig);
	if (r < 0)
		return r == -EFAULT ? (stop_fail(s, EFAULT), 0) : r;
	na = calloc(1, sizeof(*na));
	plan = calloc(1, sizeof(*plan));
	if (!na || !plan) {
		free(na);
		free(plan);
		return -ENOMEM;
	}
	na->nours = 1;
	na->orig_from = 1;
	if (norig)
		na->ours_ptr[0] = orig[0];
	r = kernel_name(s, e, given, shown, sizeof(shown), &cloexec_fd);
	if (r == 0)
		r = plan_exec(s, e->dirfd, given, shown, cloexec_fd, na, plan);
	if (r == 0) {
		pad_filename(plan->filename, sizeof(plan->filename), strlen(shown));
		r = apply_plan(s, e, na, orig, norig, plan);
	}
	if (r == 0)
		r = remember_exec(s, shown, plan);
	log_v(1, "%d: exec %s -> %s%s", s->p->tid, given, r < 0 ? strerror(-r) : plan->filename,
	      plan->rewritten ? " (rewritten)" : "");
	free(na);
	free(plan);
	if (r < 0 && r != -ESRCH && r != -ENOMEM) {
		stop_fail(s, -r);
		return 0;
	}
	return r;
}

/* Stops after an exec through a loader in which to look for its change of
 * AT_EXECFN: glibc's makes it before its second trapped syscall. */
#define EXECFN_LATE_STOPS 6

/* Find AT_EXECFN in the new stack (argc, argv, envp, auxv from sp) and make
 * its string the path as given: in place when it fits, else the argv
 * string that holds it. */
static void fix_execfn(struct proc *p, const struct arch_def *a, uint64_t sp,
		       const struct pending_exec *pe)
{
	unsigned w = a->word_size;
	_cleanup_free_ unsigned char *stack = malloc(65536);
	size_t valid = 0, n, i;
	uint64_t argc, v = 0, argv_at = 1;

	if (!stack)
		return;
	/* Page by page (the first one from sp to its end): the stack may end
	 * at any page boundary above sp. */
	for (size_t chunk = 4096 - (sp & 4095); valid + chunk <= 65536 &&
	     mem_read(p->tid, sp + valid, stack + valid, chunk) == 0; chunk = 4096)
		valid += chunk;
	n = valid / w;
	if (n < 2)
		return;
#define WORD(k) (v = 0, memcpy(&v, stack + (k) * w, w), v)
	argc = WORD(0);
	i = 1 + argc + 1;
	while (i < n && WORD(i))
		i++;			/* envp */
	for (i++; i + 1 < n && WORD(i) != AT_NULL; i += 2) {
		char cur[PATH_MAX];
		uint64_t str;

		if (v != AT_EXECFN)
			continue;
		str = WORD(i + 1);
		if (mem_read_string(p->tid, str, cur, sizeof(cur)) < 0)
			return;
		if (strlen(pe->execfn) <= strlen(cur)) {
			(void)mem_write(p->tid, str, pe->execfn, strlen(pe->execfn) + 1);
			if (pe->execfn_argv == 3 && argc > 3)
				p->mm->execfn_late = (typeof(p->mm->execfn_late)){
					sp + i * w, str, WORD(argv_at + 3), EXECFN_LATE_STOPS };
		} else if (pe->execfn_argv >= 0 && (uint64_t)pe->execfn_argv < argc) {
			str = WORD(argv_at + (size_t)pe->execfn_argv);
			(void)mem_write(p->tid, sp + (i + 1) * w, &str, w);
		}
		return;
	}
#undef WORD
}

void exec_done(struct proc *p, const struct arch_def *a, uint64_t sp)
{
	struct pending_exec *pe = p->exec;

	if (pe && pe->set_uid != (uint32_t)-1)
		p->creds.euid = p->creds.fsuid = pe->set_uid;
	if (pe && pe->set_gid != (uint32_t)-1)
		p->creds.egid = p->creds.fsgid = pe->set_gid;
	creds_exec(&p->creds);
	if (!pe)
		return;
	p->exec = NULL;
	if (pe->execfn && a)
		fix_execfn(p, a, sp, pe);
	free(p->mm->exe);
	p->mm->exe = pe->exe;
	p->mm->loader_argv = pe->execfn_argv == 3;
	pe->exe = NULL;
	pending_exec_free(pe);
}

/* glibc's ld.so, run as the program, points AT_EXECFN at its program
 * argument once it has mapped it, and then (2.36 on: at once) moves argv,
 * envp and auxv down over the 3 words of LOADER --argv0 ARGV0.  At the
 * next stops, find the entry at either place by its type and that value,
 * and point it back at the name as given. */
void exec_execfn_late(struct stop *s)
{
	struct mm *mm = s->p->mm;
	unsigned w = s->arch->word_size;

	if (!mm->execfn_late.stops)
		return;
	mm->execfn_late.stops--;
	for (unsigned moved = 0; moved <= 3; moved += 3) {
		uint64_t at = mm->execfn_late.entry - moved * w, type = 0, val = 0;
		unsigned char buf[16];

		if (mem_read(s->p->tid, at, buf, 2 * w) < 0)
			continue;
		memcpy(&type, buf, w);
		memcpy(&val, buf + w, w);
		if (type == AT_EXECFN && val == mm->execfn_late.program) {
			(void)mem_write(s->p->tid, at + w, &mm->execfn_late.want, w);
			mm->execfn_late.stops = 0;
			return;
		}
	}
}

/* /proc/PID/cmdline of a program run through a loader: what it would be
 * natively (the loader, its option and the program's path left out), in a
 * file of the session's that the open is pointed at.  NULL: not ours. */
int cmdline_for(const char *host, char *ret, size_t size)
{
	const char *rest = resolve_proc_pid_rest(host), *dir;
	const struct proc *p;
	char path[64], *buf;
	long pid;
	ssize_t n;
	int fd, r = 0;

	if (!rest || strcmp(rest, "/cmdline"))
		return 0;
	pid = strtol(host + 6, NULL, 10);
	p = pid > 0 ? proc_find((pid_t)pid) : NULL;
	if (!p || !p->mm->loader_argv || session_tmpdir(&dir) < 0)
		return 0;
	buf = malloc(128 * 1024);
	fd = open(host, O_RDONLY | O_CLOEXEC);
	n = buf && fd >= 0 ? read(fd, buf, 128 * 1024) : -1;
	if (fd >= 0)
		close(fd);
	snprintf(path, sizeof(path), "/cmdline.%ld", pid);
	if (n > 0 && snprintf(ret, size, "%s%s", dir, path) < (int)size) {
		/* keep entry 2 (ARGV0) and 4...: drop the loader, its option
		 * and the program's path */
		size_t off = 0, out = 0;
		for (unsigned i = 0; off < (size_t)n; i++) {
			size_t len = strnlen(buf + off, (size_t)n - off) + 1;
			if (i == 2 || i >= 4) {
				memmove(buf + out, buf + off, len);
				out += len;
			}
			off += len;
		}
		fd = open(ret, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		r = fd >= 0 && write(fd, buf, out) == (ssize_t)out ? 1 : 0;
		if (fd >= 0)
			close(fd);
	}
	free(buf);
	return r;
}

