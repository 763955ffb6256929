/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* -v levels: 1 what is emulated or refused, 2 every trapped syscall,
 * 3 every ptrace event. */
extern int log_level;

int log_open_file(const char *path);
void log_msg(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* An error of iamroot-run itself, always shown, on stderr and the log. */
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define log_v(level, ...) \
	do { if (log_level >= (level)) log_msg(level, __VA_ARGS__); } while (0)
