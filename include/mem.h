/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/*
 * Tracee memory: process_vm_readv/writev, one call per object, with
 * /proc/PID/mem as the fallback where those are refused.
 */

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

int mem_read(pid_t pid, uint64_t addr, void *buf, size_t len);
int mem_write(pid_t pid, uint64_t addr, const void *buf, size_t len);
/* A NUL-terminated string of at most max bytes including the NUL: its length,
 * -EFAULT, or -ENAMETOOLONG. */
int mem_read_string(pid_t pid, uint64_t addr, char *buf, size_t max);
