/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* SHA-256 (FIPS 180-4), streaming. */

#include <stddef.h>
#include <stdint.h>

#define SHA256_SIZE 32

struct sha256 {
	uint32_t h[8];
	uint64_t len;		/* bytes hashed so far */
	unsigned char buf[64];
	size_t fill;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t n);
/* n zero bytes: the holes of a sparse file. */
void sha256_zeros(struct sha256 *c, uint64_t n);
void sha256_final(struct sha256 *c, unsigned char out[SHA256_SIZE]);
