/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* Parsing what the kernel parses at execve: `#!` lines and ELF headers. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BINPRM_BUF_SIZE 256	/* what the kernel reads of a script */
#define SCRIPT_MAX_DEPTH 5	/* scripts in a chain before ELOOP, as measured */

struct shebang {
	char interp[BINPRM_BUF_SIZE];
	char arg[BINPRM_BUF_SIZE];
	bool has_arg;
};

/* The `#!` line in the first len bytes of a file, by the kernel's rules
 * (fs/binfmt_script.c): the rest of the line after the interpreter is one
 * optional argument, trimmed.  -ENOEXEC when the file does not start with
 * `#!` or names no interpreter, or the interpreter name is cut short. */
int parse_shebang(const char *buf, size_t len, struct shebang *ret);

struct elf_info {
	uint8_t class;		/* ELFCLASS32 or ELFCLASS64 */
	uint16_t machine;	/* EM_* */
	bool big_endian;
	uint16_t type;		/* ET_EXEC or ET_DYN */
	bool has_interp;
	char interp[4096];	/* PT_INTERP, when has_interp */
};

/* The ELF header of an open file: class, machine, type and PT_INTERP.
 * -ENOEXEC when it is not an ELF executable we can read. */
int elf_read_info(int fd, struct elf_info *ret);
