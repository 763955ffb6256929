/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "resolve.h"
#include "sysent.h"
#include "tracer.h"

/* Handle one trapped syscall: translate, emulate or let it through. */
int emul_syscall(struct stop *s);
/* p's previous syscall has completed (it stopped again, or exited). */
void emul_after_syscall(struct proc *p);
/* The exit stop a handler asked for (s->want_exit, p->exit_id). */
int emul_syscall_exit(struct proc *p, const struct arch_def *a, int64_t rval);

/* vroot.c: the session's virtual root directory and its bindings. */
extern struct vroot session;
int vroot_init(const char *host_dir, bool default_binds);
/* HOST[:GUEST], GUEST defaulting to HOST. */
int vroot_bind(const char *spec);
/* Every guest path is its own host path: nothing to translate. */
bool vroot_is_identity(void);

/* handlers.c, shared by the handler families */
/* Nothing to translate for this process: identity root, no chroot. */
bool needs_no_translation(const struct stop *s);
/* Session path of the tracee's working directory or of its dirfd. */
int base_of(const struct stop *s, int dirfd, char *ret, size_t size);
/* A session path as the process sees it from its root. */
const char *as_seen_by(const struct proc *p, const char *session_path);
/* Host path of a guest path; 1 when the kernel can resolve it as it is. */
int host_path_of(struct stop *s, int dirfd_idx, const char *guest, unsigned rflags,
		 char *ret_host, size_t size);
/* Read path argument idx; a bad pointer fails the syscall (s->skip). */
int read_path(struct stop *s, int idx, char *buf, size_t size);
int put_path_arg(struct stop *s, int idx, const char *host);

/* mount.c */
int handle_mount(struct stop *s, const struct sysent *e);
/* identity.c */
void creds_init(struct creds *c, uint32_t uid, uint32_t gid);
bool creds_capable(const struct creds *c, int cap);
/* After an exec: capabilities as the kernel recomputes them for root. */
void creds_exec(struct creds *c);
int handle_identity(struct stop *s);
int handle_prctl(struct stop *s);

/* exec.c */
int handle_exec(struct stop *s, const struct sysent *e);
/* The exec event of p: make it look as it would have natively. */
void exec_done(struct proc *p, const struct arch_def *a, uint64_t sp);

/* sock.c */
int handle_sock(struct stop *s);
int handle_sock_exit(struct proc *p, const struct arch_def *a, int64_t rval);
int handle_sendmmsg_exit(struct proc *p, const struct arch_def *a, int64_t rval);

/* vroot.c: the session's private directory under $TMPDIR, made on first
 * use, removed with all it holds by session_cleanup(). */
int session_tmpdir(const char **ret);
void session_cleanup(void);
