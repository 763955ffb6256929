/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "tracer.h"

/* Handle one trapped syscall: translate, emulate or let it through. */
int emul_syscall(struct stop *s);

/* vroot.c: the virtual root directory. */
int vroot_init(const char *host_dir);
bool vroot_is_host_root(void);
/* The host path of an absolute guest path. */
int vroot_to_host(const char *guest, char *ret_host, size_t max);
