/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <elf.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "binfmt.h"

static bool spacetab(char c)
{
	return c == ' ' || c == '\t';
}

static const char *next_non_spacetab(const char *p, const char *end)
{
	for (; p < end; p++)
		if (!spacetab(*p))
			return p;
	return NULL;
}

static const char *next_terminator(const char *p, const char *end)
{
	for (; p < end; p++)
		if (spacetab(*p) || !*p)
			return p;
	return NULL;
}

int parse_shebang(const char *buf, size_t len, struct shebang *ret)
{
	char line[BINPRM_BUF_SIZE];
	const char *end, *nl, *name, *sep, *arg;
	size_t n = len < sizeof(line) ? len : sizeof(line);

	if (n < 2 || buf[0] != '#' || buf[1] != '!')
		return -ENOEXEC;
	memcpy(line, buf, n);
	if (n < sizeof(line))
		memset(line + n, 0, sizeof(line) - n);
	line[sizeof(line) - 1] = '\0';
	end = line + sizeof(line) - 1;
	nl = memchr(line, '\n', sizeof(line));
	if (!nl) {
		/* The line goes on past what the kernel reads: fine only if
		 * the interpreter's name ends within it. */
		name = next_non_spacetab(line + 2, end);
		if (!name || !next_terminator(name, end))
			return -ENOEXEC;
		nl = end;
	}
	while (nl > line + 2 && spacetab(nl[-1]))
		nl--;
	name = next_non_spacetab(line + 2, nl);
	if (!name || name == nl || !*name)
		return -ENOEXEC;
	sep = next_terminator(name, nl);
	if (!sep)
		sep = nl;
	arg = (sep < nl && *sep) ? next_non_spacetab(sep, nl) : NULL;
	memset(ret, 0, sizeof(*ret));
	memcpy(ret->interp, name, (size_t)(sep - name));
	if (arg && *arg) {
		const char *arg_end = memchr(arg, '\0', (size_t)(nl - arg));

		ret->has_arg = true;
		memcpy(ret->arg, arg, (size_t)((arg_end ? arg_end : nl) - arg));
	}
	return 0;
}

/* Fields in the file's own byte order. */
struct elf_reader {
	bool be;
	bool is64;
};

static uint64_t rd(const struct elf_reader *er, const unsigned char *p, unsigned size)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < size; i++)
		v |= (uint64_t)p[er->be ? size - 1 - i : i] << (8 * i);
	return v;
}

static int read_interp(int fd, uint64_t off, uint64_t size, struct elf_info *info)
{
	if (size == 0 || size > sizeof(info->interp))
		return -ENOEXEC;
	if (pread(fd, info->interp, size, (off_t)off) != (ssize_t)size)
		return -ENOEXEC;
	if (info->interp[size - 1] != '\0')
		return -ENOEXEC;
	info->has_interp = true;
	return 0;
}

/* The program headers, looking for PT_INTERP. */
static int find_interp(int fd, const struct elf_reader *er, const unsigned char *ehdr,
		       struct elf_info *info)
{
	uint64_t phoff = er->is64 ? rd(er, ehdr + 32, 8) : rd(er, ehdr + 28, 4);
	unsigned phentsize = (unsigned)rd(er, ehdr + (er->is64 ? 54 : 42), 2);
	unsigned phnum = (unsigned)rd(er, ehdr + (er->is64 ? 56 : 44), 2);

	if (phentsize != (er->is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr)))
		return -ENOEXEC;
	for (unsigned i = 0; i < phnum && i < 128; i++) {
		unsigned char ph[sizeof(Elf64_Phdr)];
		uint64_t off, size;

		if (pread(fd, ph, phentsize, (off_t)(phoff + (uint64_t)i * phentsize)) != phentsize)
			return -ENOEXEC;
		if (rd(er, ph, 4) != PT_INTERP)
			continue;
		off = er->is64 ? rd(er, ph + 8, 8) : rd(er, ph + 4, 4);
		size = er->is64 ? rd(er, ph + 32, 8) : rd(er, ph + 16, 4);
		return read_interp(fd, off, size, info);
	}
	return 0;
}

int elf_read_info(int fd, struct elf_info *ret)
{
	unsigned char ehdr[sizeof(Elf64_Ehdr)];
	struct elf_info info = {};
	struct elf_reader er;
	ssize_t n = pread(fd, ehdr, sizeof(ehdr), 0);
	int r;

	if (n < (ssize_t)sizeof(Elf32_Ehdr) || memcmp(ehdr, ELFMAG, SELFMAG))
		return -ENOEXEC;
	info.class = ehdr[EI_CLASS];
	if (info.class != ELFCLASS64 && info.class != ELFCLASS32)
		return -ENOEXEC;
	if (ehdr[EI_DATA] != ELFDATA2LSB && ehdr[EI_DATA] != ELFDATA2MSB)
		return -ENOEXEC;
	er = (struct elf_reader){ ehdr[EI_DATA] == ELFDATA2MSB, info.class == ELFCLASS64 };
	if (er.is64 && n < (ssize_t)sizeof(Elf64_Ehdr))
		return -ENOEXEC;
	info.big_endian = er.be;
	info.type = (uint16_t)rd(&er, ehdr + 16, 2);
	info.machine = (uint16_t)rd(&er, ehdr + 18, 2);
	if (info.type != ET_EXEC && info.type != ET_DYN)
		return -ENOEXEC;
	r = find_interp(fd, &er, ehdr, &info);
	if (r < 0)
		return r;
	*ret = info;
	return 0;
}
