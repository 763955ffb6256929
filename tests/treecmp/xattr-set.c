/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xattr-set FILE NAME VALUE: lsetxattr with a value spelled as the store's
 * format needs it (setfattr is not always installed):
 *   u32:N         4 bytes, native byte order (user.iamroot.uid, gid)
 *   mode:OCTAL    4 bytes, native, the number in octal (user.iamroot.mode, type)
 *   dev:MAJ,MIN   8 bytes, native, makedev(MAJ, MIN) (user.iamroot.rdev)
 *   hex:HEX       the bytes given
 *   str:TEXT      the text, without a NUL
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>

int main(int argc, char **argv)
{
	unsigned char buf[4096];
	const char *v;
	size_t n = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: xattr-set FILE NAME u32:N|mode:OCTAL|dev:MAJ,MIN|hex:HEX|str:TEXT\n");
		return 2;
	}
	v = argv[3];
	if (!strncmp(v, "u32:", 4) || !strncmp(v, "mode:", 5)) {
		uint32_t x = (uint32_t)strtoul(strchr(v, ':') + 1, NULL, *v == 'u' ? 10 : 8);

		memcpy(buf, &x, n = sizeof(x));
	} else if (!strncmp(v, "dev:", 4)) {
		unsigned maj, min;
		uint64_t d;

		if (sscanf(v + 4, "%u,%u", &maj, &min) != 2)
			return 2;
		d = makedev(maj, min);
		memcpy(buf, &d, n = sizeof(d));
	} else if (!strncmp(v, "hex:", 4)) {
		for (v += 4; v[0] && v[1] && n < sizeof(buf); v += 2)
			sscanf(v, "%2hhx", &buf[n++]);
	} else if (!strncmp(v, "str:", 4)) {
		n = strlen(v + 4);
		if (n > sizeof(buf))
			return 2;
		memcpy(buf, v + 4, n);
	} else {
		fprintf(stderr, "xattr-set: bad value %s\n", v);
		return 2;
	}
	if (lsetxattr(argv[1], argv[2], buf, n, 0) < 0) {
		perror("xattr-set: lsetxattr");
		return 1;
	}
	return 0;
}
