/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "resolve.h"
#include "tracer.h"

/* Handle one trapped syscall: translate, emulate or let it through. */
int emul_syscall(struct stop *s);
/* p's previous syscall has completed (it stopped again, or exited). */
void emul_after_syscall(struct proc *p);

/* vroot.c: the session's virtual root directory and its bindings. */
extern struct vroot session;
int vroot_init(const char *host_dir, bool default_binds);
/* HOST[:GUEST], GUEST defaulting to HOST. */
int vroot_bind(const char *spec);
/* Every guest path is its own host path: nothing to translate. */
bool vroot_is_identity(void);
